import * as t from 'io-ts'
import type { Matrix } from './Matrix.js'
import { buffer, fromBuffer } from './internal.js'
import { at, decodeNumber, encodeNumber, isPlainRecord, type NumberJson } from './json.js'

/**
 * The JSON form of a matrix: its shape and its entries in row-major order,
 * each a {@link NumberJson}: a plain number, printed with enough digits that
 * it parses back to the identical float64, or for the values JSON has no
 * literal for, one of the strings `"-0"`, `"NaN"`, `"Infinity"`,
 * `"-Infinity"`.
 *
 * @category codec
 */
export interface MatrixJson {
  readonly rows: number
  readonly cols: number
  readonly data: ReadonlyArray<NumberJson>
}

/**
 * The largest number of rows or columns the codec accepts: 2³¹ − 1, so
 * that every index of a decoded matrix is a 32-bit integer.
 *
 * @category codec
 */
export const MAX_DIMENSION: number = 2 ** 31 - 1

/**
 * The largest number of rows or columns of a decoded matrix *without
 * entries* (0×n or n×0): 2²⁰ = 1,048,576. A matrix with entries pays for its
 * shape with its data (rows·cols entries must be there), but an empty one
 * does not, and code that trusts a shape allocates by it (`toRows` of a
 * 10⁹×0 matrix would build 10⁹ arrays). 2²⁰ is far above any empty matrix
 * nabla makes (an empty batch of a data set, a layer without inputs).
 *
 * @category codec
 */
export const MAX_EMPTY_DIMENSION: number = 2 ** 20

const ENTRY_MESSAGE = 'entries must be finite numbers or one of "-0", "NaN", "Infinity", "-Infinity"'
const KEYS = ['rows', 'cols', 'data']

const isSize = (u: unknown): u is number =>
  typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 && u <= MAX_DIMENSION

/**
 * An io-ts codec between untrusted JSON and `Matrix`.
 *
 * `decode` accepts `{ rows, cols, data }` (row-major entries, each a
 * {@link NumberJson}) or an array of equally long rows. It fails — with the
 * path of the offending value, and never a throw — on sizes that are not
 * integers in 0 … {@link MAX_DIMENSION}, an empty matrix with more than
 * {@link MAX_EMPTY_DIMENSION} rows or columns, a data length that is not
 * rows·cols, ragged rows, an unknown key, and entries that are neither
 * finite numbers nor one of the four strings. It checks the shape before it
 * reads any entry, reports only the first bad entry, and builds the matrix
 * only once everything has been checked. `encode` gives the
 * `{ rows, cols, data }` form, and `decode(encode(m))` is `m`, bit for bit,
 * for every matrix (−0, NaN and ±∞ included), also through JSON text.
 *
 * @category codec
 */
export const codec: t.Type<Matrix, MatrixJson> = new t.Type<Matrix, MatrixJson>(
  'Matrix',
  (u): u is Matrix => typeof u === 'object' && u !== null && (u as { _tag?: unknown })._tag === 'Matrix',
  (u, c) => (Array.isArray(u) ? decodeRows(u, c) : decodeFlat(u, c)),
  (m) => ({ rows: m.rows, cols: m.cols, data: Array.from(buffer(m), encodeNumber) }),
)

/** Why a shape is not one the codec accepts (and under which key), or undefined. */
const shapeError = (
  rows: unknown,
  cols: unknown,
): { readonly key: 'rows' | 'cols'; readonly message: string } | undefined => {
  const range = `a non-negative integer of at most ${MAX_DIMENSION}`
  if (!isSize(rows)) return { key: 'rows', message: `rows must be ${range}` }
  if (!isSize(cols)) return { key: 'cols', message: `cols must be ${range}` }
  if (rows * cols === 0 && Math.max(rows, cols) > MAX_EMPTY_DIMENSION) {
    const key = rows > cols ? 'rows' : 'cols'
    return { key, message: `a matrix without entries may have at most ${MAX_EMPTY_DIMENSION} ${key}` }
  }
  return undefined
}

const decodeFlat = (u: unknown, c: t.Context): t.Validation<Matrix> => {
  if (!isPlainRecord(u)) return t.failure(u, c, 'expected { rows, cols, data } or an array of rows')
  const extra = Object.keys(u).find((k) => !KEYS.includes(k))
  if (extra !== undefined) {
    return t.failure(u[extra], at(c, extra, t.unknown, u[extra]), 'unknown key (expected only rows, cols, data)')
  }
  const rows = u['rows']
  const cols = u['cols']
  const data = u['data']
  const bad = shapeError(rows, cols)
  if (bad !== undefined) {
    const value = bad.key === 'rows' ? rows : cols
    return t.failure(value, at(c, bad.key, t.number, value), bad.message)
  }
  const [r, k] = [rows as number, cols as number]
  if (!Array.isArray(data)) return t.failure(data, at(c, 'data', t.UnknownArray, data), 'data must be an array')
  const entries = data as ReadonlyArray<unknown>
  if (entries.length !== r * k) {
    return t.failure(
      data,
      at(c, 'data', t.UnknownArray, data),
      `data has ${entries.length} entries, a ${r}×${k} matrix needs ${Number.isSafeInteger(r * k) ? String(r * k) : `${r}·${k}`}`,
    )
  }
  const badEntry = entries.findIndex((x) => decodeNumber(x) === undefined)
  if (badEntry >= 0) {
    const value = entries[badEntry]
    return t.failure(value, at(at(c, 'data', t.UnknownArray, data), badEntry, t.number, value), ENTRY_MESSAGE)
  }
  return t.success(
    fromBuffer(
      r,
      k,
      Float64Array.from(entries, (x) => decodeNumber(x) as number),
    ),
  )
}

const decodeRows = (u: ReadonlyArray<unknown>, c: t.Context): t.Validation<Matrix> => {
  const first: unknown = u[0]
  const width = Array.isArray(first) ? first.length : 0
  const badRow = u.findIndex((r) => !Array.isArray(r) || r.length !== width)
  if (badRow >= 0) {
    const r: unknown = u[badRow]
    return t.failure(
      r,
      at(c, badRow, t.UnknownArray, r),
      badRow === 0
        ? 'expected an array of rows, each an array of numbers'
        : `row ${badRow} must be an array of ${width} numbers, like row 0`,
    )
  }
  const rows = u as ReadonlyArray<ReadonlyArray<unknown>>
  const bad = shapeError(rows.length, width)
  if (bad !== undefined) return t.failure(u, c, bad.message)
  // Entries are checked here, so that a bad one is reported at its row and
  // column rather than at an index into a flattened array the caller never saw
  // (`findIndex` visits holes, as undefined; `some` and `flat` would skip them).
  const i = rows.findIndex((r) => r.findIndex((x) => decodeNumber(x) === undefined) >= 0)
  const row = rows[i]
  if (row !== undefined) {
    const j = row.findIndex((x) => decodeNumber(x) === undefined)
    return t.failure(row[j], at(at(c, i, t.UnknownArray, row), j, t.number, row[j]), ENTRY_MESSAGE)
  }
  return decodeFlat({ rows: rows.length, cols: width, data: rows.flat() }, c)
}
