/**
 * Gradient clipping by the global norm (Optax's `clip_by_global_norm`,
 * after Pascanu, Mikolov and Bengio, 2013): the whole gradient tree is
 * rescaled, every leaf by the same factor, so that its L2 norm is at most
 * a bound and its direction is kept.
 *
 * @module
 */
import { leaves, rebuild } from '../ad/Tree.js'
import { buffer } from '../matrix/internal.js'
import { scaleLeaf } from './leaf.js'
import type { Optimizer } from './Optimizer.js'

/**
 * The global L2 norm of a tree, ‖g‖ = √(Σ over every entry of every leaf of
 * g²): the norm of all its numbers laid end to end. It is computed as
 * m·√(Σ (g/m)²) with m the largest magnitude, so that entries whose squares
 * would overflow (|g| > 1e154) or underflow still give the norm. NaN if an
 * entry is NaN, ∞ if one is infinite (or the norm exceeds the largest
 * float64).
 *
 * @category optimizers
 */
export const globalNorm = (tree: unknown): number => scaledNorm(entriesOf(tree)).norm

/** Every entry of every leaf, in leaf order (read only). */
const entriesOf = (tree: unknown): ReadonlyArray<Float64Array> =>
  leaves(tree, 'gradient').map((g) => (typeof g === 'number' ? Float64Array.of(g) : buffer(g)))

/** m, the largest magnitude, and √s with s = Σ (x/m)², so that the norm is m·√s (√s = 1 when m is 0, NaN or ∞). */
const scaledNorm = (
  parts: ReadonlyArray<Float64Array>,
): { readonly m: number; readonly root: number; readonly norm: number } => {
  const m = parts.reduce((acc, xs) => xs.reduce((a, x) => Math.max(a, Math.abs(x)), acc), 0)
  if (m === 0 || !Number.isFinite(m)) return { m, root: 1, norm: m }
  const s = parts.reduce((acc, xs) => xs.reduce((a, x) => a + (x / m) * (x / m), acc), 0)
  const root = Math.sqrt(s)
  return { m, root, norm: m * root }
}

/** The state of {@link clipByGlobalNorm}: none, `{}`. @category optimizers */
export type ClipByGlobalNormState = { readonly [key: string]: never }

/**
 * Clipping by the global norm as a gradient transform, for `chain`
 * (typically first: `chain(clipByGlobalNorm(1), adam(1e-3))`):
 *
 * g ← g · min(1, c / ‖g‖)
 *
 * with ‖g‖ the {@link globalNorm} of the whole tree. A tree whose norm is at
 * most c is returned unchanged (the very same leaves); otherwise every leaf
 * is multiplied by the one factor c/‖g‖, computed as (c/m)/√s so that it is
 * finite even where ‖g‖ itself would overflow. The clipped norm is c up to
 * rounding (a few ulps; the law `clipBoundsNormKeepsDirection` states the
 * bound).
 *
 * A gradient with a NaN or infinite entry has no finite rescaling that
 * keeps its direction; it is passed on unchanged, so that the divergence
 * stays visible to whoever checks for it (the trainer's finiteness check),
 * rather than turned into NaN everywhere (what Optax's division by a NaN
 * norm gives) or into zeros (what its division by an infinite norm gives
 * the finite entries). The bound c must be > 0 (∞ clips nothing); another
 * value is a `RangeError` when the transform is made. Stateless.
 *
 * @category optimizers
 */
export const clipByGlobalNorm = (maxNorm: number): Optimizer<ClipByGlobalNormState> => {
  if (!(maxNorm > 0)) {
    throw new RangeError(`clipByGlobalNorm: the bound must be a number > 0 (got ${String(maxNorm)})`)
  }
  return {
    name: 'clipByGlobalNorm',
    init: () => ({}),
    update: (grads, state) => {
      const { m, root, norm } = scaledNorm(entriesOf(grads))
      if (!Number.isFinite(m) || !(norm > maxNorm)) return [grads, state]
      const factor = maxNorm / m / root
      return [
        rebuild(
          grads,
          leaves(grads, 'gradient').map((g) => scaleLeaf(g, factor)),
          'gradient',
        ),
        state,
      ]
    },
  }
}
