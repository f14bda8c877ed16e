/**
 * RMSProp (Tieleman and Hinton, 2012; the centered form of Graves, 2013),
 * as Optax's `rmsprop`: each gradient divided by the root of a running
 * mean of its squares, with optional centring and momentum.
 *
 * @module
 */
import { leaves, rebuild } from '../ad/Tree.js'
import type { Value } from '../ad/core.js'
import { assertSameLeaves, zerosLeaf, zip3Leaf, zipLeaf } from './leaf.js'
import type { Optimizer } from './Optimizer.js'
import { toSchedule, type LearningRate } from './Schedule.js'

/** RMSProp's hyper-parameters, with Optax's names. @category optimizers */
export interface RmspropOptions {
  /** ρ, the decay of the running mean of g² (and of g, centered); default 0.9, in [0, 1). */
  readonly decay?: number
  /** ε, added to the mean square under the root; default 1e-8, ≥ 0. */
  readonly eps?: number
  /** Divide by the root of the variance, ν − m², instead of the mean square ν; default false. */
  readonly centered?: boolean
  /** μ of heavy-ball momentum on the scaled step (default none), in [0, 1). */
  readonly momentum?: number
}

/**
 * The state of {@link rmsprop}: the updates made (the t of the schedule),
 * the running mean square ν (`nu`), the running mean m (`mu`, empty unless
 * centered) and the momentum trace (`trace`, empty without momentum), one
 * leaf each per parameter leaf.
 *
 * @category optimizers
 */
export type RmspropState = {
  readonly count: number
  readonly nu: ReadonlyArray<Value>
  readonly mu: ReadonlyArray<Value>
  readonly trace: ReadonlyArray<Value>
}

const refuse = (what: string, value: number, range: string): never => {
  throw new RangeError(`rmsprop: ${what} must be ${range} (got ${String(value)})`)
}

/**
 * RMSProp, with Optax's semantics and defaults. At step t (t updates made
 * before), for each parameter with gradient g, entrywise:
 *
 * - ν ← ρν + (1 − ρ)g²                        (ν = 0 at the start)
 * - s = −η(t) · g / √(ν + ε)
 * - centered: m ← ρm + (1 − ρ)g and s = −η(t) · g / √(ν − m² + ε)
 * - with momentum μ: v ← s + μv and the update is v (v = 0 at the start);
 *   otherwise the update is s.
 *
 * ε sits under the root, as in Optax (where it is `eps_in_sqrt`), and the
 * momentum trace accumulates the step already scaled by η, as Optax's chain
 * `scale_by_rms, scale_by_learning_rate, trace` does — the velocity is in
 * units of the parameters, as in `momentum`. No bias correction and
 * no Nesterov variant. Optax's `initial_scale` is 0 here. ρ, ε and μ are
 * checked when the optimizer is made: a `RangeError` names the bad one.
 *
 * @category optimizers
 */
export const rmsprop = (lr: LearningRate, options: RmspropOptions = {}): Optimizer<RmspropState> => {
  const eta = toSchedule(lr)
  const rho = options.decay ?? 0.9
  const eps = options.eps ?? 1e-8
  const centered = options.centered ?? false
  const mu = options.momentum
  if (!(rho >= 0 && rho < 1)) refuse('decay ρ', rho, 'in [0, 1)')
  if (!(eps >= 0 && eps < Infinity)) refuse('eps ε', eps, 'finite and ≥ 0')
  if (mu !== undefined && !(mu >= 0 && mu < 1)) refuse('momentum μ', mu, 'in [0, 1)')
  return {
    name: 'rmsprop',
    init: (params) => {
      const zs = leaves(params, 'parameter').map(zerosLeaf)
      return { count: 0, nu: zs, mu: centered ? zs : [], trace: mu === undefined ? [] : zs }
    },
    update: (grads, state) => {
      const gs = leaves(grads, 'gradient')
      assertSameLeaves('rmsprop', gs, state.nu)
      if (centered) assertSameLeaves('rmsprop', gs, state.mu)
      if (mu !== undefined) assertSameLeaves('rmsprop', gs, state.trace)
      const e = eta(state.count)
      const nu = gs.map((g, i) => zipLeaf((gi, vi) => rho * vi + (1 - rho) * (gi * gi), g, state.nu[i] as Value))
      const means = centered
        ? gs.map((g, i) => zipLeaf((gi, mi) => rho * mi + (1 - rho) * gi, g, state.mu[i] as Value))
        : []
      const steps = gs.map((g, i) =>
        centered
          ? zip3Leaf((gi, vi, mi) => -e * (gi / Math.sqrt(vi - mi * mi + eps)), g, nu[i] as Value, means[i] as Value)
          : zipLeaf((gi, vi) => -e * (gi / Math.sqrt(vi + eps)), g, nu[i] as Value),
      )
      const trace =
        mu === undefined ? [] : steps.map((s, i) => zipLeaf((si, ti) => si + mu * ti, s, state.trace[i] as Value))
      return [
        rebuild(grads, mu === undefined ? steps : trace, 'gradient'),
        { count: state.count + 1, nu, mu: means, trace },
      ]
    },
  }
}
