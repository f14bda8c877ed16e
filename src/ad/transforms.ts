import type { Matrix } from '../matrix/Matrix.js'
import { fromBuffer } from '../matrix/internal.js'
import { pushforward } from './forward.js'
import { reshape } from './ops/reshape.js'
import { stackCols, stackRows } from './ops/stack.js'
import { transpose } from './ops/transpose.js'
import { linearizeReverse, type Pullback } from './reverse.js'
import { grad, type Scalar } from './gradients.js'
import { shapeOfValue, zerosLike } from './core.js'
import { leaves, mapLeaves, rebuild } from './Tree.js'

export type { Pullback } from './reverse.js'
// eslint-disable-next-line @typescript-eslint/no-deprecated -- the old names stay exported beside the new options
export { grad, valueAndGrad, gradWithAux, valueAndGradWithAux, type Scalar } from './gradients.js'

/**
 * The value of f at x and its pullback: the linear map from a cotangent of
 * the output to a cotangent of the input, cᵀ ↦ cᵀ·∂f/∂x (the VJP). Reverse
 * mode: f runs once, recording its operations on a tape local to this call;
 * each call of the pullback replays that tape backwards. The pullback is a
 * pure function and may be called any number of times, also inside other
 * transforms. With `{ hasAux: true }`, f returns `[y, aux]` and the result
 * is `[y, pullback, aux]`, `aux` as plain values.
 *
 * @example
 * const [y, pullback] = vjp((w: Matrix) => matmul(w, x))(w0)
 * const wBar = pullback(Matrix.ones(y.rows, y.cols))
 * @category transforms
 */
export const vjp: Vjp = (<X, Y>(f: (x: X) => Y, options: { readonly hasAux?: boolean } = {}) =>
  (x: X) => {
    if (options.hasAux !== true) return linearizeReverse(f, x)
    const [[y, aux], pullback] = linearizeReverse((p: X) => pairOf('vjp', f(p)), x)
    return [y, (c: unknown) => pullback([c, mapLeaves(aux, zerosLike, 'output')]), aux]
  }) as Vjp

/** The shape of `vjp` with its overloads. */
export interface Vjp {
  <X, Y>(f: (x: X) => Y): (x: X) => readonly [Y, Pullback<X, Y>]
  <X, Y, Aux>(
    f: (x: X) => readonly [Y, Aux],
    options: { readonly hasAux: true },
  ): (x: X) => readonly [Y, Pullback<X, Y>, Aux]
}

/** The output of a function with `hasAux`: a pair `[value, aux]`, or a clear error. */
const pairOf = (op: string, r: unknown): readonly [unknown, unknown] => {
  if (!Array.isArray(r) || r.length !== 2)
    throw new TypeError(`${op} with hasAux: the function must return [value, aux], a pair`)
  return r as unknown as readonly [unknown, unknown]
}

/**
 * The value of f at x and its directional derivative along the tangent v,
 * ∂f/∂x · v (the JVP). Forward mode: f runs once on dual numbers. x and v
 * are trees of the same structure and shapes; so are the two results. With
 * `{ hasAux: true }`, f returns `[y, aux]` and the result is `[y, ẏ, aux]`.
 *
 * @example
 * const [y, dy] = jvp((x: number) => mul(x, x))(3, 1)   // [9, 6]
 * @category transforms
 */
export const jvp: Jvp = (<X, Y>(f: (x: X) => Y, options: { readonly hasAux?: boolean } = {}) =>
  (x: X, v: X) => {
    if (options.hasAux !== true) return pushforward(f, x, v)
    const [[y, aux], [t]] = pushforward((p: X) => pairOf('jvp', f(p)), x, v)
    return [y, t, aux]
  }) as Jvp

/** The shape of `jvp` with its overloads. */
export interface Jvp {
  <X, Y>(f: (x: X) => Y): (x: X, v: X) => readonly [Y, Y]
  <X, Y, Aux>(f: (x: X) => readonly [Y, Aux], options: { readonly hasAux: true }): (x: X, v: X) => readonly [Y, Y, Aux]
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
