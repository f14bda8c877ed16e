/**
 * nabla: functional, immutable gradients for TypeScript.
 *
 * The package root holds the math: the `Matrix` and `Random` modules, the
 * differentiable operations, the transforms (`grad`, `vjp`, `jvp`, …) and
 * custom rules, the numerical checks of derivatives, and backpropagation as
 * its four equations. It loads no Node built-in and bundles for a browser
 * as it is. Training is `nabla/train`, data sets are `nabla/data`,
 * everything that touches files is `nabla/node`, the laws are
 * `nabla/laws`, and authors of new primitives use `nabla/extend`.
 *
 * @module nabla
 */
import * as MatrixModule from './matrix/index.js'
import type { Matrix as MatrixInterface } from './matrix/Matrix.js'

/**
 * The Matrix module (`Matrix.fromRows`, `Matrix.matmul`, `Matrix.codec`, …),
 * and, as a type, an immutable float64 matrix. The same module is
 * `nabla/matrix`, where its functions and types can be imported one by one.
 */
export const Matrix: typeof MatrixModule = MatrixModule
/** An immutable float64 matrix of `Rows` × `Cols` (the type of `nabla/matrix`). */
export type Matrix<Rows extends number = number, Cols extends number = number> = MatrixInterface<Rows, Cols>

export { ShapeError } from './matrix/ShapeError.js'
export type { Shape, Fits, Known, SameShape } from './matrix/Matrix.js'
export type { ShapeMismatch } from './matrix/ShapeMismatch.js'
export type { MatrixJson } from './matrix/codec.js'
export type { NumberJson } from './matrix/json.js'
export type { ApproxTolerance } from './matrix/index.js'
export type { Rng } from './matrix/Random.js'
export * as Random from './matrix/Random.js'
export * from './ad/index.js'
export * from './numeric/index.js'
export * from './backprop/index.js'
