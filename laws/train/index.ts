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
