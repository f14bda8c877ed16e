/**
 * Checkpoints of a training run as JSON that round-trips bit for bit: the
 * codec and the text encoding and decoding of a run (its cost, optimizer,
 * batch size and training state), and the codec of a training state. Pure: writing and reading checkpoint files is
 * `nabla/node` (`writeCheckpointFile`, `readCheckpointFile`).
 *
 * @example
 * const text = Checkpoint.encodeCheckpoint({ model: { cost }, optimizer: spec, batchSize: 32, meta: {}, state })
 * const back = Checkpoint.decodeCheckpoint(text) // Either<string, Checkpoint>
 *
 * @module
 */
export {
  CHECKPOINT_VERSION,
  checkpointCodec,
  decodeCheckpoint,
  encodeCheckpoint,
  type Checkpoint,
  type CheckpointJson,
} from '../Checkpoint.js'
export { TrainStateC, type OptStateJson, type TrainStateJson } from '../TrainStateCodec.js'
