/**
 * The `Matrix` module: an immutable float64 matrix type with its
 * constructors, pure operations, fp-ts instances and io-ts codec. It is
 * `Matrix` in the package root and, imported function by function,
 * `nabla/matrix`.
 *
 * @module nabla/matrix
 */
export type { Matrix, Shape, Fits, Known, SameShape } from './Matrix.js'
export type { ShapeMismatch } from './ShapeMismatch.js'
export { ShapeError } from './ShapeError.js'
export * from './construct.js'
export * from './ops.js'
export { Eq, Show, getEqApprox, closeTo, type Tolerance as ApproxTolerance } from './instances.js'
export { codec, MAX_DIMENSION, MAX_EMPTY_DIMENSION, type MatrixJson } from './codec.js'
export type { NumberJson } from './json.js'
export { MAX_JSON_DEPTH } from './json.js'
export { formatErrors, decodeWith, REPORT_MAX_ERRORS, REPORT_MAX_LINE_LENGTH } from './report.js'
export { backend, type Backend } from './product.js'
export * as Random from './Random.js'
export type { Rng } from './Random.js'
