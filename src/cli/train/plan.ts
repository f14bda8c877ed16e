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
import { size } from '../../data/Dataset.js'
import { NonNegativeIntC, PositiveNumberC, oneOf, strictType, type Json } from '../../matrix/json.js'
import { decodeWith } from '../../matrix/report.js'
import { readCheckpointFile } from '../../train/checkpointFile.js'
import { optimizerFromSpec, type OptimizerSpec } from '../../train/OptimizerSpec.js'
import { scheduleFromSpec, type ScheduleSpec } from '../../train/Schedule.js'
import { batchesPerEpoch, initTrainState, type TrainState } from '../../train/Train.js'
import { fmt } from '../io.js'
import { rngOfSeed } from '../seed.js'
import { dataProblems, loadData, outputsFor, regressionOutputProblem, type Data } from './data.js'
import type { FreshSettings, ResumeSettings } from './settings.js'

/** What the command line keeps in a checkpoint's meta besides the training state (no timing: same run, same bytes). */
export interface RunMeta {
  /** The `--dataset` value that loads the data again. */
  readonly dataset: string
  readonly init: WeightInit
  readonly seed: bigint
  /** The epoch the run trains up to. */
  readonly epochs: number
  /** The target column and `--target-scale` of a regression on a CSV file; absent otherwise. */
  readonly regression?: { readonly target: string; readonly targetScale: number | undefined }
}

const SeedC = new t.Type<bigint, string>(
  'Seed',
  (u): u is bigint => typeof u === 'bigint',
  (u, c) =>
    typeof u === 'string' && /^-?\d+$/.test(u)
      ? t.success(BigInt(u))
      : t.failure(u, c, 'expected a seed: a whole number in decimal digits'),
  (s) => s.toString(),
)

const MetaC = strictType(
  {
    tool: t.literal('nabla train'),
    settings: strictType(
      {
        dataset: t.string,
        init: oneOf<WeightInit>(['scaled', 'standard'], 'WeightInit'),
        seed: SeedC,
        epochs: NonNegativeIntC,
      },
      'TrainSettings',
    ),
  },
  'TrainMeta',
)

/** The meta of a regression: the settings of any run and the target (checkpoints of other runs keep MetaC's form). */
const RegressionMetaC = strictType(
  {
    tool: t.literal('nabla train'),
    settings: strictType(
      { ...MetaC.props.settings.props, target: t.string, targetScale: t.union([PositiveNumberC, t.null]) },
      'RegressionSettings',
    ),
  },
  'RegressionTrainMeta',
)

/** A run's meta as the checkpoint's JSON holds it. */
export const encodeMeta = (m: RunMeta): Readonly<Record<string, Json>> => {
  const { regression, ...settings } = m
  return regression === undefined
    ? MetaC.encode({ tool: 'nabla train', settings })
    : RegressionMetaC.encode({
        tool: 'nabla train',
        settings: { ...settings, target: regression.target, targetScale: regression.targetScale ?? null },
      })
}

/** A run's meta from a checkpoint's JSON, of a regression or not. */
const decodeMeta = (json: unknown): E.Either<unknown, RunMeta> => {
  const asRegression = decodeWith(RegressionMetaC)(json)
  if (E.isRight(asRegression)) {
    const { target, targetScale, ...settings } = asRegression.right.settings
    return E.right({ ...settings, regression: { target, targetScale: targetScale ?? undefined } })
  }
  return E.map((m: t.TypeOf<typeof MetaC>): RunMeta => m.settings)(decodeWith(MetaC)(json))
}

/** Everything a run needs, known before its first epoch. */
export interface Plan {
  readonly data: Data
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
  const n = size(data.train)
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
    cost: costs[s.cost],
    spec,
    batchSize: s.batchSize,
    meta: {
      dataset: data.source,
      init: s.init,
      seed: s.seed,
      epochs,
      ...(data.regression === undefined
        ? {}
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
  const perEpoch = batchesPerEpoch(size(data.train), cp.batchSize)
  const end = state.step + (epochs - state.epoch) * perEpoch
  const epochAt = (step: number): number => state.epoch + Math.floor((step - state.step) / perEpoch)
  const fitted = horizon(cp.optimizer, state.step, end, s.extendSchedule, epochAt)
  if (E.isLeft(fitted)) return E.left([fitted.left])
  const { spec, note } = fitted.right
  return E.right({
    data,
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
