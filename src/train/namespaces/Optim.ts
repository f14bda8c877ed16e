/**
 * Optimizers as pure values over any tree of parameters, in the style of
 * Optax: `sgd`, `momentum`, `adam`, `adamw`, `rmsprop`, `weightDecay`,
 * `clipByGlobalNorm` and their `chain`; an
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
  allLeaves,
  applyUpdates,
  chain,
  networkWeights,
  type LeafMask,
  type OptState,
  type Optimizer,
} from '../Optimizer.js'
export {
  adam,
  adamw,
  momentum,
  sgd,
  weightDecay,
  type AdamOptions,
  type AdamWOptions,
  type AdamState,
  type MomentumState,
  type SgdState,
  type WeightDecayState,
} from '../optimizers.js'
export { rmsprop, type RmspropOptions, type RmspropState } from '../rmsprop.js'
export { clipByGlobalNorm, globalNorm, type ClipByGlobalNormState } from '../clipping.js'
export { optimizerFromSpec, OptimizerSpecC, type OptimizerSpec, type WeightDecaySpec } from '../OptimizerSpec.js'
export { isFiniteTree } from '../Train.js'
export { paths as leafPaths, structureMismatch, type StructureMismatch, type TreePath } from '../../ad/Tree.js'
