/**
 * Checkpoints of a training run as JSON that round-trips bit for bit: the
 * codec, text encoding and decoding, and the conversions between a training
 * state and a checkpoint. Pure: writing and reading checkpoint files is
 * `nabla/node` (`writeCheckpointFile`, `readCheckpointFile`).
 *
 * @example
 * const text = Checkpoint.encodeCheckpoint(Checkpoint.checkpointOf(state, cost, { optimizer: spec, batchSize: 32 }))
 * const back = Checkpoint.decodeCheckpoint(text) // Either<string, Checkpoint>
 *
 * @module
 */
export {
  checkpointCodec,
  checkpointOf,
  decodeCheckpoint,
  encodeCheckpoint,
  trainStateOf,
  type Checkpoint,
  type CheckpointInfo,
  type CheckpointJson,
  type OptStateJson,
} from '../Checkpoint.js'
