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
import { either as E } from 'fp-ts'
import { pipe } from 'fp-ts/lib/function.js'
import { isMatrix } from '../matrix/construct.js'
import { codec as matrixCodec, type MatrixJson } from '../matrix/codec.js'
import type { Rng } from '../matrix/Random.js'
import { RngC } from '../matrix/RandomCodec.js'
import { decodeWith } from '../matrix/report.js'
import { modelCodec, type Model, type ModelJson } from '../backprop/codec.js'
import type { Network } from '../backprop/Network.js'
import { OptimizerSpecC, optimizerFromSpec, type OptState, type OptimizerSpec } from './Optimizer.js'
import type { EpochMetrics, TrainState } from './Train.js'
import { structureMismatch } from './tree.js'

/**
 * A number in JSON, bit-exact: finite numbers as themselves (JSON prints
 * the shortest decimal that parses back to the same float64), and the
 * values JSON has no literal for as strings: `"-0"`, `"NaN"`, `"Infinity"`,
 * `"-Infinity"`.
 *
 * @category codec
 */
export type NumberJson = number | '-0' | 'NaN' | 'Infinity' | '-Infinity'

const specials: Readonly<Record<string, number>> = {
  '-0': -0,
  NaN: Number.NaN,
  Infinity: Infinity,
  '-Infinity': -Infinity,
}

const encodeNumber = (x: number): NumberJson =>
  Object.is(x, -0) ? '-0' : Number.isNaN(x) ? 'NaN' : x === Infinity ? 'Infinity' : x === -Infinity ? '-Infinity' : x

/** The io-ts codec of any float64 as {@link NumberJson}. @category codec */
export const NumberC: t.Type<number, NumberJson> = new t.Type<number, NumberJson>(
  'Number',
  (u): u is number => typeof u === 'number',
  (u, c) =>
    typeof u === 'number' && Number.isFinite(u)
      ? t.success(u)
      : typeof u === 'string' && u in specials
        ? t.success(specials[u] as number)
        : t.failure(u, c, 'expected a number (or "-0", "NaN", "Infinity", "-Infinity")'),
  encodeNumber,
)

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
 * themselves.
 *
 * @category codec
 */
export type OptStateJson =
  NumberJson | { readonly $matrix: MatrixJson } | ReadonlyArray<OptStateJson> | { readonly [key: string]: OptStateJson }

const isPlainObject = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

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

const validateOptState = (u: unknown, c: t.Context): t.Validation<OptState> => {
  if (typeof u === 'number' || typeof u === 'string') return NumberC.validate(u, c)
  if (Array.isArray(u)) {
    return pipe(
      (u as ReadonlyArray<unknown>).map((x, i) => validateOptState(x, t.appendContext(c, String(i), OptStateC, x))),
      E.sequenceArray,
      E.map((xs): OptState => xs),
    )
  }
  if (isPlainObject(u)) {
    if ('$matrix' in u) {
      return matrixCodec.validate(u['$matrix'], t.appendContext(c, '$matrix', matrixCodec, u['$matrix']))
    }
    return pipe(
      Object.entries(u).map(([k, v]) =>
        pipe(
          validateOptState(v, t.appendContext(c, k, OptStateC, v)),
          E.map((x) => [k, x] as const),
        ),
      ),
      E.sequenceArray,
      E.map((kvs): OptState => Object.fromEntries(kvs)),
    )
  }
  return t.failure(u, c, 'expected an optimizer state: numbers, { "$matrix": … }, arrays and records of them')
}

/** The io-ts codec of an optimizer state (see {@link OptStateJson}). @category codec */
export const OptStateC: t.Type<OptState, OptStateJson> = new t.Type<OptState, OptStateJson>(
  'OptState',
  (u): u is OptState => typeof u === 'number' || isMatrix(u) || Array.isArray(u) || isPlainObject(u),
  validateOptState,
  encodeOptState,
)

const EpochMetricsC = t.readonly(
  t.type({
    epoch: positiveInt,
    step: nonNegativeInt,
    trainLoss: NumberC,
    evaluation: t.readonly(t.record(t.string, NumberC)),
  }),
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
  /** Anything else the caller wants to keep (the CLI keeps its settings here); must be plain JSON. */
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

const CheckpointJsonC = t.type(
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
    history: t.readonlyArray(EpochMetricsC),
    meta: t.UnknownRecord,
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
 * (the network with `modelCodec`, finite matrix entries, integer counters,
 * the generator state with `RngC`) and that the parts agree: the optimizer
 * state must have exactly the structure and shapes that the optimizer
 * would build for this network, and there must be one history record per
 * completed epoch. `decode(encode(c))` is `c`, bit for bit (−0 included).
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
    optimizer: cp.optimizer,
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

/** A checkpoint as a JSON string. @category checkpoints */
export const encodeCheckpoint = (cp: Checkpoint): string => JSON.stringify(checkpointCodec.encode(cp))

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
        `invalid Checkpoint: not JSON (${e instanceof Error ? e.message : String(e)})` +
        (text.trimEnd().endsWith('}') ? '' : '; the file looks truncated'),
    ),
    E.chain(decodeWith(checkpointCodec)),
  )

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
