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
import { plotSvg, type Mark, type Panel } from '../plot.js'
import type { CheckpointBest } from '../../train/Checkpoint.js'
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
  /** With a validation set: the cost and accuracy at the epoch's end on the examples trained on, and on the validation set (undefined when not measured). */
  readonly trainEndCost?: number | undefined
  readonly trainEndAccuracy?: number | undefined
  readonly validationCost?: number | undefined
  readonly validationAccuracy?: number | undefined
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
  | {
      readonly status: 'stopped early'
      /** The last epoch trained, and the best one by the validation set (null if none measured the metric). */
      readonly epoch: number
      readonly best: number | null
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
    trainEndCost: h.evaluation['trainCost'],
    trainEndAccuracy: h.evaluation['trainAccuracy'],
    validationCost: h.evaluation['validationCost'],
    validationAccuracy: h.evaluation['validationAccuracy'],
    seconds: timings.get(h.epoch)?.train,
    evalSeconds: timings.get(h.epoch)?.evaluation,
  }))

/** The columns of a run with a validation set, after the others: empty where a value was not measured. */
const VALIDATION_COLUMNS = 'train_end_cost,train_end_accuracy,validation_cost,validation_accuracy'

const cell = (x: number | undefined): number | string => x ?? ''

/**
 * The metrics as CSV: one line per epoch; the seconds of an epoch trained
 * before a resume are empty. A run with a validation set has four more
 * columns: the cost and accuracy at each epoch's end on the examples
 * trained on (`train_cost` is the mean of the mini-batch costs during the
 * epoch) and on the validation set.
 */
export const csvOf = (rows: ReadonlyArray<Row>, validation: boolean = false): string =>
  [
    `epoch,step,train_cost,test_cost,test_accuracy,seconds${validation ? `,${VALIDATION_COLUMNS}` : ''}`,
    ...rows.map((r) =>
      [
        r.epoch,
        r.step,
        r.trainCost,
        r.testCost,
        r.testAccuracy,
        r.seconds === undefined ? '' : Number(r.seconds.toFixed(3)),
        ...(validation ? [r.trainEndCost, r.trainEndAccuracy, r.validationCost, r.validationAccuracy].map(cell) : []),
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
  ...(plan.meta.validation === undefined
    ? {}
    : {
        validation: plan.meta.validation.fraction,
        monitor: plan.meta.validation.monitor,
        patience: plan.meta.validation.patience ?? null,
      }),
})

/** The best epoch as the metrics show it: its number, its validation metric, and its held-out cost and accuracy. */
const bestJson = (best: CheckpointBest, history: ReadonlyArray<EpochMetrics>): Readonly<Record<string, unknown>> => {
  const e = history[best.epoch - 1]?.evaluation ?? {}
  return {
    epoch: best.epoch,
    monitor: best.monitor.key,
    value: best.value,
    heldOutCost: e['testCost'],
    heldOutAccuracy: e['testAccuracy'],
  }
}

/** The metrics as JSON: settings, the epochs, how the run ended, and the final evaluation of a finished run. */
export const metricsJson = (
  plan: Plan,
  last: TrainState<Network>,
  rows: ReadonlyArray<Row>,
  outcome: Outcome,
  final: Evaluation | undefined,
  confusion: ReadonlyArray<ReadonlyArray<number>> | undefined,
  best?: CheckpointBest,
): string =>
  jsonText({
    outcome,
    settings: settingsOf(plan, last.params),
    trainingExamples: size(plan.fit),
    ...(plan.generalization === undefined ? {} : { validationExamples: size(plan.generalization.validation) }),
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
    // the epoch whose network best.json holds (absent without a validation set, null if no epoch measured it)
    ...(plan.generalization === undefined ? {} : { best: best === undefined ? null : bestJson(best, last.history) }),
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

/** Error, as a percentage of the examples misclassified. */
const errorOf = (accuracy: number | undefined): number => (accuracy === undefined ? Number.NaN : 1 - accuracy)

const percentTicks = (y: number): string => String(Number((100 * y).toPrecision(4)))

/** The points of a column of the rows that was measured. */
const measured = (
  rows: ReadonlyArray<Row>,
  f: (r: Row) => number | undefined,
): ReadonlyArray<readonly [number, number]> =>
  rows.flatMap((r) => {
    const y = f(r)
    return y === undefined ? [] : [[r.epoch, y] as const]
  })

/**
 * The plot of cost and accuracy per epoch; the title says how a run that
 * stopped early ended. With a validation set, the cost panel has the
 * validation cost too, and a third panel shows Mitchell's figure: the
 * training, validation and test error per epoch, with the best epoch marked.
 */
export const plotOf = (
  plan: Plan,
  last: TrainState<Network>,
  rows: ReadonlyArray<Row>,
  outcome: Outcome,
  best?: CheckpointBest,
): string => {
  const end =
    outcome.status === 'finished'
      ? ''
      : outcome.status === 'stopped early'
        ? ` · stopped early after epoch ${String(outcome.epoch)}`
        : ` · ${outcome.status} in epoch ${String(outcome.epoch)}`
  const title =
    `nabla train · ${plan.data.label} · ${sizes(last.params).join('-')} · ${plan.spec.kind} η = ${fmt(plan.spec.schedule.lr)}` +
    ` · batch ${String(plan.batchSize)} · seed ${plan.meta.seed.toString()}${end}`
  const validated = plan.generalization !== undefined
  const marks = best === undefined ? [] : [{ x: best.epoch, label: `best: ${String(best.epoch)}` }]
  const costs: Panel = {
    title: 'Cost per epoch',
    xLabel: 'epoch',
    yLabel: 'cost',
    integerX: true,
    marks,
    series: [
      { name: 'training (mean)', color: '#1f77b4', points: rows.map((r) => [r.epoch, r.trainCost] as const) },
      ...(validated ? [{ name: 'validation', color: '#ff7f0e', points: measured(rows, (r) => r.validationCost) }] : []),
      { name: 'held-out', color: '#d62728', points: rows.map((r) => [r.epoch, r.testCost] as const), dashed: true },
    ],
  }
  const accuracy: Panel = {
    title: 'Held-out accuracy per epoch',
    xLabel: 'epoch',
    yLabel: 'accuracy (%)',
    integerX: true,
    yFormat: percentTicks,
    series: [
      { name: 'held-out accuracy', color: '#2ca02c', points: rows.map((r) => [r.epoch, r.testAccuracy] as const) },
    ],
  }
  return plotSvg(title, validated ? [costs, errorPanel(rows, marks)] : [costs, accuracy])
}

/** Training (at each epoch's end), validation and test error per epoch, in % misclassified. */
export const errorPanel = (rows: ReadonlyArray<Row>, marks: ReadonlyArray<Mark> = []): Panel => ({
  title: 'Error per epoch',
  xLabel: 'epoch',
  yLabel: 'error (% misclassified)',
  integerX: true,
  yFormat: percentTicks,
  marks,
  series: [
    {
      name: 'training',
      color: '#1f77b4',
      points: measured(rows, (r) => r.trainEndAccuracy).map(([x, a]) => [x, 1 - a] as const),
    },
    {
      name: 'validation',
      color: '#ff7f0e',
      points: measured(rows, (r) => r.validationAccuracy).map(([x, a]) => [x, 1 - a] as const),
    },
    {
      name: 'test (held-out)',
      color: '#d62728',
      points: rows.map((r) => [r.epoch, errorOf(r.testAccuracy)] as const),
      dashed: true,
    },
  ],
})

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

/** The size of a run's validation set and where it comes from, for the header; empty without one. */
const validationText = (plan: Plan): string =>
  plan.generalization === undefined
    ? ''
    : `${String(size(plan.generalization.validation))} validation (${String(plan.generalization.settings.fraction)} of the training set${
        plan.generalization.settings.patience === undefined
          ? ''
          : `, patience ${String(plan.generalization.settings.patience)}`
      }), `

/** The header lines of a run: two, and a third for a regression. */
export const headerLines = (plan: Plan, shownOut: string): ReadonlyArray<string> => {
  const network = plan.initial.params
  const acts = network.layers.map((l) => l.activation.name)
  const hidden = acts.length > 1 ? `${acts[0] ?? ''} hidden, ` : ''
  const r = plan.data.regression
  const examples =
    r === undefined
      ? `${String(size(plan.fit))} training, ${validationText(plan)}${String(size(plan.data.test))} held-out examples`
      : `${String(size(plan.data.train))} examples`
  return [
    `nabla train: ${plan.data.label} (${examples}), ` +
      `network ${sizes(network).join('-')} (${hidden}${acts[acts.length - 1] ?? ''} output), ${costLabel(plan.cost.name)} cost`,
    `optimizer ${describeOptimizer(plan.spec)}; mini-batches of ${String(plan.batchSize)}; ` +
      `${String(plan.meta.epochs)} epochs; seed ${plan.meta.seed.toString()}; ${plan.meta.init} init → ${shownOut}`,
    ...(r === undefined ? [] : [regressionHeader(plan.data, r)]),
  ]
}

/**
 * The summary line of an epoch: of a regression, its cost and RMSE
 * (`regression` is the data's); with a validation set, its validation cost
 * and accuracy, and a * on a best epoch.
 */
export const epochLine = (
  s: TrainState<Network>,
  epochs: number,
  e: Measure,
  timing: EpochTiming,
  regression?: Regression,
  best?: CheckpointBest,
): string => {
  const h = s.history[s.history.length - 1]
  const width = String(epochs).length
  const vCost = h?.evaluation['validationCost']
  const vAccuracy = h?.evaluation['validationAccuracy']
  const validation =
    vCost === undefined || vAccuracy === undefined
      ? ''
      : `validation cost ${costText(vCost)}  accuracy ${percent(vAccuracy)}${best?.epoch === s.epoch ? ' *' : '  '}  `
  const after = isRegressionMeasure(e)
    ? `cost ${costText(e.cost)}  ${regression === undefined ? `RMSE ${fmt(e.rmse)}` : rmseText(e.rmse, regression)}`
    : `held-out cost ${costText(e.cost)}  accuracy ${percent(e.accuracy)}`
  return (
    `epoch ${String(s.epoch).padStart(width)}/${String(epochs)}  train cost ${costText(h?.trainLoss ?? Number.NaN)}  ` +
    validation +
    `${after}  ` +
    `${seconds(timing.train)} (+${seconds(timing.evaluation)} eval)`
  )
}

/** The cost and accuracy (or, with a validation set, the three errors) per epoch as two text charts for the terminal: what plot.svg shows. */
export const plotText = (rows: ReadonlyArray<Row>): ReadonlyArray<string> => {
  const epochs = (f: (r: Row) => number): ReadonlyArray<readonly [number, number]> =>
    rows.map((r) => [r.epoch, f(r)] as const)
  const validated = rows.some((r) => r.validationCost !== undefined)
  return [
    ...textChart({
      title: 'cost per epoch',
      xLabel: 'epoch',
      series: [
        { name: 'training (mean)', marker: '●', points: epochs((r) => r.trainCost) },
        ...(validated ? [{ name: 'validation', marker: '△', points: measured(rows, (r) => r.validationCost) }] : []),
        { name: 'held-out', marker: '○', points: epochs((r) => r.testCost) },
      ],
    }),
    '',
    ...(validated
      ? textChart({
          title: 'error per epoch (% misclassified)',
          xLabel: 'epoch',
          yFormat: (y) => `${String(Number((100 * y).toPrecision(4)))}%`,
          series: errorPanel(rows).series.map((line, k) => ({
            name: line.name,
            marker: ['●', '△', '○'][k] ?? '·',
            points: line.points,
          })),
        })
      : textChart({
          title: 'held-out accuracy per epoch',
          xLabel: 'epoch',
          yFormat: (y) => `${String(Number((100 * y).toPrecision(4)))}%`,
          series: [{ name: 'held-out accuracy', marker: '●', points: epochs((r) => r.testAccuracy) }],
        })),
  ]
}
