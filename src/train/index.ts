/**
 * `nabla/train`: pure optimizers over any tree of parameters, learning-rate
 * schedules, training as a lazy sequence of immutable states, evaluation of
 * classifiers, and checkpoints that round-trip bit for bit, as the
 * namespaces `Optim`, `Schedule`, `Train`, `Evaluate` and `Checkpoint`.
 * Nothing here touches a file or a Node built-in, so it bundles for a
 * browser; checkpoint files are `nabla/node`.
 *
 * @example
 * import { Optim, Train } from 'nabla/train'
 * const trainer = { lossAndGrad: Train.backpropLoss(cost), optimizer: Optim.adam(0.005), data: Train.datasetSource(train), batchSize: 32 }
 *
 * @module nabla/train
 */
export * as Optim from './namespaces/Optim.js'
export * as Schedule from './namespaces/Schedule.js'
export * as Train from './namespaces/Train.js'
export * as Evaluate from './namespaces/Evaluate.js'
export * as Checkpoint from './namespaces/Checkpoint.js'
