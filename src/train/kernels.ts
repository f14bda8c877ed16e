/* eslint-disable functional/no-loop-statements, functional/no-let, functional/immutable-data --
 * The fused loops of the optimizers. Each function allocates its output
 * buffers, fills them in one pass over its inputs (which it only reads) and
 * hands them to `fromBuffer` without keeping another alias: the matrices it
 * returns are as immutable as any other. Fusing matters for speed: Adam
 * would otherwise allocate about ten intermediate matrices per parameter
 * per step.
 */
import type { Matrix } from '../matrix/Matrix.js'
import { buffer, fromBuffer } from '../matrix/internal.js'

/** a·x + b·y, entrywise, for two matrices of the same shape (checked by the caller). */
export const axpby = (a: number, x: Matrix, b: number, y: Matrix): Matrix => {
  const xs = buffer(x)
  const ys = buffer(y)
  const n = xs.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = a * (xs[i] as number) + b * (ys[i] as number)
  return fromBuffer(x.rows, x.cols, out)
}

/** The three results of one Adam step on one matrix: the new moments and the update. */
export interface AdamLeaf {
  readonly mu: Matrix
  readonly nu: Matrix
  readonly update: Matrix
}

/**
 * One Adam step on a matrix of gradients g with moments m and v, in one pass:
 *
 * - m′ = β₁m + (1 − β₁)g
 * - v′ = β₂v + (1 − β₂)g²
 * - u = −η · (m′/c₁) / (√(v′/c₂) + ε), with the bias corrections c₁ = 1 − β₁ᵗ, c₂ = 1 − β₂ᵗ.
 *
 * The caller has checked that the shapes agree.
 */
export const adamLeaf = (
  g: Matrix,
  m: Matrix,
  v: Matrix,
  beta1: number,
  beta2: number,
  eta: number,
  c1: number,
  c2: number,
  eps: number,
): AdamLeaf => {
  const gs = buffer(g)
  const ms = buffer(m)
  const vs = buffer(v)
  const n = gs.length
  const mu = new Float64Array(n)
  const nu = new Float64Array(n)
  const update = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const gi = gs[i] as number
    const mi = beta1 * (ms[i] as number) + (1 - beta1) * gi
    const vi = beta2 * (vs[i] as number) + (1 - beta2) * gi * gi
    mu[i] = mi
    nu[i] = vi
    update[i] = (-eta * (mi / c1)) / (Math.sqrt(vi / c2) + eps)
  }
  return {
    mu: fromBuffer(g.rows, g.cols, mu),
    nu: fromBuffer(g.rows, g.cols, nu),
    update: fromBuffer(g.rows, g.cols, update),
  }
}

/**
 * The columns of `x` with the given indices, side by side (a shuffled
 * mini-batch), reading from `xt` = xᵀ stored row-major, so that each example
 * is one contiguous run of memory instead of a strided walk over a wide
 * matrix. Indices are checked by the caller.
 */
export const gatherColumnsFromTranspose = (xt: Matrix, indices: ReadonlyArray<number>): Matrix => {
  const src = buffer(xt)
  const features = xt.cols
  const n = indices.length
  const out = new Float64Array(features * n)
  for (let k = 0; k < n; k++) {
    const o = (indices[k] as number) * features
    for (let p = 0; p < features; p++) out[p * n + k] = src[o + p] as number
  }
  return fromBuffer(features, n, out)
}
