import type { Matrix } from './Matrix.js'
import { ShapeError } from './ShapeError.js'

/**
 * Wraps a buffer that the caller has just allocated and will never touch
 * again. This is the only way a `Float64Array` becomes a matrix without a
 * copy, so it is internal: kernels allocate, fill, then hand the buffer over.
 */
export const fromBuffer = <R extends number, C extends number>(rows: R, cols: C, data: Float64Array): Matrix<R, C> =>
  Object.freeze({ _tag: 'Matrix' as const, rows, cols, data })

/**
 * The writable buffer behind a matrix, for kernels that only *read* it.
 * Typed as `Float64Array` so that V8 sees one monomorphic typed-array access;
 * kernels never write through it.
 */
export const buffer = (m: Matrix): Float64Array => m.data as Float64Array

/** Throws a `ShapeError` unless `a` and `b` have the same shape. */
export const assertSameShape = (op: string, a: Matrix, b: Matrix): void => {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new ShapeError(op, [shapeOf(a), shapeOf(b)], 'shapes must be equal')
  }
}

export const shapeOf = (m: Matrix): readonly [number, number] => [m.rows, m.cols]

/** Throws unless `n` is a non-negative integer size. */
export const assertSize = (op: string, rows: number, cols: number): void => {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new ShapeError(op, [[rows, cols]], 'sizes must be non-negative integers')
  }
}
