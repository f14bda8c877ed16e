/**
 * The training loop of `nabla train`: steps the pure trainer, evaluates
 * the network on the held-out set at each epoch's end, and hands each
 * epoch to the caller (to print it and write its checkpoint). Timing is
 * done here, by the consumer of the pure steps, and never enters a
 * training state or a checkpoint.
 *
 * The loop stops early, keeping the last state that was handed over, when
 * the training cost or the weights stop being finite, when the caller
 * cannot write a checkpoint, or when it is asked to stop.
 *
 * @module
 */
import { either as E } from 'fp-ts'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type { Network } from '../../backprop/Network.js'
import { size } from '../../data/Dataset.js'
import { backpropLoss } from '../../train/Loss.js'
import { optimizerFromSpec } from '../../train/OptimizerSpec.js'
import { batchesPerEpoch, datasetSource, isFiniteTree, trainStep, type TrainState } from '../../train/Train.js'
import type { CheckpointBest } from '../../train/Checkpoint.js'
import { nextBest, patienceExhausted, validationEvaluation } from '../../train/EarlyStopping.js'
import type { StopReason } from '../io.js'
import type { Plan } from './plan.js'
import { measure, recordOf, type Measure } from './regression.js'

/** The seconds an epoch took: its mini-batches, and the held-out evaluation after them. */
export interface EpochTiming {
  readonly train: number
  readonly evaluation: number
}

/** What the loop reports to its caller. */
export interface RunHooks {
  /** A mini-batch of epoch `epoch` is done: `done` of `total`, with the epoch's mean cost so far. */
  readonly onBatch: (epoch: number, done: number, total: number, cost: number) => void
  /** An epoch is done and evaluated; `Left` if its checkpoint could not be written (the run stops). */
  readonly onEpoch: (
    state: TrainState<Network>,
    evaluation: Measure,
    timing: EpochTiming,
    best: CheckpointBest | undefined,
  ) => Promise<E.Either<string, void>>
  /** Why the run should stop now, if it should. */
  readonly stopRequested: () => StopReason | undefined
}

/** How the loop ended; `last` is the last state handed to `onEpoch` (the initial state if none was). */
export type RunEnd = {
  readonly last: TrainState<Network>
  readonly timings: ReadonlyMap<number, EpochTiming>
  /** The best epoch by the validation set, as of `last` (undefined without one). */
  readonly best: CheckpointBest | undefined
} & (
  | {
      readonly kind: 'finished'
      readonly evaluation: Measure | undefined
      /** Whether the run stopped before its last epoch because its patience ran out. */
      readonly early: boolean
    }
  | { readonly kind: 'diverged'; readonly epoch: number; readonly batch: number; readonly what: string }
  | { readonly kind: 'stopped'; readonly reason: StopReason; readonly epoch: number }
  | { readonly kind: 'unwritten'; readonly message: string }
)

/** The state with its last epoch record holding the held-out evaluation (and the others measured). */
const withEvaluation = (
  s: TrainState<Network>,
  e: Measure,
  others: Readonly<Record<string, number>>,
): TrainState<Network> => {
  const record = s.history[s.history.length - 1]
  return record === undefined
    ? s
    : {
        ...s,
        history: [...s.history.slice(0, -1), { ...record, evaluation: { ...others, ...recordOf(e) } }],
      }
}

const seconds = (from: number): number => (performance.now() - from) / 1000

/** Trains the plan up to its last epoch (see the module's notes on how it may stop early). */
export const runEpochs = async (plan: Plan, hooks: RunHooks): Promise<RunEnd> => {
  const { data, cost, batchSize } = plan
  const step = trainStep({
    lossAndGrad: backpropLoss(cost),
    optimizer: optimizerFromSpec(plan.spec),
    data: datasetSource(plan.fit),
    batchSize,
  })
  const perEpoch = batchesPerEpoch(size(plan.fit), batchSize)
  const g = plan.generalization
  // the training error at the epoch's end (on the examples trained on) and the validation error, with a validation set
  const validationMeasures =
    g === undefined ? () => ({}) : validationEvaluation(cost, g.validation, { train: plan.fit })
  const track = g === undefined ? undefined : nextBest(g.monitor)
  let best = g?.best
  const timings = new Map<number, EpochTiming>()
  let s = plan.initial
  let last = plan.initial
  let evaluation: Measure | undefined
  let epochStart = performance.now()
  let lastYield = epochStart
  while (s.epoch < plan.meta.epochs) {
    const reason = hooks.stopRequested()
    if (reason !== undefined) return { kind: 'stopped', reason, epoch: s.epoch + 1, last, timings, best }
    if (s.batch === 0) epochStart = performance.now()
    const epoch = s.epoch + 1
    const batch = s.batch + 1
    s = step(s)
    if (!Number.isFinite(s.loss)) {
      return { kind: 'diverged', epoch, batch, what: `the training cost is ${String(s.loss)}`, last, timings, best }
    }
    if (s.batch !== 0) {
      hooks.onBatch(epoch, s.batch, perEpoch, s.lossSum / s.examples)
    } else {
      const train = seconds(epochStart)
      hooks.onBatch(epoch, perEpoch, perEpoch, s.history[s.history.length - 1]?.trainLoss ?? Number.NaN)
      if (!isFiniteTree(s.params)) {
        return { kind: 'diverged', epoch, batch, what: 'the weights are no longer finite', last, timings, best }
      }
      const evalStart = performance.now()
      const others = validationMeasures(s.params)
      const e = measure(data, s.params, cost)
      const timing = { train, evaluation: seconds(evalStart) }
      s = withEvaluation(s, e, others)
      timings.set(s.epoch, timing)
      const found = track?.(best, s)
      const kept = g === undefined || found === undefined ? best : { monitor: g.monitor, ...found }
      const written = await hooks.onEpoch(s, e, timing, kept)
      if (E.isLeft(written)) return { kind: 'unwritten', message: written.left, last, timings, best }
      last = s
      best = kept
      evaluation = e
      const patience = g?.settings.patience
      if (patience !== undefined && patienceExhausted(patience, s.epoch, best)) {
        return { kind: 'finished', evaluation, last, timings, best, early: s.epoch < plan.meta.epochs }
      }
    }
    if (performance.now() - lastYield > 100) {
      // let timers (the progress bar) and signals (a stop) through; the steps themselves never wait
      await yieldToEventLoop()
      lastYield = performance.now()
    }
  }
  return { kind: 'finished', evaluation, last, timings, best, early: false }
}
