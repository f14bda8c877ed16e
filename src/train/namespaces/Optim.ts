/**
 * Optimizers as pure values over any tree of parameters, in the style of
 * Optax: `sgd`, `momentum`, `adam`, `weightDecay` and their `chain`; an
 * optimizer's `init` and `update`, `applyUpdates` to take the step, masks
 * that choose the leaves a transformation applies to, and the optimizer
 * spec (plain data, with its codec) that checkpoints record.
 *
 * @example
 * const opt = Optim.adam(1e-3)
 * const [updates, state] = opt.update(grads, opt.init(params), params)
 * const next = Optim.applyUpdates(params, updates)
 *
 * @module
 */
export {
  adam,
  allLeaves,
  chain,
  momentum,
  networkWeights,
  optimizerFromSpec,
  OptimizerSpecC,
  sgd,
  weightDecay,
  type AdamOptions,
  type LeafMask,
  type OptState,
  type Optimizer,
  type OptimizerSpec,
  type WeightDecaySpec,
} from '../Optimizer.js'
export { applyUpdates, isFiniteTree, leafPaths, structureMismatch, type Leaf, type LeafPath } from '../tree.js'
