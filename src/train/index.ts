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
export * from './optimizers.js'
export * from './OptimizerSpec.js'
export { paths as leafPaths, structureMismatch, type StructureMismatch, type TreePath } from '../ad/Tree.js'
export * from './Loss.js'
export * from './Train.js'
export * from './Evaluation.js'
export * from './TrainStateCodec.js'
export * from './Checkpoint.js'
export * from './checkpointFile.js'
// the boundary codecs a checkpoint is built from
export {
  NonNegativeIntC,
  NonNegativeNumberC,
  NumberC,
  PositiveIntC,
  PositiveNumberC,
  UnitIntervalC,
  refined,
  type NumberJson,
} from '../matrix/json.js'
export { RngC } from '../matrix/RandomCodec.js'
