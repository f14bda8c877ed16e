/**
 * Early stopping on a validation set (Mitchell, *Machine Learning*, §4.6.5):
 * the error on the training examples keeps falling while the error on
 * held-out validation examples turns up once the network starts to fit the
 * noise of its training set. Watch a validation metric at every epoch's end,
 * keep the parameters of the best epoch so far, and stop after `patience`
 * epochs without an improvement; the parameters returned are the best
 * epoch's, not the last.
 *
 * The metric is read from each epoch's record, `history[e].evaluation`, so
 * the trainer's `evaluate` must measure it (see {@link validationEvaluation}).
 * The best epoch is a function of the history alone ({@link bestEpoch}); the
 * best *parameters* are kept alongside, in a {@link Best}.
 *
 * @module
 */
import type { Cost } from '../backprop/Cost.js'
import type { Network } from '../backprop/Network.js'
import type { Dataset } from '../data/Dataset.js'
import { evaluate } from './Evaluation.js'
import { last, scan, takeUntil } from './lazy.js'
import { epochEnds, type EpochMetrics, type TrainState } from './Train.js'

/**
 * Which number of an epoch's evaluation to watch, and whether smaller
 * (`'min'`, a cost) or larger (`'max'`, an accuracy) is better.
 *
 * @category early stopping
 */
export interface Monitor {
  readonly key: string
  readonly mode: 'min' | 'max'
}

/** The validation cost, smaller is better: the default monitor. @category early stopping */
export const validationCost: Monitor = Object.freeze({ key: 'validationCost', mode: 'min' })

/** The validation accuracy, larger is better. @category early stopping */
export const validationAccuracy: Monitor = Object.freeze({ key: 'validationAccuracy', mode: 'max' })

/** The best epoch so far: its number, its value of the monitored metric, and its parameters. @category early stopping */
export interface Best<P> {
  readonly epoch: number
  readonly value: number
  readonly params: P
}

/**
 * Whether `value` improves on `best` (strictly smaller for `'min'`, strictly
 * larger for `'max'`; anything improves on no best). A value that is not a
 * number (NaN, or a metric that was not measured) never improves: a
 * diverged or unmeasured epoch is never the best.
 *
 * @category early stopping
 */
export const improves = (monitor: Monitor, value: number | undefined, best: number | undefined): boolean =>
  value !== undefined &&
  !Number.isNaN(value) &&
  (best === undefined || (monitor.mode === 'min' ? value < best : value > best))

/** The monitored value of an epoch's record, if it was measured. */
const valueOf = (monitor: Monitor, record: EpochMetrics | undefined): number | undefined =>
  record?.evaluation[monitor.key]

/**
 * The best epoch of a history and its value, or undefined if no epoch
 * measured the metric: the first epoch of the best value (a later tie is
 * not an improvement).
 *
 * @category early stopping
 */
export const bestEpoch = (
  history: ReadonlyArray<EpochMetrics>,
  monitor: Monitor,
): { readonly epoch: number; readonly value: number } | undefined =>
  history.reduce<{ readonly epoch: number; readonly value: number } | undefined>((best, record) => {
    const value = valueOf(monitor, record)
    return value !== undefined && improves(monitor, value, best?.value) ? { epoch: record.epoch, value } : best
  }, undefined)

/**
 * The best after one more epoch's end: the state's parameters if its last
 * epoch improves on `best`, otherwise `best` unchanged.
 *
 * @category early stopping
 */
export const nextBest =
  (monitor: Monitor) =>
  <P, S>(best: Best<P> | undefined, state: TrainState<P, S>): Best<P> | undefined => {
    const value = valueOf(monitor, state.history[state.history.length - 1])
    return value !== undefined && improves(monitor, value, best?.value)
      ? { epoch: state.epoch, value, params: state.params }
      : best
  }

/**
 * Whether a run at `epoch` has waited `patience` epochs without an
 * improvement since its best epoch (or since its start, with no best yet).
 *
 * @category early stopping
 */
export const patienceExhausted = (
  patience: number,
  epoch: number,
  best: { readonly epoch: number } | undefined,
): boolean => epoch - (best?.epoch ?? 0) >= patience

/** Options of {@link earlyStopping}. @category early stopping */
export interface EarlyStoppingOptions {
  /** Stop after this many epochs without an improvement; a positive integer. */
  readonly patience: number
  /** The metric to watch; default {@link validationCost}. */
  readonly monitor?: Monitor
}

/** The end of a run with early stopping. @category early stopping */
export interface EarlyStopped<P, S> {
  /** The best epoch and its parameters (undefined if no epoch measured the metric). */
  readonly best: Best<P> | undefined
  /** The last state of the run. */
  readonly last: TrainState<P, S>
  /** Whether the run stopped because its patience ran out (rather than at its last epoch). */
  readonly stopped: boolean
}

/**
 * A training run (the lazy states of `training`) watched by early
 * stopping, lazily: one {@link EarlyStopped} per epoch's end, with the best
 * epoch so far, ending with the first one whose patience ran out (or with
 * the run). Consume it for progress, or take its last value with
 * {@link earlyStopping}. A run resumed from a checkpoint continues from
 * the checkpoint's best epoch, given as `best` (its patience counts from
 * that epoch): it then watches exactly as the run never interrupted.
 *
 * Throws a `RangeError` unless `patience` is a positive integer.
 *
 * @category early stopping
 */
export const watchEpochs = (
  options: EarlyStoppingOptions,
): (<P, S>(states: Iterable<TrainState<P, S>>, best?: Best<P>) => Iterable<EarlyStopped<P, S>>) => {
  const { patience } = options
  if (!Number.isInteger(patience) || patience < 1) {
    throw new RangeError(`earlyStopping: the patience must be a positive integer (got ${String(patience)})`)
  }
  const step = nextBest(options.monitor ?? validationCost)
  return <P, S>(states: Iterable<TrainState<P, S>>, from?: Best<P>) =>
    takeUntil(
      scan(epochEnds(states), undefined as EarlyStopped<P, S> | undefined, (acc, state) => {
        const best = step(acc === undefined ? from : acc.best, state)
        return { best, last: state, stopped: patienceExhausted(patience, state.epoch, best) }
      }) as Iterable<EarlyStopped<P, S>>,
      (w) => w.stopped,
    )
}

/**
 * Runs a training run until `patience` epochs pass without an improvement
 * of the monitored metric, or until the run ends, and returns the best
 * epoch with its parameters together with the last state (see
 * {@link watchEpochs}; `best` is a resumed run's best epoch so far).
 * Undefined for a run without a completed epoch.
 *
 * Throws a `RangeError` unless `patience` is a positive integer.
 *
 * @example
 * const { best } = earlyStopping({ patience: 5 })(Train.training(trainer, { epochs: 100 })(start))!
 * @category early stopping
 */
export const earlyStopping = (
  options: EarlyStoppingOptions,
): (<P, S>(states: Iterable<TrainState<P, S>>, best?: Best<P>) => EarlyStopped<P, S> | undefined) => {
  const watch = watchEpochs(options)
  return (states, best) => last(watch(states, best))
}

/**
 * An evaluation for a trainer's `evaluate` that measures a network on a
 * validation set: `{ validationCost, validationAccuracy }`, and the same of
 * any other named sets (`{ train: fit, test }` adds `trainCost`,
 * `trainAccuracy`, `testCost`, `testAccuracy`): the numbers early stopping
 * watches and the curves of training, validation and test error.
 *
 * @category early stopping
 */
export const validationEvaluation =
  (cost: Cost, validation: Dataset, others: Readonly<Record<string, Dataset>> = {}) =>
  (network: Network): Readonly<Record<string, number>> =>
    Object.fromEntries(
      Object.entries({ validation, ...others }).flatMap(([name, d]) => {
        const e = evaluate(network, cost, d)
        return [
          [`${name}Cost`, e.cost],
          [`${name}Accuracy`, e.accuracy],
        ]
      }),
    )
