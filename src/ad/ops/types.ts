import type { Matrix } from '../../matrix/Matrix.js'
import type { BroadcastRule, Stretched } from '../../matrix/ShapeMismatch.js'

/** An operand of nabla's differentiable operations: a number or a matrix. */
export type Operand = number | Matrix

/** The matrices among an operand's possible types (`never` for a number). */
type MatrixPart<A extends Operand> = Exclude<A, number>

/** `number` if both operands may be numbers, otherwise nothing. */
type NumberIfBoth<A extends Operand, B extends Operand> = [Extract<A, number>] extends [never]
  ? never
  : [Extract<B, number>] extends [never]
    ? never
    : number

/*
 * The types below ask "is it a number?" and never "is it a matrix?": the
 * first is decided at once for a `Matrix<R, C>` of type parameters R and C,
 * the second would stay open in generic code. `Broadcast` asks it of the
 * second operand first, so that `mul(x, 2)` has the type of `x` even for an
 * `x` of a type parameter.
 */

/**
 * The type of an entrywise binary result: a matrix if either operand is
 * one, of the broadcast shape (a literal where both dimensions are known),
 * otherwise a number.
 */
export type Broadcast<A extends Operand, B extends Operand> = [MatrixPart<B>] extends [never]
  ? Same<A>
  : [MatrixPart<A>] extends [never]
    ? Same<B>
    : | Matrix<
          Stretched<MatrixPart<A>['rows'], MatrixPart<B>['rows']>,
          Stretched<MatrixPart<A>['cols'], MatrixPart<B>['cols']>
        >
      | NumberIfBoth<A, B>

/**
 * The second operand of an entrywise binary op `Op` next to a first of type
 * `A`: `unknown` when their shapes broadcast (equal shapes, a number, a 1×1,
 * a row or a column against a matrix, in either order, or any plain
 * `number` dimension), a `ShapeMismatch` naming `Op` when literal shapes
 * cannot. Used as `b: B & Broadcastable<'add', A, B>`.
 */
export type Broadcastable<Op extends string, A extends Operand, B extends Operand> = [MatrixPart<A>] extends [never]
  ? unknown
  : [MatrixPart<B>] extends [never]
    ? unknown
    : BroadcastRule<Op, MatrixPart<A>, MatrixPart<NoInfer<B>>>

/** The type of an entrywise unary result: the operand's own type, widened from a literal number. */
export type Same<A extends Operand> = [MatrixPart<A>] extends [never]
  ? number
  : Matrix<MatrixPart<A>['rows'], MatrixPart<A>['cols']> | NumberIfBoth<A, A>
