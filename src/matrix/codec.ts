import * as t from 'io-ts'
import type { Matrix } from './Matrix.js'
import { buffer, fromBuffer } from './internal.js'

/**
 * The JSON form of a matrix: its shape and its entries in row-major order.
 * JSON has no −0, so a negative zero travels as the string `"-0"`; every
 * other entry is a plain finite number, printed with enough digits that it
 * parses back to the identical float64.
 *
 * @category codec
 */
export interface MatrixJson {
  readonly rows: number
  readonly cols: number
  readonly data: ReadonlyArray<number | '-0'>
}

const isSize = (u: unknown): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 0

const entry = (u: unknown): number | undefined =>
  typeof u === 'number' && Number.isFinite(u) ? u : u === '-0' ? -0 : undefined

const encodeEntry = (x: number): number | '-0' => (Object.is(x, -0) ? '-0' : x)

/**
 * An io-ts codec between untrusted JSON and `Matrix`.
 *
 * `decode` accepts `{ rows, cols, data }` (row-major entries) or an array of
 * equally long rows, and fails — with the path of the offending value and
 * never a throw — on negative or fractional sizes, a data length that is not
 * rows·cols, ragged rows, and entries that are not finite numbers. It builds
 * the matrix only once everything has been checked. `encode` gives the
 * `{ rows, cols, data }` form; `decode(encode(m))` is `m`, bit for bit.
 *
 * @category codec
 */
export const codec: t.Type<Matrix, MatrixJson> = new t.Type<Matrix, MatrixJson>(
  'Matrix',
  (u): u is Matrix => typeof u === 'object' && u !== null && (u as { _tag?: unknown })._tag === 'Matrix',
  (u, c) => (Array.isArray(u) ? decodeRows(u, c) : decodeFlat(u, c)),
  (m) => ({ rows: m.rows, cols: m.cols, data: Array.from(buffer(m), encodeEntry) }),
)

const decodeFlat = (u: unknown, c: t.Context): t.Validation<Matrix> => {
  if (typeof u !== 'object' || u === null) return t.failure(u, c, 'expected { rows, cols, data } or an array of rows')
  const { rows, cols, data } = u as { rows?: unknown; cols?: unknown; data?: unknown }
  if (!isSize(rows))
    return t.failure(rows, t.appendContext(c, 'rows', t.number, rows), 'rows must be a non-negative integer')
  if (!isSize(cols))
    return t.failure(cols, t.appendContext(c, 'cols', t.number, cols), 'cols must be a non-negative integer')
  if (!Array.isArray(data))
    return t.failure(data, t.appendContext(c, 'data', t.UnknownArray, data), 'data must be an array')
  if (data.length !== rows * cols) {
    return t.failure(
      data,
      t.appendContext(c, 'data', t.UnknownArray, data),
      `data has ${String(data.length)} entries, a ${String(rows)}×${String(cols)} matrix needs ${String(rows * cols)}`,
    )
  }
  const values = (data as ReadonlyArray<unknown>).map(entry)
  const bad = values.findIndex((x) => x === undefined)
  if (bad >= 0) {
    const at = t.appendContext(t.appendContext(c, 'data', t.UnknownArray, data), String(bad), t.number, data[bad])
    return t.failure(data[bad], at, 'entries must be finite numbers')
  }
  return t.success(fromBuffer(rows, cols, Float64Array.from(values as ReadonlyArray<number>)))
}

const decodeRows = (u: ReadonlyArray<unknown>, c: t.Context): t.Validation<Matrix> => {
  const first: unknown = u[0]
  const width = Array.isArray(first) ? first.length : 0
  const badRow = u.findIndex((r) => !Array.isArray(r) || r.length !== width)
  if (badRow >= 0) {
    const r: unknown = u[badRow]
    return t.failure(
      r,
      t.appendContext(c, String(badRow), t.UnknownArray, r),
      badRow === 0
        ? 'expected an array of rows, each an array of numbers'
        : `row ${String(badRow)} must be an array of ${String(width)} numbers, like row 0`,
    )
  }
  const rows = u as ReadonlyArray<ReadonlyArray<unknown>>
  // Entries are checked here, so that a bad one is reported at its row and
  // column rather than at an index into a flattened array the caller never saw.
  const bad = rows.flatMap((r, i) => {
    const j = r.findIndex((x) => entry(x) === undefined)
    return j >= 0 ? [{ i, j, row: r, value: r[j] }] : []
  })[0]
  if (bad !== undefined) {
    const at = t.appendContext(
      t.appendContext(c, String(bad.i), t.UnknownArray, bad.row),
      String(bad.j),
      t.number,
      bad.value,
    )
    return t.failure(bad.value, at, 'entries must be finite numbers')
  }
  return decodeFlat({ rows: rows.length, cols: width, data: rows.flat() }, c)
}
