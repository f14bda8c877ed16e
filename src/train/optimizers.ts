/**
 * The optimizers: SGD, momentum, Adam, AdamW, and weight decay as a
 * gradient transform (RMSProp and clipping have files of their own), each
 * an {@link Optimizer} over any tree of parameters with a state type of its
 * own. The states are types rather than interfaces so
 * that each of them is an `OptState` (a tree) as it stands.
 *
 * @module
 */
import { leaves, paths, rebuild } from '../ad/Tree.js'
import type { Value } from '../ad/core.js'
import { adamLeaf, assertSameLeaves, axpbyLeaf, scaleLeaf, zerosLeaf } from './leaf.js'
import { allLeaves, type LeafMask, type Optimizer } from './Optimizer.js'
import { toSchedule, type LearningRate } from './Schedule.js'

// sgd

/** The state of {@link sgd}: the number of updates made (the t of the schedule). @category optimizers */
export type SgdState = { readonly count: number }

/**
 * Plain stochastic gradient descent, as in Nielsen's chapter 1:
 * w ← w − η∇C, that is, the update is u = −η(t)·g. It has a fused `step`
 * (w + (−η)·g in one pass, with the same roundings as scaling, then adding).
 *
 * @category optimizers
 */
export const sgd = (lr: LearningRate): Optimizer<SgdState> => {
  const eta = toSchedule(lr)
  return {
    name: 'sgd',
    init: () => ({ count: 0 }),
    update: (grads, { count }) => {
      const e = eta(count)
      return [
        rebuild(
          grads,
          leaves(grads, 'gradient').map((g) => scaleLeaf(g, -e)),
          'gradient',
        ),
        { count: count + 1 },
      ]
    },
    step: (grads, { count }, params) => {
      const e = eta(count)
      const gs = leaves(grads, 'gradient')
      const ps = leaves(params, 'parameter')
      assertSameLeaves('sgd', ps, gs)
      return [
        rebuild(
          params,
          ps.map((p, i) => axpbyLeaf(1, p, -e, gs[i] as Value)),
          'parameter',
        ),
        { count: count + 1 },
      ]
    },
    plainStep: { rate: ({ count }) => eta(count), next: ({ count }) => ({ count: count + 1 }) },
  }
}

// momentum

/** The state of {@link momentum}: the update count and one velocity leaf per parameter leaf. @category optimizers */
export type MomentumState = { readonly count: number; readonly velocity: ReadonlyArray<Value> }

/**
 * SGD with momentum, in the convention of Nielsen's chapter 3 (and of
 * Sutskever et al. 2013): the velocity is kept in units of the parameters,
 *
 * v ← μv − η(t)∇C,  w ← w + v,
 *
 * so the update is the new velocity itself. (Optax's `trace` keeps
 * v ← μv + ∇C and scales by −η afterwards; with a constant η the two agree
 * up to rounding.) μ = 0 is plain SGD. The velocities are zero at the start.
 *
 * @category optimizers
 */
export const momentum = (lr: LearningRate, mu: number = 0.9): Optimizer<MomentumState> => {
  const eta = toSchedule(lr)
  return {
    name: 'momentum',
    init: (params) => ({ count: 0, velocity: leaves(params, 'parameter').map(zerosLeaf) }),
    update: (grads, { count, velocity }) => {
      const gs = leaves(grads, 'gradient')
      assertSameLeaves('momentum', gs, velocity)
      const e = eta(count)
      const next = velocity.map((v, i) => axpbyLeaf(mu, v, -e, gs[i] as Value))
      return [rebuild(grads, next, 'gradient'), { count: count + 1, velocity: next }]
    },
  }
}

// adam

/**
 * Adam's hyper-parameters, with Optax's names `b1`, `b2` and `eps`. The
 * older names `beta1`, `beta2` and `epsilon` are aliases that keep working;
 * giving a name and its alias with different values is a `TypeError`.
 *
 * @category optimizers
 */
export interface AdamOptions {
  /** β₁, the decay of the first moment; default 0.9. */
  readonly b1?: number
  /** β₂, the decay of the second moment; default 0.999. */
  readonly b2?: number
  /** ε, added to √v̂ to avoid dividing by zero; default 1e-8. */
  readonly eps?: number
  /** Alias of `b1`. */
  readonly beta1?: number
  /** Alias of `b2`. */
  readonly beta2?: number
  /** Alias of `eps`. */
  readonly epsilon?: number
}

/** A hyper-parameter given by its name or its alias (or neither): refused when the two disagree. */
const aliased = (
  who: string,
  [name, value]: readonly [string, number | undefined],
  [alias, aliasValue]: readonly [string, number | undefined],
  fallback: number,
): number => {
  if (value !== undefined && aliasValue !== undefined && !Object.is(value, aliasValue)) {
    throw new TypeError(
      `${who}: ${name} = ${String(value)} and its alias ${alias} = ${String(aliasValue)} disagree; give only ${name}`,
    )
  }
  return value ?? aliasValue ?? fallback
}

/** Adam's β₁, β₂ and ε from its options, by name or alias, with the defaults. */
const adamHyper = (
  who: string,
  o: AdamOptions,
): { readonly beta1: number; readonly beta2: number; readonly eps: number } => ({
  beta1: aliased(who, ['b1', o.b1], ['beta1', o.beta1], 0.9),
  beta2: aliased(who, ['b2', o.b2], ['beta2', o.beta2], 0.999),
  eps: aliased(who, ['eps', o.eps], ['epsilon', o.epsilon], 1e-8),
})

/**
 * The state of {@link adam} (Optax's `ScaleByAdamState`): t − 1, the
 * updates made, and the moments m (`mu`) and v (`nu`), one leaf of each per
 * parameter leaf.
 *
 * @category optimizers
 */
export type AdamState = {
  readonly count: number
  readonly mu: ReadonlyArray<Value>
  readonly nu: ReadonlyArray<Value>
}

/**
 * Adam (Kingma and Ba, 2015), with bias correction. At step t = 1, 2, …
 * (t − 1 updates made before), for each parameter with gradient g:
 *
 * - m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²  (entrywise)
 * - m̂ = m / (1 − β₁ᵗ),     v̂ = v / (1 − β₂ᵗ)
 * - u = −η · m̂ / (√v̂ + ε)
 *
 * with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 by default. The learning rate of the
 * schedule is η(t − 1). The moments are zero at the start.
 *
 * @category optimizers
 */
export const adam = (lr: LearningRate, options: AdamOptions = {}): Optimizer<AdamState> => {
  const eta = toSchedule(lr)
  const { beta1, beta2, eps } = adamHyper('adam', options)
  return {
    name: 'adam',
    init: (params) => {
      const zs = leaves(params, 'parameter').map(zerosLeaf)
      return { count: 0, mu: zs, nu: zs }
    },
    update: (grads, { count, mu, nu }) => {
      const gs = leaves(grads, 'gradient')
      assertSameLeaves('adam', gs, mu)
      assertSameLeaves('adam', gs, nu)
      const t = count + 1
      const hyper = { beta1, beta2, eta: eta(count), c1: 1 - beta1 ** t, c2: 1 - beta2 ** t, eps }
      const results = gs.map((g, i) => adamLeaf(g, mu[i] as Value, nu[i] as Value, hyper))
      return [
        rebuild(
          grads,
          results.map((r) => r.update),
          'gradient',
        ),
        { count: t, mu: results.map((r) => r.mu), nu: results.map((r) => r.nu) },
      ]
    },
  }
}

// adamw

/** AdamW's hyper-parameters: Adam's, the decay λ, and which leaves decay. @category optimizers */
export interface AdamWOptions extends AdamOptions {
  /** λ, the decoupled weight decay; default 1e-4. */
  readonly weightDecay?: number
  /** The leaves that decay (default all; `networkWeights` leaves the biases alone). */
  readonly mask?: LeafMask
}

/**
 * AdamW (Loshchilov and Hutter, "Decoupled weight decay regularization",
 * 2019), as Optax's `adamw`: Adam's direction plus λw, both scaled by the
 * learning rate,
 *
 * u = −η(t) · (m̂ / (√v̂ + ε) + λ·w)
 *
 * so that with a zero gradient each step multiplies a decaying weight by
 * (1 − ηλ): it shrinks, never grows. (Adding λw to the gradient before
 * Adam, `chain(weightDecay(λ), adam(η))`, is "Adam with L2", which Adam
 * rescales with the gradient.) The state is Adam's.
 *
 * @category optimizers
 */
export const adamw = (lr: LearningRate, options: AdamWOptions = {}): Optimizer<AdamState> => {
  const eta = toSchedule(lr)
  const { beta1: b1, beta2: b2, eps } = adamHyper('adamw', options)
  const direction = adam(-1, { b1, b2, eps }) // u₁ = m̂ / (√v̂ + ε): Adam at η = −1
  const lambda = options.weightDecay ?? 1e-4
  const mask = options.mask ?? allLeaves
  return {
    name: 'adamw',
    init: direction.init,
    update: (grads, state, params) => {
      const [u1, next] = direction.update(grads, state, params)
      const us = leaves(u1, 'gradient')
      const ps = leaves(params, 'parameter')
      assertSameLeaves('adamw', us, ps)
      const where = paths(params, 'parameter')
      const e = eta(state.count)
      const out = us.map((u, i) => {
        const p = ps[i] as Value
        const decayed = mask(where[i] ?? [], p) ? axpbyLeaf(1, u, lambda, p) : u
        return scaleLeaf(decayed, -e)
      })
      return [rebuild(grads, out, 'gradient'), next]
    },
  }
}

// weight decay

/** The state of {@link weightDecay}: none, `{}`. @category optimizers */
export type WeightDecayState = { readonly [key: string]: never }

/**
 * Weight decay as a gradient transform (Optax's `add_decayed_weights`):
 * u ← u + c·w on the leaves chosen by `mask`, unchanged elsewhere. Chained
 * before an optimizer it adds the gradient of the penalty (c/2)·Σw² to the
 * gradient. With c = λ/n and the mask `networkWeights` this is the L2
 * regularisation of Nielsen's chapter 3: ∂C/∂w = ∂C₀/∂w + (λ/n)w, biases
 * untouched — and with {@link sgd} it gives his update
 * w ← (1 − ηλ/n)w − η∂C₀/∂w. (Before {@link adam} it is "Adam with L2", not
 * AdamW: the decay is rescaled by Adam like the gradient; {@link adamw} is
 * the decoupled kind.) Stateless. It belongs before the optimizer:
 * `chain` refuses it after `sgd`, `momentum`, `adam`, `adamw` or `rmsprop`, whose
 * updates are already steps −η·(…), to which +c·w would make the weights
 * grow.
 *
 * @category optimizers
 */
export const weightDecay = (coefficient: number, mask: LeafMask = allLeaves): Optimizer<WeightDecayState> => ({
  name: 'weightDecay',
  init: () => ({}),
  update: (grads, state, params) => {
    const gs = leaves(grads, 'gradient')
    const ps = leaves(params, 'parameter')
    assertSameLeaves('weightDecay', gs, ps)
    const where = paths(params, 'parameter')
    const out = gs.map((g, i) => {
      const p = ps[i] as Value
      return mask(where[i] ?? [], p) ? axpbyLeaf(1, g, coefficient, p) : g
    })
    return [rebuild(grads, out, 'gradient'), state]
  },
})
