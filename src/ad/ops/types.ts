import type { Matrix } from '../../matrix/Matrix.js'

/** An operand of nabla's differentiable operations: a number or a matrix. */
export type Operand = number | Matrix

/** Dimension after broadcasting: a literal 1 stretches to the other one. */
type Stretch<X extends number, Y extends number> = X extends 1 ? Y : X

/**
 * The type of an entrywise binary result: a matrix if either operand is
 * one (with broadcast dimensions), otherwise a number.
 */
export type Broadcast<A, B> =
  A extends Matrix<infer R1, infer C1>
    ? B extends Matrix<infer R2, infer C2>
      ? Matrix<Stretch<R1, R2>, Stretch<C1, C2>>
      : Matrix<R1, C1>
    : B extends Matrix<infer R2, infer C2>
      ? Matrix<R2, C2>
      : number

/** The type of an entrywise unary result: the operand's own type, widened from a literal number. */
export type Same<A> = A extends Matrix<infer R, infer C> ? Matrix<R, C> : number
