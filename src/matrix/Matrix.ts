import type { SameShapeRule } from './ShapeMismatch.js'

/**
 * An immutable, row-major matrix of float64 numbers.
 *
 * `Rows` and `Cols` are optional literal dimensions: `Matrix<2, 3>` is a
 * 2×3 matrix whose shape the compiler checks, while code that does not care
 * writes plain `Matrix` (that is, `Matrix<number, number>`).
 *
 * Nobody mutates a matrix after it is built, from TypeScript or from plain
 * JavaScript: the entries live in a private field that no code outside
 * nabla can reach, the object, its class and its prototype are frozen, and
 * every constructor copies what it is given, so no caller keeps a writable
 * alias of a matrix's entries. Read them with `Matrix.get(m, i, j)`, or
 * copy them out with `Matrix.toArray`, `Matrix.toRows` or
 * `Matrix.toFloat64Array` (entry (i, j) is at index i·cols + j). A matrix
 * is iterable over its entries in row-major order, and prints them.
 *
 * @category model
 */
export interface Matrix<Rows extends number = number, Cols extends number = number> {
  readonly _tag: 'Matrix'
  readonly rows: Rows
  readonly cols: Cols
  /** The entries in row-major order. */
  readonly [Symbol.iterator]: () => Iterator<number>
}

/** A matrix's shape as a `[rows, cols]` pair. @category model */
export type Shape<Rows extends number = number, Cols extends number = number> = readonly [Rows, Cols]

/**
 * `B` if a dimension `B` can equal a dimension `A`: always when either is
 * plain `number`, and for two literals only when they are the same;
 * otherwise `never`. (The operations check shapes with the rules of
 * `ShapeMismatch.ts`, whose errors say what is wrong; `Fits` is the bare
 * dimension test.)
 *
 * @category model
 */
export type Fits<A extends number, B extends number> = number extends A
  ? B
  : number extends B
    ? B
    : A extends B
      ? B
      : never

/** The better known of two dimensions that must agree: the literal one if there is one. @category model */
export type Known<A extends number, B extends number> = number extends A ? B : A

/**
 * A matrix whose shape must agree with `R`×`C`: `Matrix<R2, C2>` when it can
 * (each dimension equal, or plain `number` on either side), and otherwise a
 * type no value has, whose name says what is wrong, e.g.
 * `ShapeMismatch<"add", "shapes must be equal (shapes 2×3 and 3×2)">` for
 * `Op` = `'add'`. Used as the type of a second operand.
 *
 * @category model
 */
export type SameShape<
  R extends number,
  C extends number,
  R2 extends number,
  C2 extends number,
  Op extends string = 'sameShape',
> = Matrix<R2, C2> & SameShapeRule<Op, Matrix<R, C>, Matrix<R2, C2>>
