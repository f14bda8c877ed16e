/**
 * What `nabla train` prints and writes besides checkpoints: the header,
 * one line per epoch, the metrics (CSV and JSON), the plot and the
 * confusion matrix. Everything here is text made from values; nothing is
 * computed twice and nothing is written that did not happen: a run that
 * stopped early says so in its metrics and its plot, and the seconds of
 * epochs trained by an earlier invocation (before a resume) are left
 * empty, not made up.
 *
 * @module
 */
import { sizes, type Network } from '../../backprop/Network.js'
import { size } from '../../data/Dataset.js'
import type { Evaluation, RegressionEvaluation } from '../../train/Evaluation.js'
import type { OptimizerSpec } from '../../train/OptimizerSpec.js'
import type { EpochMetrics, TrainState } from '../../train/Train.js'
import { costLabel } from '../choices.js'
import { fmt, percent, seconds } from '../io.js'
import { plotSvg } from '../plot.js'
import { textChart } from '../terminalPlot.js'
import type { Regression } from './data.js'
import type { Plan } from './plan.js'
import {
  isRegressionMeasure,
  regressionFinal,
  regressionHeader,
  rmseText,
  type Measure,
  type RegressionRow,
} from './regression.js'
import type { EpochTiming } from './run.js'

/** One epoch of the metrics. */
export interface Row {
  readonly epoch: number
  readonly step: number
  readonly trainCost: number
  readonly testCost: number
  readonly testAccuracy: number
  /** Seconds of training (undefined for an epoch trained before a resume). */
  readonly seconds: number | undefined
  readonly evalSeconds: number | undefined
}

/** How a run ended, as the metrics record it. */
export type Outcome =
  | { readonly status: 'finished' }
  | {
      readonly status: 'diverged' | 'interrupted'
      readonly epoch: number
      readonly batch?: number
      readonly message: string
    }

/** The rows of a run's history, with the timings of the epochs trained now. */
export const rowsOf = (
  history: ReadonlyArray<EpochMetrics>,
  timings: ReadonlyMap<number, EpochTiming>,
): ReadonlyArray<Row> =>
  history.map((h) => ({
    epoch: h.epoch,
    step: h.step,
    trainCost: h.trainLoss,
    testCost: h.evaluation['testCost'] ?? Number.NaN,
    testAccuracy: h.evaluation['testAccuracy'] ?? Number.NaN,
    seconds: timings.get(h.epoch)?.train,
    evalSeconds: timings.get(h.epoch)?.evaluation,
  }))

/** The metrics as CSV: one line per epoch; the seconds of an epoch trained before a resume are empty. */
export const csvOf = (rows: ReadonlyArray<Row>): string =>
  [
    'epoch,step,train_cost,test_cost,test_accuracy,seconds',
    ...rows.map((r) =>
      [
        r.epoch,
        r.step,
        r.trainCost,
        r.testCost,
        r.testAccuracy,
        r.seconds === undefined ? '' : Number(r.seconds.toFixed(3)),
      ].join(','),
    ),
    '',
  ].join('\n')

/** JSON where a number JSON has no literal for (NaN, ±Infinity) is kept as a string, never silently null. */
const jsonText = (value: unknown): string =>
  `${JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`

/** The settings of a plan as the metrics show them. */
const settingsOf = (plan: Plan, network: Network): Readonly<Record<string, unknown>> => ({
  dataset: plan.meta.dataset,
  layers: sizes(network),
  activations: network.layers.map((l) => l.activation.name),
  cost: plan.cost.name,
  optimizer: plan.spec,
  batchSize: plan.batchSize,
  epochs: plan.meta.epochs,
  seed: plan.meta.seed.toString(),
  init: plan.meta.init,
})

/** The metrics as JSON: settings, the epochs, how the run ended, and the final evaluation of a finished run. */
export const metricsJson = (
  plan: Plan,
  last: TrainState<Network>,
  rows: ReadonlyArray<Row>,
  outcome: Outcome,
  final: Evaluation | undefined,
  confusion: ReadonlyArray<ReadonlyArray<number>> | undefined,
): string =>
  jsonText({
    outcome,
    settings: settingsOf(plan, last.params),
    trainingExamples: size(plan.data.train),
    heldOutExamples: size(plan.data.test),
    // null, not absent, for the seconds of an epoch trained before a resume
    epochs: rows.map((r) => ({ ...r, seconds: r.seconds ?? null, evalSeconds: r.evalSeconds ?? null })),
    final:
      final === undefined
        ? null
        : {
            epoch: last.epoch,
            step: last.step,
            heldOutCost: final.cost,
            heldOutAccuracy: final.accuracy,
            correct: final.correct,
            total: final.total,
            classNames: plan.data.test.classNames,
            confusion,
          },
  })

/** A regression's metrics as JSON: settings, the epochs, how the run ended, and its final cost and RMSE (never an accuracy). */
export const regressionMetricsJson = (
  plan: Plan,
  last: TrainState<Network>,
  rows: ReadonlyArray<RegressionRow>,
  outcome: Outcome,
  final: RegressionEvaluation | undefined,
  regression: Regression,
): string =>
  jsonText({
    outcome,
    settings: { ...settingsOf(plan, last.params), target: regression.target },
    trainingExamples: size(plan.data.train),
    heldOutExamples: 0,
    epochs: rows.map((r) => ({ ...r, seconds: r.seconds ?? null, evalSeconds: r.evalSeconds ?? null })),
    final: final === undefined ? null : regressionFinal(last, final, regression),
  })

/** The plot of cost and accuracy per epoch; the title says how a run that stopped early ended. */
export const plotOf = (plan: Plan, last: TrainState<Network>, rows: ReadonlyArray<Row>, outcome: Outcome): string => {
  const end = outcome.status === 'finished' ? '' : ` · ${outcome.status} in epoch ${String(outcome.epoch)}`
  const title =
    `nabla train · ${plan.data.label} · ${sizes(last.params).join('-')} · ${plan.spec.kind} η = ${fmt(plan.spec.schedule.lr)}` +
    ` · batch ${String(plan.batchSize)} · seed ${plan.meta.seed.toString()}${end}`
  return plotSvg(title, [
    {
      title: 'Cost per epoch',
      xLabel: 'epoch',
      yLabel: 'cost',
      integerX: true,
      series: [
        { name: 'training (mean)', color: '#1f77b4', points: rows.map((r) => [r.epoch, r.trainCost] as const) },
        { name: 'held-out', color: '#d62728', points: rows.map((r) => [r.epoch, r.testCost] as const), dashed: true },
      ],
    },
    {
      title: 'Held-out accuracy per epoch',
      xLabel: 'epoch',
      yLabel: 'accuracy (%)',
      integerX: true,
      yFormat: (y) => String(Number((100 * y).toPrecision(4))),
      series: [
        { name: 'held-out accuracy', color: '#2ca02c', points: rows.map((r) => [r.epoch, r.testAccuracy] as const) },
      ],
    },
  ])
}

/** The confusion matrix as text, rows the true classes, with the class names when they are not just numbers. */
export const confusionText = (
  confusion: ReadonlyArray<ReadonlyArray<number>>,
  classNames: ReadonlyArray<string>,
): string => {
  const width = Math.max(4, ...confusion.flat().map((c) => String(c).length)) + 1
  const label = (i: number): string => String(i).padStart(3)
  const header = `${' '.repeat(5)}${confusion.map((_, j) => label(j).padStart(width)).join('')}   ← predicted`
  const rows = confusion.map(
    (row, i) =>
      `${label(i)}  ${row.map((c) => String(c).padStart(width)).join('')}${classNames[i] === String(i) ? '' : `   ${classNames[i] ?? ''}`}`,
  )
  return [header, ...rows].join('\n')
}

/** A cost with four decimals (or in scientific notation when tiny). */
export const costText = (c: number): string =>
  Number.isFinite(c) && Math.abs(c) < 1e-3 && c !== 0 ? fmt(c) : c.toFixed(4)

const describeOptimizer = (spec: OptimizerSpec): string => {
  const base = spec.kind === 'momentum' ? `momentum (μ = ${String(spec.momentum)})` : spec.kind
  const s = spec.schedule
  const schedule =
    s.kind === 'constant'
      ? ''
      : s.kind === 'cosine'
        ? `, cosine schedule to 0 at step ${String(s.steps)}`
        : s.kind === 'step'
          ? `, step schedule (× ${String(s.factor)} every ${String(s.every)} steps)`
          : s.kind === 'warmupCosine'
            ? `, warm-up from ${String(s.init)} over ${String(s.warmup)} steps, cosine to ${String(s.end)} at step ${String(s.steps)}`
            : `, exponential schedule (× ${String(s.rate)} every ${String(s.every)} steps)`
  const decay = spec.weightDecay.lambda > 0 ? `, weight decay λ = ${String(spec.weightDecay.lambda)}` : ''
  return `${base}, η = ${String(s.lr)}${schedule}${decay}`
}

/** The header lines of a run: two, and a third for a regression. */
export const headerLines = (plan: Plan, shownOut: string): ReadonlyArray<string> => {
  const network = plan.initial.params
  const acts = network.layers.map((l) => l.activation.name)
  const hidden = acts.length > 1 ? `${acts[0] ?? ''} hidden, ` : ''
  const r = plan.data.regression
  const examples =
    r === undefined
      ? `${String(size(plan.data.train))} training, ${String(size(plan.data.test))} held-out examples`
      : `${String(size(plan.data.train))} examples`
  return [
    `nabla train: ${plan.data.label} (${examples}), ` +
      `network ${sizes(network).join('-')} (${hidden}${acts[acts.length - 1] ?? ''} output), ${costLabel(plan.cost.name)} cost`,
    `optimizer ${describeOptimizer(plan.spec)}; mini-batches of ${String(plan.batchSize)}; ` +
      `${String(plan.meta.epochs)} epochs; seed ${plan.meta.seed.toString()}; ${plan.meta.init} init → ${shownOut}`,
    ...(r === undefined ? [] : [regressionHeader(plan.data, r)]),
  ]
}

/** The summary line of an epoch (of a regression, with its RMSE: `regression` is the data's). */
export const epochLine = (
  s: TrainState<Network>,
  epochs: number,
  e: Measure,
  timing: EpochTiming,
  regression?: Regression,
): string => {
  const h = s.history[s.history.length - 1]
  const width = String(epochs).length
  const measured = isRegressionMeasure(e)
    ? `cost ${costText(e.cost)}  ${regression === undefined ? `RMSE ${fmt(e.rmse)}` : rmseText(e.rmse, regression)}`
    : `held-out cost ${costText(e.cost)}  accuracy ${percent(e.accuracy)}`
  return (
    `epoch ${String(s.epoch).padStart(width)}/${String(epochs)}  train cost ${costText(h?.trainLoss ?? Number.NaN)}  ` +
    `${measured}  ` +
    `${seconds(timing.train)} (+${seconds(timing.evaluation)} eval)`
  )
}

/** The cost and accuracy per epoch as two text charts for the terminal: what plot.svg shows. */
export const plotText = (rows: ReadonlyArray<Row>): ReadonlyArray<string> => {
  const epochs = (f: (r: Row) => number): ReadonlyArray<readonly [number, number]> =>
    rows.map((r) => [r.epoch, f(r)] as const)
  return [
    ...textChart({
      title: 'cost per epoch',
      xLabel: 'epoch',
      series: [
        { name: 'training (mean)', marker: '●', points: epochs((r) => r.trainCost) },
        { name: 'held-out', marker: '○', points: epochs((r) => r.testCost) },
      ],
    }),
    '',
    ...textChart({
      title: 'held-out accuracy per epoch',
      xLabel: 'epoch',
      yFormat: (y) => `${String(Number((100 * y).toPrecision(4)))}%`,
      series: [{ name: 'held-out accuracy', marker: '●', points: epochs((r) => r.testAccuracy) }],
    }),
  ]
}
