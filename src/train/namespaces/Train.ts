/**
 * Training as a lazy sequence of immutable states: a `Trainer` (a loss with
 * its gradient, an optimizer, a source of mini-batches, a batch size) and
 * `training(trainer, options)(initial)`, an iterable of states, one per
 * mini-batch step, with the epoch ends, stopping rules and the final state
 * as helpers. Nothing is mutated; the same seed gives the same states.
 *
 * @example
 * const trainer = { lossAndGrad: Train.backpropLoss(cost), optimizer: Optim.adam(0.005), data: Train.datasetSource(train), batchSize: 32 }
 * const last = Train.finalState(Train.training(trainer, { epochs: 10 })(Train.initTrainState(network, trainer.optimizer, rng)))
 *
 * Early stopping watches a validation metric at each epoch's end and keeps
 * the best epoch's parameters: `earlyStopping({ patience })(run)`.
 *
 * @module
 */
export { backpropLoss, lossAndGradOf, type Batch, type LossAndGrad } from '../Loss.js'
export {
  batchesPerEpoch,
  datasetSource,
  drawShuffle,
  epochEnds,
  finalState,
  initTrainState,
  isEpochEnd,
  trainEpoch,
  training,
  trainStep,
  until,
  type BatchSource,
  type EpochMetrics,
  type Shuffle,
  type Trainer,
  type TrainingOptions,
  type TrainState,
} from '../Train.js'
export {
  bestEpoch,
  earlyStopping,
  improves,
  nextBest,
  patienceExhausted,
  validationAccuracy,
  validationCost,
  watchEpochs,
  type Best,
  type EarlyStopped,
  type EarlyStoppingOptions,
  type Monitor,
} from '../EarlyStopping.js'
