/**
 * Shape rules checked by the compiler, for operands whose dimensions are
 * literal types. Each rule is a type that is `unknown` when the shapes fit
 * and a {@link ShapeMismatch} when they cannot, used as
 * `b: Matrix<R2, C2> & Rule<…>`: shapes that fit leave the parameter as it
 * was, shapes that cannot fit make the call a compile error that names the
 * operation and says what is wrong, in the words of the `ShapeError` the
 * call would throw. A plain `number` dimension fits anything, so code whose
 * sizes are known only at run time compiles as before and is checked there.
 *
 * In code that is generic in its shapes, a rule holds where it holds for
 * every value of the type parameters: one parameter against itself, and for
 * broadcasting also against 1 or a number. The rules that compute with
 * sizes (ranges of slices, stacks) are decided for literals only.
 *
 * @module
 */
import type { Matrix } from './Matrix.js'
import type { Exceeds, Plus, Total } from './Dimension.js'

/**
 * The type of an argument whose literal shape cannot fit: no value has it,
 * so a call that needs one does not compile, and the compiler's message
 * shows the operation and the reason, e.g.
 * `ShapeMismatch<"matmul", "inner dimensions 3 and 4 differ (shapes 2×3 and 4×5)">`.
 *
 * @category model
 */
export interface ShapeMismatch<Op extends string, Message extends string> {
  readonly shapeMismatch: Op
  readonly message: Message
}

/** A dimension as text: the literal, or `?` for one known only at run time. */
export type DimText<D extends number> = number extends D ? '?' : `${D}`

/** A shape as text, `2×3`. */
export type ShapeText<R extends number, C extends number> = `${DimText<R>}×${DimText<C>}`

/** A matrix's shape as text. */
export type ShapeOf<M extends Matrix> = ShapeText<M['rows'], M['cols']>

/**
 * `Ok` if two dimensions can be equal (either is plain `number`, or both
 * are the same literal), otherwise `Bad`. Written so that it also holds for
 * one and the same type parameter on both sides, in generic code.
 */
export type Agree<X extends number, Y extends number, Ok, Bad> = [number] extends [X]
  ? Ok
  : [number] extends [Y]
    ? Ok
    : [X] extends [Y]
      ? Ok
      : Bad

/** `Ok` if two dimensions broadcast (one of them is 1, or they {@link Agree}), otherwise `Bad`. */
export type Stretches<X extends number, Y extends number, Ok, Bad> = [X] extends [1]
  ? Ok
  : [Y] extends [1]
    ? Ok
    : Agree<X, Y, Ok, Bad>

/**
 * The dimension of a broadcast result: a 1 stretches to the other
 * dimension, and a literal wins over a plain `number` (which must then be
 * 1 or equal to it). Only ever the type of one operand's dimension, so the
 * result of one type parameter against itself or against 1 is that type
 * parameter.
 */
export type Stretched<X extends number, Y extends number> = [number] extends [X]
  ? [Y] extends [1]
    ? X
    : Y
  : [number] extends [Y]
    ? [X] extends [1]
      ? Y
      : X
    : Exclude<X | Y, 1> | (Extract<X, 1> & Extract<Y, 1>)

/** How the dimensions of two shapes must fit: be equal ({@link Agree}), or broadcast ({@link Stretches}). */
export type Fit = 'agree' | 'stretch'

type DimsFit<How extends Fit, X extends number, Y extends number, Ok, Bad> = How extends 'agree'
  ? Agree<X, Y, Ok, Bad>
  : Stretches<X, Y, Ok, Bad>

/**
 * Both dimensions of `A` and `B` fit as `How` says: `unknown`, or a
 * mismatch of `Op` with `Message`.
 */
export type ShapeRule<
  How extends Fit,
  Op extends string,
  A extends Matrix,
  B extends Matrix,
  Message extends string,
> = DimsFit<
  How,
  A['rows'],
  B['rows'],
  DimsFit<How, A['cols'], B['cols'], unknown, ShapeMismatch<Op, Message>>,
  ShapeMismatch<Op, Message>
>

/** Both shapes equal: `unknown`, or the mismatch of `Op`. */
export type SameShapeRule<Op extends string, A extends Matrix, B extends Matrix> = ShapeRule<
  'agree',
  Op,
  A,
  B,
  `shapes must be equal (shapes ${ShapeOf<A>} and ${ShapeOf<B>})`
>

/** The shapes broadcast: `unknown`, or the mismatch of `Op`. */
export type BroadcastRule<Op extends string, A extends Matrix, B extends Matrix> = ShapeRule<
  'stretch',
  Op,
  A,
  B,
  BroadcastMessage<A, B>
>

type BroadcastMessage<
  A extends Matrix,
  B extends Matrix,
> = `shapes do not broadcast (each dimension must be equal, or 1 in one operand) (shapes ${ShapeOf<A>} and ${ShapeOf<B>})`

/** The three products A·B, Aᵀ·B and A·Bᵀ, by the names of their ops. */
export type Product = 'matmul' | 'matmulTN' | 'matmulNT'

/**
 * The inner dimensions of a product {@link Agree}: `unknown`, or a mismatch
 * that names them after the words `Says`, for `a: A` and `b: B` of `matmul`
 * (A's columns against B's rows), `matmulTN` (rows against rows) or
 * `matmulNT` (columns against columns).
 */
export type ProductRule<Op extends Product, A extends Matrix, B extends Matrix, Says extends string> = Agree<
  Inner<Op, A, B>[0],
  Inner<Op, A, B>[1],
  unknown,
  ShapeMismatch<
    Op,
    `${Says} ${Inner<Op, A, B>[0]} and ${Inner<Op, A, B>[1]} differ (shapes ${ShapeOf<A>} and ${ShapeOf<B>})`
  >
>

/** The two dimensions a product contracts. */
type Inner<Op extends Product, A extends Matrix, B extends Matrix> = Op extends 'matmul'
  ? readonly [A['cols'], B['rows']]
  : Op extends 'matmulTN'
    ? readonly [A['rows'], B['rows']]
    : readonly [A['cols'], B['cols']]

/** `B` is a column (R×1) whose rows {@link Agree} with `A`'s: `unknown`, or the mismatch of `Op`. */
export type ColumnRule<Op extends string, A extends Matrix, B extends Matrix> = Agree<
  B['cols'],
  1,
  Agree<A['rows'], B['rows'], unknown, ShapeMismatch<Op, ColumnMessage<A, B>>>,
  ShapeMismatch<Op, ColumnMessage<A, B>>
>

type ColumnMessage<
  A extends Matrix,
  B extends Matrix,
> = `expected a ${DimText<A['rows']>}×1 column (shapes ${ShapeOf<A>} and ${ShapeOf<B>})`

/**
 * A range [From, To) inside 0…Limit: `unknown` unless all three are literal
 * and it is not (From > To or To > Limit), then the mismatch of `Op` with
 * `Message`.
 */
export type RangeRule<
  Op extends string,
  From extends number,
  To extends number,
  Limit extends number,
  Message extends string,
> = [Exceeds<From, To>] extends [true]
  ? ShapeMismatch<Op, Message>
  : [Exceeds<To, Limit>] extends [true]
    ? ShapeMismatch<Op, Message>
    : unknown

/** What the `Matrix` module says of a range outside a matrix. */
export type RangeMessage<
  M extends Matrix,
  From extends number,
  To extends number,
  Limit extends number,
> = `range [${From}, ${To}) is outside 0…${DimText<Limit>} (shape ${ShapeOf<M>})`

/** The dimension the parts of a stack share: columns when stacking rows, rows when stacking columns. */
type Across<Along extends 'rows' | 'cols'> = Along extends 'rows' ? 'cols' : 'rows'

/** The `K` dimension of every part, a tuple for a tuple of parts. */
type Dims<Ps extends ReadonlyArray<Matrix>, K extends 'rows' | 'cols'> = { readonly [I in keyof Ps]: Ps[I][K] }

/** The dimension a tuple of dimensions shares: its first literal entry (they all agree), `number` if none, 0 for no entries. */
type Common<Ds extends ReadonlyArray<number>> = number extends Ds['length']
  ? Ds[number]
  : Ds extends readonly []
    ? 0
    : FirstLiteral<Ds>

type FirstLiteral<Ds extends ReadonlyArray<number>> = Ds extends readonly [
  infer D extends number,
  ...infer Rest extends ReadonlyArray<number>,
]
  ? number extends D
    ? FirstLiteral<Rest>
    : D
  : number

/** The first part whose literal `K` dimension differs from an earlier part's, paired with that one; `never` if none. */
type Clash<
  Ps extends ReadonlyArray<Matrix>,
  K extends 'rows' | 'cols',
  Seen extends Matrix = never,
> = Ps extends readonly [infer P extends Matrix, ...infer Rest extends ReadonlyArray<Matrix>]
  ? number extends P[K]
    ? Clash<Rest, K, Seen>
    : [Seen] extends [never]
      ? Clash<Rest, K, P>
      : [P[K]] extends [Seen[K]]
        ? Clash<Rest, K, Seen>
        : readonly [Seen, P]
  : never

/**
 * The parts of a stack along `Along` share the other dimension: `unknown`,
 * or the mismatch of `Op` naming the first two parts that differ. An empty
 * tuple is `Empty` (`unknown` where stacking nothing is allowed).
 */
export type StackRule<
  Op extends string,
  Ps extends ReadonlyArray<Matrix>,
  Along extends 'rows' | 'cols',
  Empty,
> = Ps extends readonly []
  ? Empty
  : [Clash<Ps, Across<Along>>] extends [never]
    ? unknown
    : ShapeMismatch<Op, StackMessage<Along, Clash<Ps, Across<Along>>>>

type StackMessage<Along extends 'rows' | 'cols', Pair> = Pair extends readonly [
  infer A extends Matrix,
  infer B extends Matrix,
]
  ? `${Along extends 'rows' ? 'column' : 'row'} counts differ (shapes ${ShapeOf<A>} and ${ShapeOf<B>})`
  : never

/** The shape of the parts stacked along `Along`: the sum of that dimension, and the one they share (0×0 for no parts). */
export type Stacked<Ps extends ReadonlyArray<Matrix>, Along extends 'rows' | 'cols'> = Along extends 'rows'
  ? Matrix<Total<Dims<Ps, 'rows'>>, Common<Dims<Ps, 'cols'>>>
  : Matrix<Common<Dims<Ps, 'rows'>>, Total<Dims<Ps, 'cols'>>>

/** The length of a vector of shape R×C (a row or a column), or `never` if both dimensions are literal and neither is 1. */
export type VectorLength<M extends Matrix> = [M['rows']] extends [1]
  ? M['cols']
  : [M['cols']] extends [1]
    ? M['rows']
    : [number] extends [M['rows']]
      ? M['cols']
      : [number] extends [M['cols']]
        ? M['rows']
        : never

/** Both operands are vectors: `unknown`, or the mismatch of `Op`. */
export type VectorsRule<Op extends string, U extends Matrix, V extends Matrix> = [VectorLength<U>] extends [never]
  ? ShapeMismatch<Op, VectorsMessage<U, V>>
  : [VectorLength<V>] extends [never]
    ? ShapeMismatch<Op, VectorsMessage<U, V>>
    : unknown

type VectorsMessage<
  U extends Matrix,
  V extends Matrix,
> = `both operands must be vectors (shapes ${ShapeOf<U>} and ${ShapeOf<V>})`

/** The first literal index of `Is` that is not below `Limit`, or `never`. */
type FirstOutside<Is extends ReadonlyArray<number>, Limit extends number> = Is extends readonly [
  infer I extends number,
  ...infer Rest extends ReadonlyArray<number>,
]
  ? [Exceeds<Plus<I, 1>, Limit>] extends [true]
    ? I
    : FirstOutside<Rest, Limit>
  : never

/** Every literal column index of `Is` lies inside the matrix `A`: `unknown`, or the mismatch of `Op`. */
export type ColumnIndicesRule<Op extends string, A extends Matrix, Is extends ReadonlyArray<number>> = [
  FirstOutside<Is, A['cols']>,
] extends [never]
  ? unknown
  : ShapeMismatch<Op, `column ${FirstOutside<Is, A['cols']>} is outside a ${ShapeOf<A>} matrix`>
