/**
 * The model of an optimizer, in the style of Optax: an optimizer is a pair
 * of pure functions `init` and `update` over *any* tree of parameters (a
 * network, a record of matrices, a tuple of numbers), with its state a
 * typed, immutable tree of numbers and matrices:
 *
 * ```ts
 * const opt = adam(1e-3)                             // Optimizer<AdamState>
 * const state = opt.init(params)                     // { count: 0, mu: [...], nu: [...] }
 * const [updates, next] = opt.update(grads, state, params)
 * const newParams = applyUpdates(params, updates)    // params + updates
 * ```
 *
 * `update` turns gradients into *updates* (for SGD, −η∇C), and
 * {@link applyUpdates} adds them to the parameters. Static parts of a tree
 * (a layer's activation record) pass through unchanged. Nothing is mutated.
 * The optimizers themselves are in `optimizers.ts`, and their description
 * as data (for checkpoints) in `OptimizerSpec.ts`.
 *
 * @module
 */
import { leaves, rebuild, type Tree, type TreePath } from '../ad/Tree.js'
import type { Value } from '../ad/core.js'
import { addLeaf, assertSameLeaves } from './leaf.js'

// model

/**
 * The state of an optimizer: a tree of numbers and matrices (arrays and
 * records of them), so that it can be stored in a checkpoint. Each
 * optimizer has a state type of its own (`AdamState`, …), and every one of
 * them is an `OptState`.
 *
 * @category optimizers
 */
export type OptState = Tree

/**
 * An optimizer (Optax's `GradientTransformation`) with state type `S`:
 * `init` builds the state for a tree of parameters, `update` maps gradients
 * (a tree shaped like the parameters), the state and the current
 * parameters to updates of the same shape and the next state. Both are
 * pure. The state is trusted to be one that `init` or `update` made for
 * parameters of this shape: its type says so, and the one place where a
 * state comes from outside, a checkpoint, checks it against `init` when it
 * is decoded. Leaves of the wrong shape are a `ShapeError`.
 *
 * @category optimizers
 */
export interface Optimizer<S = OptState> {
  /** A short name for messages, e.g. `adam` or `chain(weightDecay, sgd)`. */
  readonly name: string
  /** The state before the first update. */
  readonly init: (params: unknown) => S
  /** The updates for these gradients, and the next state. */
  readonly update: <P>(grads: P, state: S, params: P) => readonly [P, S]
  /**
   * Optional: `update` and `applyUpdates` in one pass over the parameters,
   * for the hot loop. It must give bit for bit the same parameters and state
   * as `applyUpdates(params, update(grads, state, params)[0])`.
   */
  readonly step?: <P>(grads: P, state: S, params: P) => readonly [P, S]
  /**
   * Present on plain gradient descent only: the learning rate η of the next
   * step, p ← p − η·g, and the state after it. With a loss that can take
   * such a step itself (`LossAndGrad.sgdStep`), the trainer hands it η
   * instead of asking for the gradient.
   */
  readonly plainStep?: { readonly rate: (state: S) => number; readonly next: (state: S) => S }
}

/**
 * params + updates, leaf by leaf (Optax's `apply_updates`): the new
 * parameters. Static parts of `params` (a layer's activation) are kept.
 * Throws a `ShapeError` if the two trees do not have the same leaves.
 *
 * @category optimizers
 */
export const applyUpdates = <P>(params: P, updates: P): P => {
  const ps = leaves(params, 'parameter')
  const us = leaves(updates, 'update')
  assertSameLeaves('applyUpdates', ps, us)
  return rebuild(
    params,
    ps.map((p, i) => addLeaf(p, us[i] as Value)),
    'parameter',
  )
}

// masks

/**
 * A mask choosing which leaves a transform acts on, by path (as
 * `leafPaths` lists them) and value.
 *
 * @category optimizers
 */
export type LeafMask = (path: TreePath, leaf: Value) => boolean

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

// combinators

/** nabla's optimizers whose updates are steps −η·(…), after which a gradient transform no longer applies. */
const STEPS: ReadonlyArray<string> = ['sgd', 'momentum', 'adam', 'adamw', 'rmsprop']

/**
 * The transforms one after the other (Optax's `chain`): the updates of each
 * are the gradients of the next. The state is the tuple of their states,
 * typed part by part.
 *
 * The chain has a fused `step` when its last part has one: the parts before
 * it `update`, and the last one steps, which is exactly `update` then
 * `applyUpdates` by the last part's own contract (so
 * `chain(weightDecay(c), sgd(η))` keeps SGD's one-pass step). Otherwise it
 * has none, and a trainer takes `update` then `applyUpdates`.
 *
 * @example
 * chain(weightDecay(lambda / n, networkWeights), sgd(0.5))   // Nielsen's L2-regularised SGD
 * @category optimizers
 */
export const chain = <Ss extends ReadonlyArray<unknown>>(
  ...optimizers: { readonly [K in keyof Ss]: Optimizer<Ss[K]> }
): Optimizer<Readonly<Ss>> => {
  // the parts one by one, each with its own state: the tuple typing above is what keeps them apart
  const parts = optimizers as unknown as ReadonlyArray<Optimizer<unknown>>
  const stepAt = parts.findIndex((o) => STEPS.includes(o.name))
  const decayAfter = parts.findIndex((o, i) => o.name === 'weightDecay' && stepAt >= 0 && i > stepAt)
  if (decayAfter >= 0) {
    throw new TypeError(
      `chain: weightDecay after ${(parts[stepAt] as Optimizer<unknown>).name} adds c·w to an update that is already a ` +
        'step −η·(…), so the weights would grow; put weightDecay first (L2, as Nielsen has it) or use adamw (decoupled decay)',
    )
  }
  const count = parts.length
  const updateParts = <P>(
    grads: P,
    states: ReadonlyArray<unknown>,
    params: P,
    upTo: number,
  ): readonly [P, ReadonlyArray<unknown>] =>
    parts.slice(0, upTo).reduce<readonly [P, ReadonlyArray<unknown>]>(
      ([u, done], o, i) => {
        const [next, s] = o.update(u, states[i], params)
        return [next, [...done, s]]
      },
      [grads, []],
    )
  const last = parts[count - 1]
  const lastStep = last?.step
  return {
    name: `chain(${parts.map((o) => o.name).join(', ')})`,
    init: (params) => parts.map((o) => o.init(params)) as unknown as Ss,
    update: (grads, state, params) => {
      const [updates, states] = updateParts(grads, state, params, count)
      return [updates, states as unknown as Ss]
    },
    ...(lastStep === undefined
      ? {}
      : {
          step: <P>(grads: P, state: Readonly<Ss>, params: P): readonly [P, Readonly<Ss>] => {
            const [updates, states] = updateParts(grads, state, params, count - 1)
            const [next, s] = lastStep(updates, state[count - 1], params)
            return [next, [...states, s] as unknown as Ss]
          },
        }),
  }
}
