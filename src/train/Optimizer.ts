/**
 * Optimizers as pure values, in the style of Optax: an optimizer is a pair
 * of functions `init` and `update` over *any* tree of parameters (a
 * network, a record of matrices, a tuple of numbers), with its state an
 * immutable tree of numbers and matrices:
 *
 * ```ts
 * const opt = adam(1e-3)
 * let state = opt.init(params)                       // e.g. { count: 0, mu: [...], nu: [...] }
 * const [updates, next] = opt.update(grads, state, params)
 * const newParams = applyUpdates(params, updates)    // params + updates
 * ```
 *
 * `update` turns gradients into *updates* (for SGD, −η∇C), and
 * {@link applyUpdates} adds them to the parameters. Static parts of a tree
 * (a layer's activation record) pass through unchanged. Nothing is mutated:
 * the gradients, state and parameters given to `update` are left exactly as
 * they were.
 *
 * @module
 */
import * as t from 'io-ts'
import type { Matrix } from '../matrix/Matrix.js'
import { isMatrix, zeros } from '../matrix/construct.js'
import { scale } from '../matrix/ops.js'
import { strictType, taggedUnion } from '../matrix/json.js'
import { rebuild } from '../ad/Tree.js'
import { adamLeaf, axpby } from './kernels.js'
import {
  NonNegativeNumberC,
  PositiveNumberC,
  ScheduleSpecC,
  scheduleFromSpec,
  toSchedule,
  type LearningRate,
  type ScheduleSpec,
} from './Schedule.js'
import { assertSameLeaves, leafPaths, leafValues, type Leaf, type LeafPath } from './tree.js'

/**
 * The state of an optimizer: a tree of numbers and matrices (arrays and
 * records of them), so that it can be stored in a checkpoint.
 *
 * @category optimizers
 */
export type OptState = number | Matrix | ReadonlyArray<OptState> | { readonly [key: string]: OptState }

/**
 * An optimizer (Optax's `GradientTransformation`): `init` builds the state
 * for a tree of parameters, `update` maps gradients (a tree shaped like the
 * parameters), the state and the current parameters to updates of the same
 * shape and the next state. Both are pure.
 *
 * @category optimizers
 */
export interface Optimizer {
  /** A short name for messages, e.g. `adam` or `chain(weightDecay, sgd)`. */
  readonly name: string
  /** The state before the first update. */
  readonly init: (params: unknown) => OptState
  /** The updates for these gradients, and the next state. */
  readonly update: <P>(grads: P, state: OptState, params: P) => readonly [P, OptState]
  /**
   * Optional: `update` and `applyUpdates` in one pass over the parameters,
   * for the hot loop. It must give bit for bit the same parameters and state
   * as `applyUpdates(params, update(grads, state, params)[0])`.
   */
  readonly step?: <P>(grads: P, state: OptState, params: P) => readonly [P, OptState]
}

/** A mask choosing which leaves a transform acts on, by path and value. @category optimizers */
export type LeafMask = (path: LeafPath, leaf: Leaf) => boolean

/**
 * The weights of a network: the leaves named `w` (the matrices wˡ of each
 * layer), not the biases bˡ. The default mask of weight decay on networks,
 * as in Nielsen's chapter 3.
 *
 * @category optimizers
 */
export const networkWeights: LeafMask = (path) => path[path.length - 1] === 'w'

/** Every leaf. @category optimizers */
export const allLeaves: LeafMask = () => true

const scaleLeaf = (x: Leaf, s: number): Leaf => (typeof x === 'number' ? s * x : scale(x, s))

const axpbyLeaf = (a: number, x: Leaf, b: number, y: Leaf): Leaf =>
  typeof x === 'number' ? a * x + b * (y as number) : axpby(a, x, b, y as Matrix)

const zerosLeaf = (x: Leaf): Leaf => (typeof x === 'number' ? 0 : zeros(x.rows, x.cols))

const field = (op: string, state: OptState, key: string): OptState => {
  if (typeof state !== 'object' || Array.isArray(state) || isMatrix(state) || !Object.hasOwn(state, key)) {
    throw new TypeError(`${op}: the optimizer state has no field ${key}: it was made by another optimizer`)
  }
  return (state as { readonly [key: string]: OptState })[key] as OptState
}

const countOf = (op: string, state: OptState): number => {
  const c = field(op, state, 'count')
  if (typeof c !== 'number') throw new TypeError(`${op}: the state's count must be a number`)
  return c
}

const leavesOf = (op: string, state: OptState, key: string, like: ReadonlyArray<Leaf>): ReadonlyArray<Leaf> => {
  const xs = field(op, state, key)
  if (!Array.isArray(xs)) throw new TypeError(`${op}: the state's ${key} must be an array of leaves`)
  const leaves = xs as ReadonlyArray<Leaf>
  assertSameLeaves(op, like, leaves)
  return leaves
}

/**
 * Plain stochastic gradient descent, as in Nielsen's chapter 1:
 * w ← w − η∇C, that is, the update is u = −η(t)·g.
 * State: `{ count }`, the number of updates made (the t of the schedule).
 *
 * @category optimizers
 */
export const sgd = (lr: LearningRate): Optimizer => {
  const eta = toSchedule(lr)
  return {
    name: 'sgd',
    init: () => ({ count: 0 }),
    update: (grads, state) => {
      const count = countOf('sgd', state)
      const e = eta(count)
      return [
        rebuild(
          grads,
          leafValues(grads).map((g) => scaleLeaf(g, -e)),
        ),
        { count: count + 1 },
      ]
    },
    // w + (−η)·g in one pass: the same roundings as scaling, then adding
    step: (grads, state, params) => {
      const count = countOf('sgd', state)
      const e = eta(count)
      const gs = leafValues(grads)
      const ps = leafValues(params)
      assertSameLeaves('sgd', ps, gs)
      return [
        rebuild(
          params,
          ps.map((p, i) => {
            const g = gs[i] as Leaf
            return typeof p === 'number' ? p + -e * (g as number) : axpby(1, p, -e, g as Matrix)
          }),
        ),
        { count: count + 1 },
      ]
    },
  }
}

/**
 * SGD with momentum, in the convention of Nielsen's chapter 3 (and of
 * Sutskever et al. 2013): the velocity is kept in units of the parameters,
 *
 * v ← μv − η(t)∇C,  w ← w + v,
 *
 * so the update is the new velocity itself. (Optax's `trace` keeps
 * v ← μv + ∇C and scales by −η afterwards; with a constant η the two agree
 * up to rounding.) μ = 0 is plain SGD. State: `{ count, velocity }`, one
 * velocity leaf per parameter leaf, zero at the start.
 *
 * @category optimizers
 */
export const momentum = (lr: LearningRate, mu: number = 0.9): Optimizer => {
  const eta = toSchedule(lr)
  return {
    name: 'momentum',
    init: (params) => ({ count: 0, velocity: leafValues(params).map(zerosLeaf) }),
    update: (grads, state) => {
      const gs = leafValues(grads)
      const count = countOf('momentum', state)
      const vs = leavesOf('momentum', state, 'velocity', gs)
      const e = eta(count)
      const next = vs.map((v, i) => axpbyLeaf(mu, v, -e, gs[i] as Leaf))
      return [rebuild(grads, next), { count: count + 1, velocity: next }]
    },
  }
}

/** Adam's hyper-parameters. @category optimizers */
export interface AdamOptions {
  /** β₁, the decay of the first moment; default 0.9. */
  readonly beta1?: number
  /** β₂, the decay of the second moment; default 0.999. */
  readonly beta2?: number
  /** ε, added to √v̂ to avoid dividing by zero; default 1e-8. */
  readonly epsilon?: number
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
 * schedule is η(t − 1). State: `{ count, mu, nu }` (t − 1, m, v), the moments
 * zero at the start.
 *
 * @category optimizers
 */
export const adam = (lr: LearningRate, options: AdamOptions = {}): Optimizer => {
  const eta = toSchedule(lr)
  const beta1 = options.beta1 ?? 0.9
  const beta2 = options.beta2 ?? 0.999
  const eps = options.epsilon ?? 1e-8
  return {
    name: 'adam',
    init: (params) => {
      const zs = leafValues(params).map(zerosLeaf)
      return { count: 0, mu: zs, nu: zs }
    },
    update: (grads, state) => {
      const gs = leafValues(grads)
      const count = countOf('adam', state)
      const ms = leavesOf('adam', state, 'mu', gs)
      const vs = leavesOf('adam', state, 'nu', gs)
      const step = count + 1
      const c1 = 1 - beta1 ** step
      const c2 = 1 - beta2 ** step
      const e = eta(count)
      const results = gs.map((g, i) => {
        const m = ms[i] as Leaf
        const v = vs[i] as Leaf
        if (typeof g === 'number') {
          const mi = beta1 * (m as number) + (1 - beta1) * g
          const vi = beta2 * (v as number) + (1 - beta2) * g * g
          return { mu: mi, nu: vi, update: (-e * (mi / c1)) / (Math.sqrt(vi / c2) + eps) }
        }
        return adamLeaf(g, m as Matrix, v as Matrix, beta1, beta2, e, c1, c2, eps)
      })
      return [
        rebuild(
          grads,
          results.map((r) => r.update),
        ),
        { count: step, mu: results.map((r) => r.mu), nu: results.map((r) => r.nu) },
      ]
    },
  }
}

/**
 * Weight decay as a gradient transform (Optax's `add_decayed_weights`):
 * u ← u + c·w on the leaves chosen by `mask`, unchanged elsewhere. Chained
 * before an optimizer it adds the gradient of the penalty (c/2)·Σw² to the
 * gradient. With c = λ/n and the mask {@link networkWeights} this is the L2
 * regularisation of Nielsen's chapter 3: ∂C/∂w = ∂C₀/∂w + (λ/n)w, biases
 * untouched — and with {@link sgd} it gives his update
 * w ← (1 − ηλ/n)w − η∂C₀/∂w. (Before {@link adam} it is "Adam with L2", not
 * AdamW: the decay is rescaled by Adam like the gradient.) Stateless:
 * its state is `{}`.
 *
 * @category optimizers
 */
export const weightDecay = (coefficient: number, mask: LeafMask = allLeaves): Optimizer => ({
  name: 'weightDecay',
  init: () => ({}),
  update: (grads, state, params) => {
    const gs = leafValues(grads)
    const ps = leafValues(params)
    assertSameLeaves('weightDecay', gs, ps)
    const paths = leafPaths(params)
    const out = gs.map((g, i) => {
      const p = ps[i] as Leaf
      return mask(paths[i] ?? [], p) ? axpbyLeaf(1, g, coefficient, p) : g
    })
    return [rebuild(grads, out), state]
  },
})

/**
 * The transforms one after the other (Optax's `chain`): the updates of each
 * are the gradients of the next. The state is the array of their states.
 *
 * @example
 * chain(weightDecay(lambda / n, networkWeights), sgd(0.5))   // Nielsen's L2-regularised SGD
 * @category optimizers
 */
export const chain = (...optimizers: ReadonlyArray<Optimizer>): Optimizer => ({
  name: `chain(${optimizers.map((o) => o.name).join(', ')})`,
  init: (params) => optimizers.map((o) => o.init(params)),
  update: <P>(grads: P, state: OptState, params: P): readonly [P, OptState] => {
    if (!Array.isArray(state) || state.length !== optimizers.length) {
      throw new TypeError(`chain: expected a state of ${String(optimizers.length)} entries, one per optimizer`)
    }
    const states = state as ReadonlyArray<OptState>
    return optimizers.reduce<readonly [P, ReadonlyArray<OptState>]>(
      ([u, done], o, i) => {
        const [next, s] = o.update(u, states[i] as OptState, params)
        return [next, [...done, s]]
      },
      [grads, []],
    )
  },
})

/**
 * An optimizer as data, so that a checkpoint can record which optimizer
 * made its state and rebuild it with {@link optimizerFromSpec}.
 *
 * - `sgd`, `momentum` (with `momentum` = μ) or `adam` (β₁, β₂, ε);
 * - `schedule`: the learning rate;
 * - `weightDecay`: λ and the training-set size n of L2 regularisation on
 *   the weights of a network (λ = 0 for none), applied as
 *   `chain(weightDecay(λ/n, networkWeights), …)`.
 *
 * @category optimizers
 */
export type OptimizerSpec =
  | { readonly kind: 'sgd'; readonly schedule: ScheduleSpec; readonly weightDecay: WeightDecaySpec }
  | {
      readonly kind: 'momentum'
      readonly schedule: ScheduleSpec
      readonly momentum: number
      readonly weightDecay: WeightDecaySpec
    }
  | {
      readonly kind: 'adam'
      readonly schedule: ScheduleSpec
      readonly beta1: number
      readonly beta2: number
      readonly epsilon: number
      readonly weightDecay: WeightDecaySpec
    }

/** L2 regularisation: λ and the training-set size n (the coefficient is λ/n). @category optimizers */
export interface WeightDecaySpec {
  readonly lambda: number
  readonly n: number
}

/** The optimizer an {@link OptimizerSpec} describes. @category optimizers */
export const optimizerFromSpec = (spec: OptimizerSpec): Optimizer => {
  const lr = scheduleFromSpec(spec.schedule)
  const base =
    spec.kind === 'sgd'
      ? sgd(lr)
      : spec.kind === 'momentum'
        ? momentum(lr, spec.momentum)
        : adam(lr, { beta1: spec.beta1, beta2: spec.beta2, epsilon: spec.epsilon })
  return spec.weightDecay.lambda > 0
    ? chain(weightDecay(spec.weightDecay.lambda / spec.weightDecay.n, networkWeights), base)
    : base
}

const WeightDecaySpecC = strictType({ lambda: NonNegativeNumberC, n: PositiveNumberC }, 'WeightDecaySpec')

const unit = new t.Type<number, number>(
  'NumberIn[0,1)',
  (u): u is number => typeof u === 'number' && u >= 0 && u < 1,
  (u, c) => (typeof u === 'number' && u >= 0 && u < 1 ? t.success(u) : t.failure(u, c, 'expected a number in [0, 1)')),
  (x) => x,
)

/**
 * The io-ts codec of an {@link OptimizerSpec}: `kind` picks the case, and
 * each case has exactly its own keys (an unknown key is an error, not
 * dropped).
 *
 * @category codec
 */
export const OptimizerSpecC: t.Type<OptimizerSpec, OptimizerSpec> = taggedUnion(
  'kind',
  {
    sgd: strictType({ kind: t.literal('sgd'), schedule: ScheduleSpecC, weightDecay: WeightDecaySpecC }, 'SgdSpec'),
    momentum: strictType(
      { kind: t.literal('momentum'), schedule: ScheduleSpecC, momentum: unit, weightDecay: WeightDecaySpecC },
      'MomentumSpec',
    ),
    adam: strictType(
      {
        kind: t.literal('adam'),
        schedule: ScheduleSpecC,
        beta1: unit,
        beta2: unit,
        epsilon: PositiveNumberC,
        weightDecay: WeightDecaySpecC,
      },
      'AdamSpec',
    ),
  } as Readonly<Record<string, t.Type<OptimizerSpec, OptimizerSpec>>>,
  'OptimizerSpec',
)
