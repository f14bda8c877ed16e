import type { Matrix } from '../matrix/Matrix.js'
import { fromBuffer } from '../matrix/internal.js'
import { shapeOfValue } from './core.js'
import { pushforward } from './forward.js'
import { grad, type Scalar } from './gradients.js'
import { reshape } from './ops/reshape.js'
import { sum } from './ops/sums.js'
import { slice } from './ops/slice.js'
import { stackCols, stackRows } from './ops/stack.js'
import { transpose } from './ops/transpose.js'
import { linearizeReverse } from './reverse.js'
import { leaves, rebuild } from './Tree.js'

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

/** Options of the Jacobians: `flat: true` gives the whole Jacobian as one matrix instead of a tree of blocks. @category transforms */
export interface JacobianOptions {
  readonly flat?: boolean
}

/**
 * The block of a Jacobian for one output leaf Y and one input leaf X: a
 * number for a number and a number; a matrix shaped like the matrix when
 * one of them is a number (∂y/∂X for a scalar y is shaped like X, ∂Y/∂x
 * like Y); and for two matrices, the (entries of Y)×(entries of X) matrix of
 * ∂Yₐ/∂X_b, both numbered row-major.
 *
 * @category transforms
 */
export type JacobianBlock<Y, X> = Y extends number ? (X extends number ? number : Matrix) : Matrix

/** The Jacobian of an output leaf with respect to an input tree: the input's structure, a block at each leaf. */
type JacobianOfLeaf<Y, X> = X extends number | Matrix
  ? JacobianBlock<Y, X>
  : X extends ReadonlyArray<unknown> | Readonly<Record<string, unknown>>
    ? { readonly [K in keyof X]: JacobianOfLeaf<Y, X[K]> }
    : X

/**
 * The Jacobian of a function from trees X to trees Y, as JAX returns it:
 * the output's structure, and at each output leaf the input's structure,
 * with at each pair of leaves their {@link JacobianBlock}. For f: X → number
 * it is the gradient's tree; for a matrix to a matrix, one matrix.
 *
 * @category transforms
 */
export type Jacobian<Y, X> = Y extends number | Matrix
  ? JacobianOfLeaf<Y, X>
  : Y extends ReadonlyArray<unknown> | Readonly<Record<string, unknown>>
    ? { readonly [K in keyof Y]: Jacobian<Y[K], X> }
    : Y

/** The number of entries of each leaf of a tree. */
const sizes = (tree: unknown): ReadonlyArray<number> =>
  leaves(tree).map((leaf) => {
    const s = shapeOfValue(leaf)
    return s === undefined ? 1 : s[0] * s[1]
  })

const offsets = (ns: ReadonlyArray<number>): ReadonlyArray<number> =>
  ns.reduce<ReadonlyArray<number>>((acc, n) => [...acc, (acc.at(-1) ?? 0) + n], [0])

/**
 * The flat m×n Jacobian J of y with respect to x, cut into the tree of
 * blocks: rows of J by output leaf, columns by input leaf, each block
 * reshaped to its leaves (differentiable slicing, so Jacobians nest).
 */
const blocks = (J: Matrix, y: unknown, x: unknown): unknown => {
  const ys = leaves(y, 'output')
  const xs = leaves(x)
  const rowAt = offsets(sizes(y))
  const colAt = offsets(sizes(x))
  return rebuild(
    y,
    ys.map((yl, a) =>
      rebuild(
        x,
        xs.map((xl, b) => {
          const r0 = rowAt[a] as number
          const c0 = colAt[b] as number
          const sy = shapeOfValue(yl)
          const sx = shapeOfValue(xl)
          const rows = sy === undefined ? 1 : sy[0] * sy[1]
          const cols = sx === undefined ? 1 : sx[0] * sx[1]
          const block = slice(J, r0, r0 + rows, c0, c0 + cols)
          // the block of two scalars is their one entry; of a scalar and a matrix, shaped like the matrix
          if (sy === undefined && sx === undefined) return sum(block)
          if (sy === undefined)
            return reshape(block, (sx as readonly [number, number])[0], (sx as readonly [number, number])[1])
          if (sx === undefined) return reshape(block, sy[0], sy[1])
          return block
        }),
      ),
    ),
    'output',
  )
}

/** The flat Jacobian by forward mode: one JVP per input entry, stacked as columns. */
const flatForward = <X>(f: (x: X) => unknown, x: X): readonly [Matrix, unknown] => {
  const n = size(x)
  const y = n === 0 ? f(x) : undefined
  if (n === 0) return [fromBuffer(size(y), 0, new Float64Array(0)), y]
  const pushed = Array.from({ length: n }, (_, j) => pushforward(f, x, basis(x, j)))
  const columns = pushed.map(([, t]) => flatten(t))
  return [
    columns.length === 1 ? (columns[0] as Matrix) : stackCols(columns),
    (pushed[0] as readonly [unknown, unknown])[0],
  ]
}

/** The flat Jacobian by reverse mode: one pullback per output entry, stacked as rows. */
const flatReverse = <X>(f: (x: X) => unknown, x: X): readonly [Matrix, unknown] => {
  const [y, pullback] = linearizeReverse(f, x)
  const m = size(y)
  if (m === 0) return [fromBuffer(0, size(x), new Float64Array(0)), y]
  const rows = Array.from({ length: m }, (_, i) => flatten(pullback(basis(y, i))))
  return [transpose(rows.length === 1 ? (rows[0] as Matrix) : stackCols(rows)), y]
}

/** The shape of `jacfwd` and `jacrev` with their options. */
export interface JacobianTransform {
  <X, Y>(f: (x: X) => Y): (x: X) => Jacobian<Y, X>
  <X>(f: (x: X) => unknown, options: { readonly flat: true }): (x: X) => Matrix
}

/**
 * The Jacobian of f at x by forward mode: one JVP per input entry, cheap
 * when the input is small. By default a tree (see {@link Jacobian}): the
 * output's structure, the input's inside it, a block at each pair of
 * leaves. With `{ flat: true }`, one m×n matrix for m output and n input
 * entries: entry (i, j) is ∂yᵢ/∂xⱼ, entries numbered leaf by leaf (arrays by
 * index, records by key order) and row-major inside a matrix.
 *
 * @example
 * jacfwd((w: Matrix) => sum(square(w)))(w0)   // a matrix shaped like w0: 2·w0
 * jacfwd(f, { flat: true })(x)                // the m×n matrix
 * @category transforms
 */
export const jacfwd: JacobianTransform = (<X>(f: (x: X) => unknown, options: JacobianOptions = {}) =>
  (x: X): unknown => {
    const [J, y] = flatForward(f, x)
    return options.flat === true ? J : blocks(J, y, x)
  }) as JacobianTransform

/**
 * The Jacobian of f at x by reverse mode: one pullback per output entry,
 * after a single evaluation of f; cheap when the output is small. The same
 * layout as {@link jacfwd}, tree or `{ flat: true }`.
 *
 * @category transforms
 */
export const jacrev: JacobianTransform = (<X>(f: (x: X) => unknown, options: JacobianOptions = {}) =>
  (x: X): unknown => {
    const [J, y] = flatReverse(f, x)
    return options.flat === true ? J : blocks(J, y, x)
  }) as JacobianTransform

/** The shape of `hessian` with its options. */
export interface HessianTransform {
  <X>(f: (x: X) => Scalar): (x: X) => Jacobian<X, X>
  <X>(f: (x: X) => Scalar, options: { readonly flat: true }): (x: X) => Matrix
}

/**
 * The Hessian of a scalar function at x, ∂²f/∂xᵢ∂xⱼ, computed
 * forward-over-reverse as jacfwd(jacrev(f)). By default a tree: x's
 * structure inside x's structure, with a block at each pair of leaves (for
 * a matrix x of n entries, one n×n matrix; for a number, a number). With
 * `{ flat: true }`, the n×n matrix over all entries of x.
 *
 * @category transforms
 */
export const hessian: HessianTransform = (<X>(f: (x: X) => Scalar, options: JacobianOptions = {}) =>
  (x: X): unknown => {
    // the inner Jacobian is the 1×n gradient row; its forward Jacobian, n×n
    const H = flatForward((p: X) => flatReverse(f, p)[0], x)[0]
    return options.flat === true ? H : blocks(H, x, x)
  }) as HessianTransform

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
