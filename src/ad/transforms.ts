import type { Matrix } from '../matrix/Matrix.js'
import { ShapeError } from '../matrix/ShapeError.js'
import { fromBuffer } from '../matrix/internal.js'
import { pushforward } from './forward.js'
import { reshape } from './ops/reshape.js'
import { stackCols, stackRows } from './ops/stack.js'
import { transpose } from './ops/transpose.js'
import { linearizeReverse, type Pullback } from './reverse.js'
import { zerosLike } from './core.js'
import type { Value } from './core.js'
import { shapeOfValue } from './core.js'
import { leaves, mapLeaves, rebuild } from './Tree.js'
import { describeShape } from './declare.js'

export type { Pullback } from './reverse.js'

/**
 * The value of f at x and its pullback: the linear map from a cotangent of
 * the output to a cotangent of the input, cᵀ ↦ cᵀ·∂f/∂x (the VJP). Reverse
 * mode: f runs once, recording its operations on a tape local to this call;
 * each call of the pullback replays that tape backwards. The pullback is a
 * pure function and may be called any number of times, also inside other
 * transforms.
 *
 * @example
 * const [y, pullback] = vjp((w: Matrix) => matmul(w, x))(w0)
 * const wBar = pullback(Matrix.ones(y.rows, y.cols))
 * @category transforms
 */
export const vjp =
  <X, Y>(f: (x: X) => Y) =>
  (x: X): readonly [Y, Pullback<X, Y>] =>
    linearizeReverse(f, x)

/**
 * The value of f at x and its directional derivative along the tangent v,
 * ∂f/∂x · v (the JVP). Forward mode: f runs once on dual numbers. x and v
 * are trees of the same structure and shapes; so are the two results.
 *
 * @example
 * const [y, dy] = jvp((x: number) => mul(x, x))(3, 1)   // [9, 6]
 * @category transforms
 */
export const jvp =
  <X, Y>(f: (x: X) => Y) =>
  (x: X, v: X): readonly [Y, Y] =>
    pushforward(f, x, v)

/**
 * What a scalar function may return: a number, or a 1×1 matrix (`sum` of a
 * product gives the first, `matmul` of a row by a column the second). A
 * matrix of any other shape is refused when the function is called.
 *
 * @category transforms
 */
export type Scalar = number | Matrix

/** The cotangent 1 of a scalar output, or a clear error for any other output. */
const unitCotangent = (op: string, y: unknown): Value => {
  if (typeof y === 'number') return 1
  const ys = leaves(y)
  const only = ys[0]
  if (ys.length !== 1 || only === undefined) {
    throw new ShapeError(op, [], 'the function must return a scalar (a number or a 1×1 matrix), not a tree')
  }
  const s = shapeOfValue(only)
  if (s === undefined) return 1
  if (s[0] === 1 && s[1] === 1) return fromBuffer(1, 1, Float64Array.of(1))
  throw new ShapeError(
    op,
    [s],
    `the function must return a scalar (a number or a 1×1 matrix), not a ${describeShape(only)} matrix`,
  )
}

/**
 * The value of a scalar function and its gradient with respect to the first
 * argument, ∇ₓf — a tree of the same structure and shapes as x. Further
 * arguments are passed through and not differentiated.
 *
 * @example
 * const [loss, g] = valueAndGrad((p: { w: Matrix }, x: Matrix) => sum(square(matmul(p.w, x))))(params, batch)
 * @category transforms
 */
export const valueAndGrad =
  <X, A extends ReadonlyArray<unknown>, Y extends Scalar = number>(f: (x: X, ...rest: A) => Y) =>
  (x: X, ...rest: A): readonly [Y, X] => {
    const [y, pullback] = linearizeReverse((p: X) => f(p, ...rest), x)
    return [y, pullback(unitCotangent('grad', y) as Y)]
  }

/**
 * The gradient ∇ₓf of a scalar function with respect to its first argument:
 * a tree of the same structure and shapes as x. Nests: `grad(grad(f))`,
 * `jvp(grad(f))`, and `grad` inside the function of another transform.
 *
 * @example
 * grad((x: number) => mul(x, mul(x, x)))(2)   // 12
 * @category transforms
 */
export const grad =
  <X, A extends ReadonlyArray<unknown>>(f: (x: X, ...rest: A) => Scalar) =>
  (x: X, ...rest: A): X =>
    valueAndGrad(f)(x, ...rest)[1]

/**
 * Like {@link valueAndGrad} for a function that returns `[loss, aux]`: the
 * gradient is of the loss; `aux` (metrics, predictions, any tree) comes
 * back as plain values, not differentiated.
 *
 * @returns `[[loss, aux], gradient]`
 * @category transforms
 */
export const valueAndGradWithAux =
  <X, Aux, A extends ReadonlyArray<unknown>, Y extends Scalar = number>(f: (x: X, ...rest: A) => readonly [Y, Aux]) =>
  (x: X, ...rest: A): readonly [readonly [Y, Aux], X] => {
    const [[y, aux], pullback] = linearizeReverse((p: X) => f(p, ...rest), x)
    return [[y, aux], pullback([unitCotangent('grad', y) as Y, mapLeaves(aux, zerosLike)])]
  }

/**
 * Like {@link grad} for a function that returns `[loss, aux]`.
 *
 * @returns `[gradient, aux]`
 * @category transforms
 */
export const gradWithAux =
  <X, Aux, A extends ReadonlyArray<unknown>>(f: (x: X, ...rest: A) => readonly [Scalar, Aux]) =>
  (x: X, ...rest: A): readonly [X, Aux] => {
    const [[, aux], g] = valueAndGradWithAux(f)(x, ...rest)
    return [g, aux]
  }

/**
 * The derivative f′(x) of a function ℝ → ℝ (forward mode).
 *
 * @example
 * derivative(sin)(0)   // 1
 * @category transforms
 */
export const derivative =
  (f: (x: number) => number) =>
  (x: number): number =>
    pushforward(f, x, 1)[1]

/** All entries of a tree's leaves as one column vector (differentiable). */
const flatten = (tree: unknown): Matrix => {
  const cols = leaves(tree).map((leaf) => {
    const s = shapeOfValue(leaf)
    return s === undefined ? reshape(leaf, 1, 1) : reshape(leaf, s[0] * s[1], 1)
  })
  return cols.length === 0
    ? fromBuffer(0, 1, new Float64Array(0))
    : cols.length === 1
      ? (cols[0] as Matrix)
      : stackRows(cols)
}

/** The number of scalar entries in a tree. */
const size = (tree: unknown): number =>
  leaves(tree).reduce<number>((n, leaf) => {
    const s = shapeOfValue(leaf)
    return n + (s === undefined ? 1 : s[0] * s[1])
  }, 0)

/** The i-th standard basis vector, shaped like the tree x. */
const basis = <X>(x: X, i: number): X => {
  const offsets = leaves(x).reduce<ReadonlyArray<number>>(
    (acc, leaf) => {
      const s = shapeOfValue(leaf)
      return [...acc, (acc.at(-1) ?? 0) + (s === undefined ? 1 : s[0] * s[1])]
    },
    [0],
  )
  return rebuild(
    x,
    leaves(x).map((leaf, k) => {
      const s = shapeOfValue(leaf)
      const at = i - (offsets[k] ?? 0)
      const n = s === undefined ? 1 : s[0] * s[1]
      if (s === undefined) return at === 0 ? 1 : 0
      const data = new Float64Array(n)
      if (at >= 0 && at < n) data.fill(1, at, at + 1)
      return fromBuffer(s[0], s[1], data)
    }),
  )
}

/**
 * The Jacobian of f at x by forward mode: one JVP per input entry. For a
 * function from a tree with n entries to a tree with m entries, an m×n
 * matrix: entry (i, j) is ∂yᵢ/∂xⱼ, where entries are numbered leaf by leaf
 * (arrays by index, records by key order) and row-major inside a matrix.
 * Cheap when n is small.
 *
 * @category transforms
 */
export const jacfwd =
  <X>(f: (x: X) => unknown) =>
  (x: X): Matrix => {
    const n = size(x)
    if (n === 0) return fromBuffer(size(f(x)), 0, new Float64Array(0))
    const columns = Array.from({ length: n }, (_, j) => flatten(pushforward(f, x, basis(x, j))[1]))
    return columns.length === 1 ? (columns[0] as Matrix) : stackCols(columns)
  }

/**
 * The Jacobian of f at x by reverse mode: one pullback per output entry,
 * after a single evaluation of f. Same layout as {@link jacfwd}; cheap when
 * the output is small.
 *
 * @category transforms
 */
export const jacrev =
  <X>(f: (x: X) => unknown) =>
  (x: X): Matrix => {
    const [y, pullback] = linearizeReverse(f, x)
    const m = size(y)
    if (m === 0) return fromBuffer(0, size(x), new Float64Array(0))
    const rows = Array.from({ length: m }, (_, i) => flatten(pullback(basis(y, i))))
    return transpose(rows.length === 1 ? (rows[0] as Matrix) : stackCols(rows))
  }

/**
 * The Hessian of a scalar function at x: the n×n matrix of second
 * derivatives ∂²f/∂xᵢ∂xⱼ (entries numbered as in {@link jacfwd}), computed
 * forward-over-reverse as jacfwd(jacrev(f)).
 *
 * @category transforms
 */
export const hessian =
  <X>(f: (x: X) => Scalar) =>
  (x: X): Matrix =>
    jacfwd((p: X) => jacrev(f)(p))(x)

/**
 * The Hessian-vector product ∇²f(x)·v without forming the Hessian:
 * forward mode over reverse mode, jvp(grad(f))(x, v). The result has the
 * structure of x.
 *
 * @category transforms
 */
export const hvp =
  <X>(f: (x: X) => Scalar) =>
  (x: X, v: X): X =>
    pushforward((p: X) => grad(f)(p), x, v)[1]
