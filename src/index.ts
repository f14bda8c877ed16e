/**
 * nabla: functional, immutable gradients for TypeScript.
 *
 * @module nabla
 */
import * as MatrixModule from './matrix/index.js'
import type { Matrix as MatrixType } from './matrix/Matrix.js'

/**
 * The Matrix module (`Matrix.fromRows`, `Matrix.matmul`, `Matrix.codec`, …),
 * and, as a type, an immutable float64 matrix.
 */
export const Matrix = MatrixModule
export type Matrix<Rows extends number = number, Cols extends number = number> = MatrixType<Rows, Cols>

export { ShapeError } from './matrix/ShapeError.js'
export type { Shape, Fits, Known, SameShape } from './matrix/Matrix.js'
export type { MatrixJson } from './matrix/codec.js'
export type { Tolerance as EqTolerance } from './matrix/instances.js'
export type { Rng } from './matrix/Random.js'
export * as Random from './matrix/Random.js'
export * from './ad/index.js'
export * from './numeric/index.js'
export * from './backprop/index.js'
export * from './train/index.js'
