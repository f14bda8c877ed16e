/**
 * The `train` layer: pure optimizers over any tree of parameters (SGD,
 * momentum, Adam, weight decay, learning-rate schedules), training as a lazy
 * sequence of immutable states, evaluation of classifiers, and checkpoints
 * that round-trip bit for bit.
 *
 * @module
 */
export * from './Schedule.js'
export * from './Optimizer.js'
export { applyUpdates, leafPaths, isFiniteTree, structureMismatch, type Leaf, type LeafPath } from './tree.js'
export * from './Loss.js'
export * from './Train.js'
export * from './Evaluate.js'
export * from './Checkpoint.js'
export * from './CheckpointFile.js'
