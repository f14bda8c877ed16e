export {
  acceptedNumbersReadBack,
  anyCheckpoint,
  anyOptimizerSpec,
  anyScheduleSpec,
  checkpointCodecLaws,
  encodeCheckpointRoundTrips,
  numberCodecLaws,
  optimizerSpecCodecLaws,
} from './codec.js'
export { decayShrinksWeights, type DecayCase, type DecayingOptimizer, type Stepper } from './optimizers.js'
export { clipBoundsNormKeepsDirection, type ClipCase, type Clipper } from './clipping.js'
export { warmupCosineIsContinuous, type WarmupCosineCase, type WarmupCosineMaker } from './schedules.js'
