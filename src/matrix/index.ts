/**
 * The `Matrix` module: an immutable float64 matrix type with its
 * constructors, pure operations, fp-ts instances and io-ts codec.
 *
 * @module
 */
export type { Matrix, Shape, Fits, Known, SameShape } from './Matrix.js'
export { ShapeError } from './ShapeError.js'
export * from './construct.js'
export * from './ops.js'
export { Eq, Show, getEqApprox, closeTo, type Tolerance } from './instances.js'
export { codec, type MatrixJson } from './codec.js'
export { formatErrors, decodeWith } from './report.js'
export * as Random from './Random.js'
export type { Rng } from './Random.js'
