/**
 * Checkpoints: everything needed to resume a training run of a network
 * exactly where it stopped — the network and its cost, the optimizer (as a
 * spec) and its state, the generator state, the position (step, epoch,
 * mini-batch), the mini-batch size and the metrics so far — as versioned
 * JSON that round-trips bit for bit. Resuming from a checkpoint gives the
 * very same parameters as a run that was never interrupted.
 *
 * Decoding never throws: a corrupt, truncated or inconsistent checkpoint is a
 * `Left` with a readable report naming the path of the bad value.
 *
 * @module
 */
import * as t from 'io-ts'
import { either as E, function as F } from 'fp-ts'
import type { Matrix } from '../matrix/Matrix.js'
import { isMatrix } from '../matrix/construct.js'
import { codec as matrixCodec, type MatrixJson } from '../matrix/codec.js'
import {
  JsonRecordC,
  MAX_JSON_DEPTH,
  NumberC,
  arrayOf,
  at,
  encodeNumber,
  isPlainRecord,
  recordOf,
  strictType,
  type NumberJson,
} from '../matrix/json.js'
import type { Rng } from '../matrix/Random.js'
import { RngC } from '../matrix/RandomCodec.js'
import { decodeWith } from '../matrix/report.js'
import { foreignPart, modelCodec, type Model, type ModelJson } from '../backprop/codec.js'
import type { Network } from '../backprop/Network.js'
import { OptimizerSpecC, optimizerFromSpec, type OptState, type OptimizerSpec } from './Optimizer.js'
import type { EpochMetrics, TrainState } from './Train.js'
import { structureMismatch } from './tree.js'

const { pipe } = F

// `NumberJson` and `NumberC` live with the matrix codec, which writes its entries with them.
export { NumberC, type NumberJson } from '../matrix/json.js'

const nonNegativeInt = new t.Type<number, number>(
  'NonNegativeInteger',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (u, c) =>
    typeof u === 'number' && Number.isSafeInteger(u) && u >= 0
      ? t.success(u)
      : t.failure(u, c, 'expected an integer ≥ 0'),
  (x) => x,
)

const positiveInt = new t.Type<number, number>(
  'PositiveInteger',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u > 0,
  (u, c) =>
    typeof u === 'number' && Number.isSafeInteger(u) && u > 0
      ? t.success(u)
      : t.failure(u, c, 'expected an integer ≥ 1'),
  (x) => x,
)

export { RngC } from '../matrix/RandomCodec.js'

/**
 * The JSON form of an optimizer state: numbers as {@link NumberJson},
 * matrices as `{ "$matrix": { rows, cols, data } }`, arrays and records as
 * themselves, nested at most `MAX_JSON_DEPTH` (64) levels deep.
 *
 * @category codec
 */
export type OptStateJson =
  NumberJson | { readonly $matrix: MatrixJson } | ReadonlyArray<OptStateJson> | { readonly [key: string]: OptStateJson }

const encodeOptState = (s: OptState): OptStateJson =>
  typeof s === 'number'
    ? encodeNumber(s)
    : isMatrix(s)
      ? { $matrix: matrixCodec.encode(s) }
      : Array.isArray(s)
        ? (s as ReadonlyArray<OptState>).map(encodeOptState)
        : Object.fromEntries(
            Object.entries(s as Readonly<Record<string, OptState>>).map(([k, v]) => [k, encodeOptState(v)]),
          )

const MatrixLeafC = strictType({ $matrix: matrixCodec }, 'MatrixLeaf')

/**
 * An optimizer state, reported at its first bad value, and refused past
 * `MAX_JSON_DEPTH` levels before anything deeper is looked at (so the
 * recursion is bounded too). A record with the key `$matrix` is a matrix
 * and must have no other key.
 */
const validateOptState = (u: unknown, c: t.Context, depth: number): t.Validation<OptState> => {
  if (typeof u === 'number' || typeof u === 'string') return NumberC.validate(u, c)
  const nested = Array.isArray(u) || isPlainRecord(u)
  if (nested && depth >= MAX_JSON_DEPTH) return t.failure(u, c, `nested more than ${MAX_JSON_DEPTH} levels deep`)
  if (Array.isArray(u)) {
    return pipe(
      u as ReadonlyArray<unknown>,
      E.traverseReadonlyArrayWithIndex((i, x) => validateOptState(x, at(c, i, OptStateC, x), depth + 1)),
      E.map((xs): OptState => xs),
    )
  }
  if (isPlainRecord(u)) {
    if (Object.hasOwn(u, '$matrix')) {
      return pipe(
        MatrixLeafC.validate(u, c),
        E.map((leaf): Matrix => leaf.$matrix),
      )
    }
    return pipe(
      Object.entries(u),
      E.traverseReadonlyArrayWithIndex((_, [k, v]) =>
        pipe(
          validateOptState(v, at(c, k, OptStateC, v), depth + 1),
          E.map((x) => [k, x] as const),
        ),
      ),
      E.map((kvs): OptState => Object.fromEntries(kvs)),
    )
  }
  return t.failure(u, c, 'expected an optimizer state: numbers, { "$matrix": … }, arrays and records of them')
}

/** The io-ts codec of an optimizer state (see {@link OptStateJson}). @category codec */
export const OptStateC: t.Type<OptState, OptStateJson> = new t.Type<OptState, OptStateJson>(
  'OptState',
  (u): u is OptState => typeof u === 'number' || isMatrix(u) || Array.isArray(u) || isPlainRecord(u),
  (u, c) => validateOptState(u, c, 0),
  encodeOptState,
)

const EpochMetricsC = strictType(
  {
    epoch: positiveInt,
    step: nonNegativeInt,
    trainLoss: NumberC,
    evaluation: recordOf(NumberC, 'Evaluation'),
  },
  'EpochMetrics',
)

/**
 * A checkpoint of a training run of a network.
 *
 * @category checkpoints
 */
export interface Checkpoint {
  /** The network and the cost it is trained for. */
  readonly model: Model
  /** The optimizer that made `optState`. */
  readonly optimizer: OptimizerSpec
  readonly optState: OptState
  /** The generator state at the start of the current epoch. */
  readonly rng: Rng
  readonly step: number
  readonly epoch: number
  /** Mini-batches done in the current epoch (0 at an epoch's end). */
  readonly batch: number
  readonly batchSize: number
  /** The last mini-batch's loss, and the running sums of the current epoch (see `TrainState`). */
  readonly loss: number
  readonly lossSum: number
  readonly examples: number
  readonly history: ReadonlyArray<EpochMetrics>
  /**
   * Anything else the caller wants to keep (the CLI keeps its settings
   * here): a record of plain JSON (`Json`), nested at most 64 levels deep,
   * and written as JSON writes it (a −0 in it reads back as 0).
   */
  readonly meta: Readonly<Record<string, unknown>>
}

/** The JSON form of a {@link Checkpoint}, version 1. @category checkpoints */
export interface CheckpointJson {
  readonly format: 'nabla-checkpoint'
  readonly version: 1
  readonly model: ModelJson
  readonly optimizer: OptimizerSpec
  readonly optState: OptStateJson
  readonly rng: ReadonlyArray<number>
  readonly step: number
  readonly epoch: number
  readonly batch: number
  readonly batchSize: number
  readonly loss: NumberJson
  readonly lossSum: NumberJson
  readonly examples: number
  readonly history: ReadonlyArray<{
    readonly epoch: number
    readonly step: number
    readonly trainLoss: NumberJson
    readonly evaluation: Readonly<Record<string, NumberJson>>
  }>
  readonly meta: Readonly<Record<string, unknown>>
}

const CheckpointJsonC = strictType(
  {
    format: t.literal('nabla-checkpoint'),
    version: t.literal(1),
    model: modelCodec,
    optimizer: OptimizerSpecC,
    optState: OptStateC,
    rng: RngC,
    step: nonNegativeInt,
    epoch: nonNegativeInt,
    batch: nonNegativeInt,
    batchSize: positiveInt,
    loss: NumberC,
    lossSum: NumberC,
    examples: nonNegativeInt,
    history: arrayOf(EpochMetricsC, 'History'),
    meta: JsonRecordC,
  },
  'Checkpoint',
)

/** Why a decoded checkpoint does not hang together, or undefined if it does. */
const inconsistency = (cp: Checkpoint): string | undefined => {
  const expected = optimizerFromSpec(cp.optimizer).init(cp.model.network)
  const mismatch = structureMismatch(cp.optState, expected)
  if (mismatch !== undefined) {
    return `optState does not fit a ${cp.optimizer.kind} optimizer for this network: ${mismatch}`
  }
  if (cp.history.length !== cp.epoch) {
    return `history has ${String(cp.history.length)} epochs, but epoch is ${String(cp.epoch)}`
  }
  if (cp.batch === 0 && cp.examples !== 0) return 'examples must be 0 at the start of an epoch (batch 0)'
  return undefined
}

/**
 * The io-ts codec of a {@link Checkpoint}: versioned
 * (`format: 'nabla-checkpoint', version: 1`). `decode` checks every field
 * (the network with `modelCodec`, every number a `NumberJson`, integer
 * counters, the generator state with `RngC`, `meta` plain JSON), refuses
 * unknown and missing keys and anything nested more than `MAX_JSON_DEPTH`
 * levels deep, and checks that the parts agree: the optimizer state must
 * have exactly the structure and shapes that the optimizer would build for
 * this network, and there must be one history record per completed epoch.
 * Arrays and records are reported at their first bad element.
 * `decode(encode(c))` is `c`, bit for bit (−0, NaN and ±∞ included; `meta`
 * as JSON keeps it).
 *
 * @category checkpoints
 */
export const checkpointCodec: t.Type<Checkpoint, CheckpointJson> = new t.Type<Checkpoint, CheckpointJson>(
  'Checkpoint',
  (u): u is Checkpoint => typeof u === 'object' && u !== null && 'model' in u && 'optState' in u && 'rng' in u,
  (u, c) =>
    pipe(
      CheckpointJsonC.validate(u, c),
      E.chain((json) => {
        const cp: Checkpoint = {
          model: json.model,
          optimizer: json.optimizer,
          optState: json.optState,
          rng: json.rng,
          step: json.step,
          epoch: json.epoch,
          batch: json.batch,
          batchSize: json.batchSize,
          loss: json.loss,
          lossSum: json.lossSum,
          examples: json.examples,
          history: json.history,
          meta: json.meta,
        }
        const err = inconsistency(cp)
        return err === undefined ? t.success(cp) : t.failure(u, c, err)
      }),
    ),
  (cp) => ({
    format: 'nabla-checkpoint',
    version: 1,
    model: modelCodec.encode(cp.model),
    optimizer: OptimizerSpecC.encode(cp.optimizer),
    optState: encodeOptState(cp.optState),
    rng: RngC.encode(cp.rng),
    step: cp.step,
    epoch: cp.epoch,
    batch: cp.batch,
    batchSize: cp.batchSize,
    loss: encodeNumber(cp.loss),
    lossSum: encodeNumber(cp.lossSum),
    examples: cp.examples,
    history: cp.history.map((h) => ({
      epoch: h.epoch,
      step: h.step,
      trainLoss: encodeNumber(h.trainLoss),
      evaluation: Object.fromEntries(Object.entries(h.evaluation).map(([k, v]) => [k, encodeNumber(v)])),
    })),
    meta: cp.meta,
  }),
)

/**
 * A checkpoint as a JSON string, which {@link decodeCheckpoint} turns back
 * into the identical checkpoint (every number bit-exact: a diverged run's
 * NaN weights are kept as `"NaN"`).
 *
 * Throws a `TypeError` instead of writing a file that would not load, or
 * would load as something else: a custom activation or cost under one of
 * nabla's names, a `meta` that is not plain JSON, counters that are not
 * integers, an optimizer state that does not fit the optimizer and the
 * network, a history that does not match the epoch — a checkpoint that no
 * training run makes.
 *
 * @category checkpoints
 */
export const encodeCheckpoint = (cp: Checkpoint): string => {
  const json = checkpointCodec.encode(cp)
  const foreign = foreignPart(cp.model)
  if (foreign !== undefined) throw new TypeError(`encodeCheckpoint: not written, since ${foreign}`)
  const check = decodeWith(checkpointCodec)(json)
  if (E.isLeft(check)) throw new TypeError(`encodeCheckpoint: not written, since it would not load back: ${check.left}`)
  return JSON.stringify(json)
}

/**
 * A checkpoint from a JSON string: `Right(checkpoint)`, or `Left(report)`
 * for text that is not JSON (a truncated file, say) or JSON that is not a
 * valid checkpoint. Never throws.
 *
 * @category checkpoints
 */
export const decodeCheckpoint = (text: string): E.Either<string, Checkpoint> =>
  pipe(
    E.tryCatch(
      (): unknown => JSON.parse(text),
      (e) =>
        `invalid Checkpoint: not JSON (${clipMessage(e instanceof Error ? e.message : String(e))})` +
        (text.trimEnd().endsWith('}') ? '' : '; the file looks truncated'),
    ),
    E.chain(decodeWith(checkpointCodec)),
  )

/** A parser's message, at most 200 characters (V8 quotes a little of the text). */
const clipMessage = (m: string): string => (m.length <= 200 ? m : `${m.slice(0, 199)}…`)

/** What a checkpoint records besides the training state. @category checkpoints */
export interface CheckpointInfo {
  readonly optimizer: OptimizerSpec
  readonly batchSize: number
  readonly meta?: Readonly<Record<string, unknown>>
}

/**
 * The checkpoint of a training state of a network trained for `model.cost`.
 *
 * @category checkpoints
 */
export const checkpointOf = (state: TrainState<Network>, cost: Model['cost'], info: CheckpointInfo): Checkpoint => ({
  model: { network: state.params, cost },
  optimizer: info.optimizer,
  optState: state.optState,
  rng: state.rng,
  step: state.step,
  epoch: state.epoch,
  batch: state.batch,
  batchSize: info.batchSize,
  loss: state.loss,
  lossSum: state.lossSum,
  examples: state.examples,
  history: state.history,
  meta: info.meta ?? {},
})

/**
 * The training state a checkpoint holds, ready to resume: the same
 * parameters, optimizer state, generator state, position and metrics (the
 * current epoch's shuffle is drawn again from the same generator state).
 *
 * @category checkpoints
 */
export const trainStateOf = (cp: Checkpoint): TrainState<Network> => ({
  params: cp.model.network,
  optState: cp.optState,
  rng: cp.rng,
  shuffle: undefined,
  step: cp.step,
  epoch: cp.epoch,
  batch: cp.batch,
  loss: cp.loss,
  lossSum: cp.lossSum,
  examples: cp.examples,
  history: cp.history,
})
