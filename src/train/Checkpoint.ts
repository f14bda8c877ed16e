/**
 * Checkpoints: a training state of a network together with the description
 * of its run — the cost the network is trained for, the optimizer (as a
 * spec), the mini-batch size and the caller's `meta` — as versioned JSON
 * that round-trips bit for bit. Resuming from a checkpoint gives the very
 * same parameters as a run that was never interrupted.
 *
 * A checkpoint holds the `TrainState` itself, and its codec is built from
 * the state's codec (`TrainStateC`), so nothing is copied field by field: a
 * field of the run description is added to {@link Checkpoint} and to the
 * codec's props, a field of the state to `TrainState` and to `TrainStateC`.
 * The one optional field, `best` (the best epoch of a run with early
 * stopping and its network), is written last and only when present, and
 * read only if it is the best epoch of the state's history.
 *
 * Decoding never throws: a corrupt, truncated, inconsistent or old
 * checkpoint is a `Left` with a readable report naming the path of the bad
 * value.
 *
 * @module
 */
import * as t from 'io-ts'
import { either as E, function as F } from 'fp-ts'
import {
  JsonRecordC,
  NumberC,
  PositiveIntC,
  at,
  isPlainRecord,
  messageOf,
  oneOf,
  strictType,
  type Json,
} from '../matrix/json.js'
import { decodeWith } from '../matrix/report.js'
import { structureMismatch } from '../ad/Tree.js'
import { costs, quadraticCost, type Cost, type CostName } from '../backprop/Cost.js'
import type { Network } from '../backprop/Network.js'
import { foreignPart, modelCodec, type ModelJson } from '../backprop/codec.js'
import { OptimizerSpecC, optimizerFromSpec, type OptimizerSpec } from './OptimizerSpec.js'
import type { TrainState } from './Train.js'
import { bestEpoch, type Best, type Monitor } from './EarlyStopping.js'
import { TrainStateC } from './TrainStateCodec.js'

const { pipe } = F

/**
 * The version of the checkpoints this nabla writes and reads. Version 1
 * held the state's fields at the top level and, in its first releases, a
 * generator state of four words; a version 1 file is refused with a report
 * that says so, rather than read as something it is not.
 *
 * @category checkpoints
 */
export const CHECKPOINT_VERSION = 2 as const

/**
 * A checkpoint of a training run of a network: the run's description and
 * its state.
 *
 * @category checkpoints
 */
export interface Checkpoint {
  /** What the network is trained for: its cost (the network itself is `state.params`). */
  readonly model: { readonly cost: Cost }
  /** The optimizer that made `state.optState`. */
  readonly optimizer: OptimizerSpec
  readonly batchSize: number
  /**
   * Anything else the caller wants to keep (the CLI keeps the settings that
   * only it knows here): a record of plain JSON, nested at most 64 levels
   * deep, and written as JSON writes it (a −0 in it reads back as 0).
   */
  readonly meta: Readonly<Record<string, Json>>
  /** Where the run is: parameters, optimizer and generator state, position, metrics. */
  readonly state: TrainState<Network>
  /**
   * The best epoch so far of a run with early stopping, and its parameters
   * (absent for a run that watches no validation metric). Its epoch is the
   * best of `state.history` by its monitor, and its value that epoch's.
   */
  readonly best?: CheckpointBest
}

/** The best epoch of a checkpointed run: which metric, which epoch, its value and its network. @category checkpoints */
export interface CheckpointBest extends Best<Network> {
  readonly monitor: Monitor
}

const CostNameC = oneOf(Object.keys(costs) as ReadonlyArray<CostName>, 'CostName')

/** A cost by its name, as nabla knows it. */
const CostC = new t.Type<Cost, CostName>(
  'Cost',
  (u): u is Cost => Object.values(costs).some((cost) => cost === u),
  (u, c) =>
    pipe(
      CostNameC.validate(u, c),
      E.map((name) => costs[name]),
    ),
  (cost) => cost.name,
)

/** The JSON form of a network: the layers of its model's JSON (see `modelCodec`). */
interface NetworkJson {
  readonly layers: ModelJson['layers']
}

const NetworkFieldsC = strictType({ layers: t.unknown }, 'Network')

/**
 * A network as `{ layers }`, with every check of `modelCodec` (activation
 * names, bit-exact entries, biases that fit, layer sizes that chain): its
 * layers are decoded as the layers of a model, whose cost is set aside.
 */
const NetworkC = new t.Type<Network, NetworkJson>(
  'Network',
  (u): u is Network => modelCodec.is({ network: u, cost: quadraticCost }),
  (u, c) =>
    pipe(
      NetworkFieldsC.validate(u, c),
      E.chain(({ layers }) => {
        const model = { format: 'nabla-network', version: 1, cost: quadraticCost.name, layers }
        return pipe(
          modelCodec.validate(model, c),
          // a problem of the whole network is the problem of the value given, not of the model built around it
          E.mapLeft((errors) => errors.map((e) => (e.value === model ? { ...e, value: u } : e))),
        )
      }),
      E.map((model) => model.network),
    ),
  (network) => ({ layers: modelCodec.encode({ network, cost: quadraticCost }).layers }),
)

/** The run description: every field of a checkpoint but the state (and the header). */
const runProps = {
  model: strictType({ cost: CostC }, 'Model'),
  optimizer: OptimizerSpecC,
  batchSize: PositiveIntC,
  meta: JsonRecordC,
}

const checkpointProps = { ...runProps, state: TrainStateC(NetworkC) }

const MonitorC = strictType({ key: t.string, mode: oneOf(['min', 'max'] as const, 'MonitorMode') }, 'Monitor')

const BestC = strictType({ monitor: MonitorC, epoch: PositiveIntC, value: NumberC, params: NetworkC }, 'Best')

/** The JSON form of a checkpoint's best epoch. @category checkpoints */
export type CheckpointBestJson = t.OutputOf<typeof BestC>

/** Why a checkpoint's best epoch is not the best of its history, or does not fit its network; undefined if it is. */
const bestProblem = (best: CheckpointBest, state: TrainState<Network>): string | undefined => {
  const found = bestEpoch(state.history, best.monitor)
  if (found === undefined) return `no epoch of the history measured ${best.monitor.key}`
  if (found.epoch !== best.epoch || !Object.is(found.value, best.value)) {
    return `the best epoch by ${best.monitor.key} is ${String(found.epoch)} (${String(found.value)}), not ${String(best.epoch)} (${String(best.value)})`
  }
  const mismatch = structureMismatch(best.params, state.params)
  return mismatch === undefined ? undefined : `its network does not have the shape of the state's: ${mismatch.message}`
}

const CheckpointJsonC = strictType(
  { format: t.literal('nabla-checkpoint'), version: t.literal(CHECKPOINT_VERSION), ...checkpointProps },
  'Checkpoint',
)

const isCheckpoint = (u: unknown): u is Checkpoint =>
  t.type(checkpointProps).is(u) &&
  (!Object.hasOwn(u, 'best') || BestC.is((u as unknown as { readonly best: unknown }).best))

/**
 * The JSON form of a {@link Checkpoint}, version 2: what
 * {@link checkpointCodec} writes (derived from the codec).
 *
 * @category checkpoints
 */
export type CheckpointJson = t.OutputOf<typeof CheckpointJsonC> & { readonly best?: CheckpointBestJson }

/**
 * Why the header of a checkpoint is not this nabla's, as errors at its
 * paths; none if it is. The version of a checkpoint (its format right) is
 * named as earlier or later than this nabla's.
 */
const headerErrors = (u: Readonly<Record<string, unknown>>, c: t.Context): t.Errors => {
  const field = (key: string): unknown => (Object.hasOwn(u, key) ? u[key] : undefined)
  const error = (key: string, message: string): t.ValidationError => ({
    value: field(key),
    context: at(c, key, t.unknown, field(key)),
    message,
  })
  const format = field('format')
  const version = field('version')
  const formatError =
    format === 'nabla-checkpoint'
      ? []
      : [error('format', Object.hasOwn(u, 'format') ? 'expected "nabla-checkpoint"' : 'missing')]
  const versionError =
    version === CHECKPOINT_VERSION
      ? []
      : !Object.hasOwn(u, 'version')
        ? [error('version', 'missing')]
        : format === 'nabla-checkpoint' && typeof version === 'number' && Number.isSafeInteger(version) && version >= 1
          ? [
              error(
                'version',
                version < CHECKPOINT_VERSION
                  ? `a version ${version} checkpoint: this nabla reads only version ${CHECKPOINT_VERSION} (a new generator and layout); resume it with the nabla that wrote it`
                  : `a version ${version} checkpoint, from a newer nabla: this one reads only version ${CHECKPOINT_VERSION}`,
              ),
            ]
          : [error('version', `expected ${CHECKPOINT_VERSION}`)]
  return [...formatError, ...versionError]
}

/** Why a checkpoint's optimizer state does not fit its optimizer and network, or undefined if it does. */
const optStateProblem = (cp: Checkpoint): string | undefined => {
  const { optimizer, state } = cp
  const mismatch = structureMismatch(state.optState, optimizerFromSpec(optimizer).init(state.params))
  return mismatch === undefined
    ? undefined
    : `does not fit the state of optimizer ${optimizer.kind} for this network: ` +
        `${mismatch.path.length === 0 ? '' : `at ${mismatch.path.join('/')}, `}${mismatch.message}`
}

/**
 * The io-ts codec of a {@link Checkpoint}: versioned
 * (`format: 'nabla-checkpoint', version: 2`). `decode` reads the header
 * first, and a file of another format or version is refused with a report
 * of the header alone (an earlier version is named: version 1 files are
 * not read, never misread). It then checks every field (the network with
 * `modelCodec`'s checks, the state with `TrainStateC`, the optimizer spec,
 * `meta` plain JSON), refuses unknown and missing keys and anything nested
 * more than `MAX_JSON_DEPTH` levels deep, and checks that the parts agree:
 * the optimizer state must have exactly the structure and shapes that the
 * optimizer would build for this network, and a `best` epoch must be the
 * first best of the history by its monitor, with its value, and a network
 * of the state's shape. Arrays and records are reported
 * at their first bad element. `decode(encode(c))` is `c`, bit for bit
 * (−0, NaN and ±∞ included; `meta` as JSON keeps it; the state's shuffle
 * cache is left out).
 *
 * @category checkpoints
 */
export const checkpointCodec: t.Type<Checkpoint, CheckpointJson> = new t.Type<Checkpoint, CheckpointJson>(
  'Checkpoint',
  (u): u is Checkpoint => isCheckpoint(u),
  (u, c) => {
    if (!isPlainRecord(u)) return t.failure(u, c, 'expected a checkpoint (a record)')
    const header = headerErrors(u, c)
    if (header.length > 0) return t.failures(header)
    const { best: bestJson, ...required } = u
    const hasBest = Object.hasOwn(u, 'best')
    const best = hasBest
      ? E.map((b: CheckpointBest) => [b])(BestC.validate(bestJson, at(c, 'best', BestC, bestJson)))
      : E.right([])
    return pipe(
      CheckpointJsonC.validate(required, c),
      E.chain((decoded) => (E.isLeft(best) ? best : E.right({ decoded, best: best.right }))),
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the header is checked and dropped: a Checkpoint is the rest
      E.chain(({ decoded: { format, version, ...rest }, best: found }) => {
        const cp: Checkpoint = found[0] === undefined ? rest : { ...rest, best: found[0] }
        const problem = optStateProblem(cp)
        if (problem !== undefined) {
          const state = u['state'] as Readonly<Record<string, unknown>>
          const context = at(at(c, 'state', t.unknown, state), 'optState', t.unknown, state['optState'])
          return t.failures([{ value: state['optState'], context, message: problem }])
        }
        const wrong = cp.best === undefined ? undefined : bestProblem(cp.best, cp.state)
        return wrong === undefined ? t.success(cp) : t.failure(bestJson, at(c, 'best', BestC, bestJson), wrong)
      }),
    )
  },
  ({ best, ...cp }) => ({
    ...CheckpointJsonC.encode({ format: 'nabla-checkpoint', version: CHECKPOINT_VERSION, ...cp }),
    ...(best === undefined ? {} : { best: BestC.encode(best) }),
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
  const foreign = foreignPart({ network: cp.state.params, cost: cp.model.cost })
  if (foreign !== undefined) throw new TypeError(`encodeCheckpoint: not written, since ${foreign}`)
  const json = checkpointCodec.encode(cp)
  const check = decodeWith(checkpointCodec)(json)
  if (E.isLeft(check)) throw new TypeError(`encodeCheckpoint: not written, since it would not load back: ${check.left}`)
  return JSON.stringify(json)
}

/**
 * A checkpoint from a JSON string: `Right(checkpoint)`, or `Left(report)`
 * for text that is not JSON (a truncated file, say) or JSON that is not a
 * valid checkpoint of this version. Never throws.
 *
 * @category checkpoints
 */
export const decodeCheckpoint = (text: string): E.Either<string, Checkpoint> =>
  pipe(
    E.tryCatch(
      (): unknown => JSON.parse(text),
      (e) =>
        `invalid Checkpoint: not JSON (${clipMessage(messageOf(e))})` +
        (text.trimEnd().endsWith('}') ? '' : '; the file looks truncated'),
    ),
    E.chain(decodeWith(checkpointCodec)),
  )

/** A parser's message, at most 200 characters (V8 quotes a little of the text). */
const clipMessage = (m: string): string => (m.length <= 200 ? m : `${m.slice(0, 199)}…`)
