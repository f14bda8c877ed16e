/* eslint-disable functional/no-loop-statements, functional/no-let, functional/immutable-data --
 * Constructors fill buffers they allocate themselves before wrapping them.
 */
import type { Matrix } from './Matrix.js'
import type { ShapeMismatch } from './ShapeMismatch.js'
import { ShapeError } from './ShapeError.js'
import { assertSize, buffer, fromBuffer, isMatrixValue } from './internal.js'

/** Row count of a literal array of rows, or `number`. */
type RowCount<T extends ReadonlyArray<ReadonlyArray<number>>> = T['length']
/** Column count of a literal array of rows (its first row's length, 0 for no rows), or `number`. */
type ColCount<T extends ReadonlyArray<ReadonlyArray<number>>> = T extends readonly [
  infer First extends ReadonlyArray<number>,
  ...ReadonlyArray<ReadonlyArray<number>>,
]
  ? First['length']
  : T extends readonly []
    ? 0
    : number

/** The index of the first literal row whose length differs from row 0's, with both lengths; `never` if none. */
type Ragged<
  Rows extends ReadonlyArray<ReadonlyArray<number>>,
  Width extends number,
  Seen extends ReadonlyArray<unknown> = [],
> = Rows extends readonly [
  infer Row extends ReadonlyArray<number>,
  ...infer Rest extends ReadonlyArray<ReadonlyArray<number>>,
]
  ? number extends Row['length']
    ? Ragged<Rest, Width, [...Seen, Row]>
    : [Row['length']] extends [Width]
      ? Ragged<Rest, Width, [...Seen, Row]>
      : readonly [Seen['length'], Row['length']]
  : never

/** Literal rows all have row 0's length: `unknown`, or the mismatch that names the first row that does not. */
type RowsRule<T extends ReadonlyArray<ReadonlyArray<number>>> =
  number extends ColCount<T>
    ? unknown
    : [Ragged<T, ColCount<T>>] extends [never]
      ? unknown
      : ShapeMismatch<'fromRows', RaggedMessage<Ragged<T, ColCount<T>>, ColCount<T>>>

type RaggedMessage<Found, Width extends number> = Found extends readonly [
  infer I extends number,
  infer N extends number,
]
  ? `row ${I} has ${N} entries, row 0 has ${Width} (shapes 1×${Width} and 1×${N})`
  : never

/**
 * A matrix from an array of rows. Literal rows give literal dimensions:
 * `fromRows([[1, 2, 3], [4, 5, 6]])` is a `Matrix<2, 3>`. The rows are
 * copied. Rows of different lengths throw a `ShapeError`; literal rows of
 * different lengths do not compile.
 *
 * @example
 * const m = fromRows([[1, 2], [3, 4]])   // Matrix<2, 2>
 * @category constructors
 */
export const fromRows = <const T extends ReadonlyArray<ReadonlyArray<number>>>(
  rows: T & RowsRule<T>,
): Matrix<RowCount<T>, ColCount<T>> => {
  const r = rows.length
  const c = r === 0 ? 0 : (rows[0] as ReadonlyArray<number>).length
  const out = new Float64Array(r * c)
  for (let i = 0; i < r; i++) {
    const row = rows[i] as ReadonlyArray<number>
    if (row.length !== c) {
      throw new ShapeError(
        'fromRows',
        [
          [1, c],
          [1, row.length],
        ],
        `row ${String(i)} has ${String(row.length)} entries, row 0 has ${String(c)}`,
      )
    }
    for (let j = 0; j < c; j++) out[i * c + j] = row[j] as number
  }
  return fromBuffer(r as RowCount<T>, c as ColCount<T>, out)
}

/**
 * A rows×cols matrix from its entries in row-major order (copied).
 * Throws a `ShapeError` if there are not exactly rows·cols of them.
 *
 * @category constructors
 */
export const fromArray = <R extends number, C extends number>(
  rows: R,
  cols: C,
  values: ArrayLike<number>,
): Matrix<R, C> => {
  assertSize('fromArray', rows, cols)
  if (values.length !== rows * cols) {
    throw new ShapeError(
      'fromArray',
      [[rows, cols]],
      `expected ${String(rows * cols)} values, got ${String(values.length)}`,
    )
  }
  return fromBuffer(rows, cols, Float64Array.from(values))
}

/** A rows×cols matrix whose entry (i, j) is f(i, j). @category constructors */
export const generate = <R extends number, C extends number>(
  rows: R,
  cols: C,
  f: (i: number, j: number) => number,
): Matrix<R, C> => {
  assertSize('generate', rows, cols)
  const out = new Float64Array(rows * cols)
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = f(i, j)
  return fromBuffer(rows, cols, out)
}

/** A rows×cols matrix with every entry equal to `value`. @category constructors */
export const fill = <R extends number, C extends number>(rows: R, cols: C, value: number): Matrix<R, C> => {
  assertSize('fill', rows, cols)
  return fromBuffer(rows, cols, new Float64Array(rows * cols).fill(value))
}

/** The rows×cols zero matrix. @category constructors */
export const zeros = <R extends number, C extends number>(rows: R, cols: C): Matrix<R, C> => fill(rows, cols, 0)

/** The rows×cols matrix of ones. @category constructors */
export const ones = <R extends number, C extends number>(rows: R, cols: C): Matrix<R, C> => fill(rows, cols, 1)

/** The n×n identity matrix. @category constructors */
export const identity = <N extends number>(n: N): Matrix<N, N> => {
  assertSize('identity', n, n)
  const out = new Float64Array(n * n)
  for (let i = 0; i < n; i++) out[i * n + i] = 1
  return fromBuffer(n, n, out)
}

/** A column vector (n×1) from its entries. @category constructors */
export const column = <const T extends ReadonlyArray<number>>(values: T): Matrix<T['length'], 1> =>
  fromBuffer(values.length as T['length'], 1, Float64Array.from(values))

/** A row vector (1×n) from its entries. @category constructors */
export const row = <const T extends ReadonlyArray<number>>(values: T): Matrix<1, T['length']> =>
  fromBuffer(1, values.length as T['length'], Float64Array.from(values))

/** The 1×1 matrix holding x. @category constructors */
export const scalar = (x: number): Matrix<1, 1> => fromBuffer(1, 1, Float64Array.of(x))

/** The rows of a matrix as fresh arrays. @category destructors */
export const toRows = (m: Matrix): number[][] => {
  const data = buffer(m)
  return Array.from({ length: m.rows }, (_, i) => Array.from(data.subarray(i * m.cols, (i + 1) * m.cols)))
}

/** The entries of a matrix in row-major order, as a fresh array. @category destructors */
export const toArray = (m: Matrix): number[] => Array.from(buffer(m))

/** A fresh, writable copy of a matrix's entries in row-major order. @category destructors */
export const toFloat64Array = (m: Matrix): Float64Array => buffer(m).slice()

/** Entry (i, j). Throws a `RangeError` outside the matrix. @category destructors */
export const get = (m: Matrix, i: number, j: number): number => {
  if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= m.rows || j >= m.cols) {
    throw new RangeError(
      `get: index (${String(i)}, ${String(j)}) is outside a ${String(m.rows)}×${String(m.cols)} matrix`,
    )
  }
  return buffer(m)[i * m.cols + j] as number
}

/** The `[rows, cols]` pair of a matrix. @category destructors */
export const shape = <R extends number, C extends number>(m: Matrix<R, C>): readonly [R, C] => [m.rows, m.cols]

/** The number of entries, rows·cols. @category destructors */
export const size = (m: Matrix): number => m.rows * m.cols

/**
 * Whether an unknown value is a `Matrix` made by nabla (an object that only
 * looks like one, `{ _tag: 'Matrix', rows, cols }`, is not).
 *
 * @category refinements
 */
export const isMatrix = (u: unknown): u is Matrix => isMatrixValue(u)
