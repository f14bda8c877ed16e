/**
 * The plan of a run of `nabla train`: the data, the network and its
 * training state, the optimizer, the epochs and the output directory, for a
 * fresh run or a resumed one. Building it reads the data and the
 * checkpoint and writes nothing; every problem (data that does not fit the
 * network, a checkpoint that cannot be resumed, a schedule that would end
 * before the run) is found here, before the first epoch.
 *
 * @module
 */
import { either as E } from 'fp-ts'
import * as t from 'io-ts'
import { dirname, join, resolve } from 'node:path'
import { activations } from '../../backprop/Activation.js'
import { costs, type Cost } from '../../backprop/Cost.js'
import { initNetwork, sizes, type Network, type WeightInit } from '../../backprop/Network.js'
import { size, splitValidation, type Dataset } from '../../data/Dataset.js'
import { foldIn } from '../../matrix/Random.js'
import type { CheckpointBest } from '../../train/Checkpoint.js'
import { patienceExhausted, validationAccuracy, validationCost, type Monitor } from '../../train/EarlyStopping.js'
import {
  NonNegativeIntC,
  PositiveIntC,
  PositiveNumberC,
  isPlainRecord,
  oneOf,
  refined,
  strictType,
  type Json,
} from '../../matrix/json.js'
import { decodeWith } from '../../matrix/report.js'
import { readCheckpointFile } from '../../train/checkpointFile.js'
import { optimizerFromSpec, type OptimizerSpec } from '../../train/OptimizerSpec.js'
import { scheduleFromSpec, type ScheduleSpec } from '../../train/Schedule.js'
import { batchesPerEpoch, initTrainState, type TrainState } from '../../train/Train.js'
import { fmt } from '../io.js'
import { rngOfSeed } from '../seed.js'
import {
  dataProblems,
  loadData,
  outputsFor,
  regressionOutputProblem,
  regressionValidationProblem,
  type Data,
} from './data.js'
import { MONITORS, type MonitorName } from './flags.js'
import { warmupProblem, type FreshSettings, type ResumeSettings, type ValidationSettings } from './settings.js'

/** The settings every run of the command line keeps in its checkpoint's meta. */
export interface RunSettings {
  /** The `--dataset` value that loads the data again. */
  readonly dataset: string
  readonly init: WeightInit
  readonly seed: bigint
  /** The epoch the run trains up to. */
  readonly epochs: number
}

/** The target column and `--target-scale` of a regression on a CSV file. */
export interface RegressionMeta {
  readonly target: string
  readonly targetScale: number | undefined
}

/**
 * What the command line keeps in a checkpoint's meta besides the training
 * state (no timing: same run, same bytes): the settings, and either the
 * validation set held out of the training set or the target of a
 * regression (a regression has no validation set), or neither.
 */
export type RunMeta = RunSettings &
  (
    | { readonly regression?: undefined; readonly validation?: ValidationSettings }
    | { readonly regression: RegressionMeta; readonly validation?: undefined }
  )

const SeedC = new t.Type<bigint, string>(
  'Seed',
  (u): u is bigint => typeof u === 'bigint',
  (u, c) =>
    typeof u === 'string' && /^-?\d+$/.test(u)
      ? t.success(BigInt(u))
      : t.failure(u, c, 'expected a seed: a whole number in decimal digits'),
  (s) => s.toString(),
)

const settingsProps = {
  dataset: t.string,
  init: oneOf<WeightInit>(['scaled', 'standard'], 'WeightInit'),
  seed: SeedC,
  epochs: NonNegativeIntC,
}

const MetaC = strictType(
  { tool: t.literal('nabla train'), settings: strictType(settingsProps, 'TrainSettings') },
  'TrainMeta',
)

const ValidationC = new t.Type<ValidationSettings, Json>(
  'Validation',
  (u): u is ValidationSettings => isPlainRecord(u) && typeof u['fraction'] === 'number',
  (u, c) =>
    E.map((v: { fraction: number; monitor: MonitorName; patience: number | null }) => ({
      fraction: v.fraction,
      monitor: v.monitor,
      patience: v.patience ?? undefined,
    }))(
      strictType(
        {
          fraction: refined('Fraction', (x) => x > 0 && x < 1, 'expected a fraction strictly between 0 and 1'),
          monitor: oneOf(MONITORS, 'Monitor'),
          patience: t.union([PositiveIntC, t.null]),
        },
        'Validation',
      ).validate(u, c),
    ),
  (v) => ({ fraction: v.fraction, monitor: v.monitor, patience: v.patience ?? null }),
)

/** The meta of a run with a validation set: the settings have one more key. */
const ValidatedMetaC = strictType(
  {
    tool: t.literal('nabla train'),
    settings: strictType({ ...settingsProps, validation: ValidationC }, 'TrainSettings'),
  },
  'TrainMeta',
)

/** The meta of a regression: the settings of any run and the target (it has no validation set). */
const RegressionMetaC = strictType(
  {
    tool: t.literal('nabla train'),
    settings: strictType(
      { ...settingsProps, target: t.string, targetScale: t.union([PositiveNumberC, t.null]) },
      'RegressionSettings',
    ),
  },
  'RegressionTrainMeta',
)

/**
 * A run's meta as the checkpoint's JSON holds it: the settings of any run,
 * with a `validation` key for a run with a validation set, or `target` and
 * `targetScale` for a regression (never both: a regression has no
 * validation set).
 */
export const encodeMeta = ({ validation, regression, ...m }: RunMeta): Readonly<Record<string, Json>> =>
  regression !== undefined
    ? RegressionMetaC.encode({
        tool: 'nabla train',
        settings: { ...m, target: regression.target, targetScale: regression.targetScale ?? null },
      })
    : validation !== undefined
      ? ValidatedMetaC.encode({ tool: 'nabla train', settings: { ...m, validation } })
      : MetaC.encode({ tool: 'nabla train', settings: m })

/**
 * A checkpoint's meta as the settings of a run of nabla train: of a run
 * with a validation set, of a regression, or of neither (a meta with the
 * keys of both is refused).
 */
export const decodeMeta = (meta: Readonly<Record<string, Json>>): E.Either<string, RunMeta> => {
  const settings = meta['settings']
  const has = (key: string): boolean => isPlainRecord(settings) && Object.hasOwn(settings, key)
  if (has('validation')) {
    return E.map((m: t.TypeOf<typeof ValidatedMetaC>): RunMeta => m.settings)(decodeWith(ValidatedMetaC)(meta))
  }
  if (has('target')) {
    return E.map((m: t.TypeOf<typeof RegressionMetaC>): RunMeta => {
      const { target, targetScale, ...rest } = m.settings
      return { ...rest, regression: { target, targetScale: targetScale ?? undefined } }
    })(decodeWith(RegressionMetaC)(meta))
  }
  return E.map((m: t.TypeOf<typeof MetaC>): RunMeta => m.settings)(decodeWith(MetaC)(meta))
}

/** A run's validation set, the metric that picks its best epoch, and its best epoch so far. */
export interface Generalization {
  readonly settings: ValidationSettings
  readonly validation: Dataset
  readonly monitor: Monitor
  /** The best epoch of the run so far (from the checkpoint of a resumed run). */
  readonly best: CheckpointBest | undefined
}

/** The library's monitor of a command-line metric. */
export const monitorOf = (name: MonitorName): Monitor => (name === 'cost' ? validationCost : validationAccuracy)

/** The examples a run trains on and its validation set, or undefined for a run without one. */
type Held = { readonly fit: Dataset; readonly validation: Dataset } | undefined

/** The independent stream of a run's seed that draws its validation set (the weights and shuffles are the same with or without one). */
const VALIDATION_STREAM = 1

/**
 * The training set split into the part trained on and the validation set,
 * drawn from the run's seed; `Left` when the fraction leaves a side empty.
 */
const holdOut = (data: Data, v: ValidationSettings, seed: bigint): E.Either<string, Held> => {
  const n = size(data.train)
  const k = Math.round(v.fraction * n)
  if (k < 1 || k > n - 1) {
    return E.left(
      `--validation ${String(v.fraction)} holds out ${String(k)} of the ${String(n)} training examples of ${data.label}, ` +
        `which leaves ${k < 1 ? 'no validation' : 'no training'} examples`,
    )
  }
  const { train, validation } = splitValidation(data.train, v.fraction, foldIn(rngOfSeed(seed), VALIDATION_STREAM))
  return E.right({ fit: train, validation })
}

/** Everything a run needs, known before its first epoch. */
export interface Plan {
  readonly data: Data
  /** The examples trained on: the training set, less the validation set if there is one. */
  readonly fit: Dataset
  /** The validation set and what it watches, if the run has one. */
  readonly generalization: Generalization | undefined
  readonly cost: Cost
  readonly spec: OptimizerSpec
  readonly batchSize: number
  readonly meta: RunMeta
  readonly initial: TrainState<Network>
  /** The output directory (absolute). */
  readonly out: string
  /** The checkpoint the run continues (absolute), if it is resumed. */
  readonly resumedFrom: string | undefined
  /** Lines to print before training (a schedule that was extended, say). */
  readonly notes: ReadonlyArray<string>
}

const scheduleSpec = (s: FreshSettings, epochs: number, perEpoch: number): ScheduleSpec => {
  switch (s.schedule) {
    case 'constant':
      return { kind: 'constant', lr: s.lr }
    case 'cosine':
      return { kind: 'cosine', lr: s.lr, steps: Math.max(1, epochs * perEpoch), alpha: 0 }
    case 'step':
      return { kind: 'step', lr: s.lr, factor: s.decayRate, every: s.decayEvery * perEpoch }
    case 'exponential':
      return { kind: 'exponential', lr: s.lr, rate: s.decayRate, every: perEpoch }
    case 'warmup-cosine':
      return {
        kind: 'warmupCosine',
        init: 0,
        lr: s.lr,
        warmup: s.warmupEpochs * perEpoch,
        steps: Math.max(1, epochs * perEpoch),
        end: 0,
      }
  }
}

const optimizerSpec = (s: FreshSettings, schedule: ScheduleSpec, n: number): OptimizerSpec => {
  const weightDecay = { lambda: s.weightDecay, n }
  switch (s.optimizer) {
    case 'sgd':
      return { kind: 'sgd', schedule, weightDecay }
    case 'momentum':
      return { kind: 'momentum', schedule, momentum: s.momentum, weightDecay }
    case 'adam':
      return { kind: 'adam', schedule, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay }
    case 'adamw':
      return {
        kind: 'adamw',
        schedule,
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
        decoupledDecay: s.decoupledDecay,
        weightDecay,
      }
    case 'rmsprop':
      return { kind: 'rmsprop', schedule, decay: s.rmsDecay, epsilon: 1e-8, centered: false, momentum: 0, weightDecay }
  }
}

/** The plan of a fresh run, or every problem with it. */
export const freshPlan = async (s: FreshSettings, cwd: string): Promise<E.Either<ReadonlyArray<string>, Plan>> => {
  const loaded = await loadData(s.dataset, cwd, s)
  if (E.isLeft(loaded)) return E.left([loaded.left])
  const data = loaded.right
  const digits = data.source === 'digits'
  const layers = s.layers ?? [data.train.x.rows, digits ? 30 : 100, outputsFor(data)]
  const problems = [
    ...dataProblems(
      data,
      layers,
      s.layers === undefined ? `the network ${layers.join('-')}` : `--layers ${layers.join(',')}`,
    ),
    regressionOutputProblem(data, s.outputActivation),
  ].filter((p): p is string => p !== undefined)
  if (problems.length > 0) return E.left(problems)
  const epochs = s.epochs ?? (digits ? 30 : 10)
  // with --epochs given, the command line has checked this already; here for the default epochs
  const warmup = s.schedule === 'warmup-cosine' ? warmupProblem(s.warmupEpochs, epochs) : undefined
  if (warmup !== undefined) return E.left([warmup])
  // a regression has no validation set (the command line refuses the two together before loading the data)
  if (data.regression !== undefined && s.validation !== undefined)
    return E.left([regressionValidationProblem(s.dataset)])
  const held: E.Either<string, Held> =
    s.validation === undefined ? E.right(undefined) : holdOut(data, s.validation, s.seed)
  if (E.isLeft(held)) return E.left([held.left])
  const fit = held.right?.fit ?? data.train
  const n = size(fit)
  const spec = optimizerSpec(s, scheduleSpec(s, epochs, batchesPerEpoch(n, s.batchSize)), n)
  const hidden = activations[s.activation]
  const output = activations[s.outputActivation]
  const [network, rng] = initNetwork(
    layers,
    layers.slice(1).map((_, i) => (i === layers.length - 2 ? output : hidden)),
    rngOfSeed(s.seed),
    s.init,
  )
  return E.right({
    data,
    fit,
    generalization:
      s.validation === undefined || held.right === undefined
        ? undefined
        : {
            settings: s.validation,
            validation: held.right.validation,
            monitor: monitorOf(s.validation.monitor),
            best: undefined,
          },
    cost: costs[s.cost],
    spec,
    batchSize: s.batchSize,
    meta: {
      dataset: data.source,
      init: s.init,
      seed: s.seed,
      epochs,
      ...(data.regression === undefined
        ? s.validation === undefined
          ? {}
          : { validation: s.validation }
        : { regression: { target: data.regression.target, targetScale: s.targetScale } }),
    },
    initial: initTrainState(network, optimizerFromSpec(spec), rng),
    out: resolve(cwd, s.out ?? join('runs', `${data.label}-${s.seed.toString()}`)),
    resumedFrom: undefined,
    notes: [],
  })
}

/**
 * The spec of a resumed run at step `now` whose last step is `end`: the checkpoint's,
 * or, with `extend`, a cosine schedule stretched to end there. `Left` when
 * the run would train past the end of a cosine schedule (at learning rate
 * 0) without `extend`, and when `extend` would change nothing.
 */
const horizon = (
  spec: OptimizerSpec,
  now: number,
  end: number,
  extend: boolean,
  epochAt: (step: number) => number,
): E.Either<string, { readonly spec: OptimizerSpec; readonly note?: string }> => {
  const schedule = spec.schedule
  if (schedule.kind !== 'cosine' && schedule.kind !== 'warmupCosine') {
    return extend
      ? E.left(`--extend-schedule has no effect: the checkpoint's schedule is ${schedule.kind}, which has no end`)
      : E.right({ spec })
  }
  if (end <= schedule.steps) {
    return extend
      ? E.left(
          `--extend-schedule has no effect: the run ends at step ${String(end)}, within the cosine schedule's ${String(schedule.steps)} steps`,
        )
      : E.right({ spec })
  }
  if (!extend) {
    const last = epochAt(schedule.steps)
    return E.left(
      `the checkpoint's cosine schedule reaches learning rate 0 at step ${String(schedule.steps)} (epoch ${String(last)}), ` +
        `so training on to step ${String(end)} would not learn: give --extend-schedule to stretch the schedule ` +
        `to the new last epoch${last > epochAt(now) ? `, or --epochs ${String(last)} or less` : ''}`,
    )
  }
  const stretched = { ...schedule, steps: end }
  const rate = (sched: ScheduleSpec): string => fmt(scheduleFromSpec(sched)(now))
  return E.right({
    spec: { ...spec, schedule: stretched },
    note:
      `extending the cosine schedule from ${String(schedule.steps)} to ${String(end)} steps (--extend-schedule): ` +
      `the learning rate of step ${String(now)} goes from ${rate(schedule)} to ${rate(stretched)}`,
  })
}

/** Why a checkpoint's run already stopped early (its patience ran out), or undefined if it did not. */
const stoppedEarly = (
  v: ValidationSettings | undefined,
  epoch: number,
  best: CheckpointBest | undefined,
): string | undefined =>
  v?.patience === undefined || !patienceExhausted(v.patience, epoch, best)
    ? undefined
    : `the run stopped early at epoch ${String(epoch)}: ${String(epoch - (best?.epoch ?? 0))} epochs without an ` +
      `improvement of the validation ${v.monitor}${best === undefined ? '' : ` since epoch ${String(best.epoch)}`} ` +
      `(--patience ${String(v.patience)}); resuming would stop at once${best === undefined ? '' : ` (best.json holds epoch ${String(best.epoch)}'s network)`}`

/** The plan of a resumed run, or every problem with it. */
export const resumePlan = async (s: ResumeSettings, cwd: string): Promise<E.Either<ReadonlyArray<string>, Plan>> => {
  const path = resolve(cwd, s.resume)
  const read = await readCheckpointFile(path)()
  if (E.isLeft(read)) return E.left([read.left])
  const cp = read.right
  const { state } = cp
  const decoded = decodeMeta(cp.meta)
  if (E.isLeft(decoded))
    return E.left([`${path}: this checkpoint was not written by nabla train (its meta has no settings)`])
  const meta = decoded.right
  if (state.batch !== 0)
    return E.left([`${path}: the checkpoint stopped within an epoch; nabla train resumes only at epoch ends`])
  const epochs = s.epochs ?? meta.epochs
  if (epochs <= state.epoch) {
    return E.left([
      `${path}: the checkpoint is already at epoch ${String(state.epoch)}; give --epochs N with N > ${String(state.epoch)} to train further`,
    ])
  }
  const loaded = await loadData(s.dataset ?? meta.dataset, cwd, {
    target: meta.regression?.target,
    targetScale: meta.regression?.targetScale,
  })
  if (E.isLeft(loaded)) return E.left([loaded.left])
  const data = loaded.right
  const layers = sizes(state.params)
  const output = state.params.layers[state.params.layers.length - 1]?.activation.name ?? 'identity'
  const problems = [
    ...dataProblems(data, layers, `the checkpoint's network ${layers.join('-')}`),
    regressionOutputProblem(data, output),
  ].filter((p): p is string => p !== undefined)
  if (problems.length > 0) return E.left(problems)
  const held: E.Either<string, Held> =
    meta.validation === undefined ? E.right(undefined) : holdOut(data, meta.validation, meta.seed)
  if (E.isLeft(held)) return E.left([held.left])
  const stopped = stoppedEarly(meta.validation, state.epoch, cp.best)
  if (stopped !== undefined) return E.left([`${path}: ${stopped}`])
  const fit = held.right?.fit ?? data.train
  const perEpoch = batchesPerEpoch(size(fit), cp.batchSize)
  const end = state.step + (epochs - state.epoch) * perEpoch
  const epochAt = (step: number): number => state.epoch + Math.floor((step - state.step) / perEpoch)
  const fitted = horizon(cp.optimizer, state.step, end, s.extendSchedule, epochAt)
  if (E.isLeft(fitted)) return E.left([fitted.left])
  const { spec, note } = fitted.right
  return E.right({
    data,
    fit,
    generalization:
      meta.validation === undefined || held.right === undefined
        ? undefined
        : {
            settings: meta.validation,
            validation: held.right.validation,
            monitor: monitorOf(meta.validation.monitor),
            best: cp.best,
          },
    cost: cp.model.cost,
    spec,
    batchSize: cp.batchSize,
    meta: { ...meta, dataset: data.source, epochs },
    initial: state,
    out: resolve(cwd, s.out ?? dirname(path)),
    resumedFrom: path,
    notes: note === undefined ? [] : [note],
  })
}
