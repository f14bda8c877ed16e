/**
 * What `nabla train` measures and reports for a regression (a CSV
 * `--dataset` with a `--target`): the cost and the RMSE in the target's own
 * units, where a classifier's run reports its accuracy and confusion
 * matrix — which a regression never prints, in its lines, its metrics or
 * its plot. A CSV has no held-out part, so every measure is of the
 * training examples, and the reports say so.
 *
 * @module
 */
import type { Cost } from '../../backprop/Cost.js'
import { sizes, type Network } from '../../backprop/Network.js'
import { size } from '../../data/Dataset.js'
import { evaluate, evaluateRegression, type Evaluation, type RegressionEvaluation } from '../../train/Evaluation.js'
import type { EpochMetrics, TrainState } from '../../train/Train.js'
import { fmt } from '../io.js'
import { plotSvg } from '../plot.js'
import { textChart } from '../terminalPlot.js'
import type { Data, Regression } from './data.js'
import type { EpochTiming } from './run.js'

/** A run's measure after an epoch: a classifier's evaluation, or a regression's cost and RMSE. */
export type Measure = Evaluation | RegressionEvaluation

/** Whether a measure is a regression's. */
export const isRegressionMeasure = (m: Measure): m is RegressionEvaluation => 'rmse' in m

/** The network measured on the data's held-out set, or for a regression on its examples (RMSE in the target's units). */
export const measure = (data: Data, network: Network, cost: Cost): Measure =>
  data.regression === undefined
    ? evaluate(network, cost, data.test)
    : evaluateRegression(network, cost, data.test, { targetScale: data.regression.scaling.targets })

/** The numbers of a measure that go into an epoch's record (and its checkpoint). */
export const recordOf = (m: Measure): Readonly<Record<string, number>> =>
  isRegressionMeasure(m) ? { cost: m.cost, rmse: m.rmse } : { testCost: m.cost, testAccuracy: m.accuracy }

/** An RMSE with the target it is in the units of: `RMSE 0.1855 (score)`. */
export const rmseText = (rmse: number, r: Regression): string => `RMSE ${fmt(rmse)} (${r.target})`

/** The header line of a regression: what is predicted, how it was scaled, and what is measured. */
export const regressionHeader = (data: Data, r: Regression): string => {
  const divisors = (xs: ReadonlyArray<number>): string => xs.map((v) => fmt(v, 6)).join(', ')
  return (
    `regression of ${r.target} on ${String(data.train.x.rows)} features, divided by ${divisors(r.scaling.features)}; ` +
    `${r.target} divided by ${divisors(r.scaling.targets)}${r.targetScale === undefined ? ' (its largest magnitude)' : ' (--target-scale)'}; ` +
    `measured on the ${String(size(data.train))} training examples (a CSV file has no held-out part)`
  )
}

/** One epoch of a regression's metrics. */
export interface RegressionRow {
  readonly epoch: number
  readonly step: number
  readonly trainCost: number
  /** The cost on the training examples after the epoch. */
  readonly cost: number
  /** The RMSE on the training examples after the epoch, in the target's units. */
  readonly rmse: number
  readonly seconds: number | undefined
  readonly evalSeconds: number | undefined
}

/** The rows of a regression's history, with the timings of the epochs trained now. */
export const regressionRows = (
  history: ReadonlyArray<EpochMetrics>,
  timings: ReadonlyMap<number, EpochTiming>,
): ReadonlyArray<RegressionRow> =>
  history.map((h) => ({
    epoch: h.epoch,
    step: h.step,
    trainCost: h.trainLoss,
    cost: h.evaluation['cost'] ?? Number.NaN,
    rmse: h.evaluation['rmse'] ?? Number.NaN,
    seconds: timings.get(h.epoch)?.train,
    evalSeconds: timings.get(h.epoch)?.evaluation,
  }))

/** A regression's metrics as CSV: one line per epoch, the RMSE in the target's units. */
export const regressionCsv = (rows: ReadonlyArray<RegressionRow>): string =>
  [
    'epoch,step,train_cost,cost,rmse,seconds',
    ...rows.map((r) =>
      [r.epoch, r.step, r.trainCost, r.cost, r.rmse, r.seconds === undefined ? '' : Number(r.seconds.toFixed(3))].join(
        ',',
      ),
    ),
    '',
  ].join('\n')

/** The final numbers of a finished regression, as metrics.json holds them. */
export const regressionFinal = (
  last: TrainState<Network>,
  final: RegressionEvaluation,
  r: Regression,
): Readonly<Record<string, unknown>> => ({
  epoch: last.epoch,
  step: last.step,
  measuredOn: 'training examples',
  cost: final.cost,
  rmse: final.rmse,
  target: r.target,
  targetScale: r.scaling.targets[0],
  featureScale: r.scaling.features,
  total: final.total,
})

/** The plot of a regression: cost and RMSE per epoch. */
export const regressionPlot = (title: string, rows: ReadonlyArray<RegressionRow>, r: Regression): string =>
  plotSvg(title, [
    {
      title: 'Cost per epoch',
      xLabel: 'epoch',
      yLabel: 'cost',
      integerX: true,
      series: [
        { name: 'training (mean)', color: '#1f77b4', points: rows.map((x) => [x.epoch, x.trainCost] as const) },
        {
          name: 'after the epoch',
          color: '#d62728',
          points: rows.map((x) => [x.epoch, x.cost] as const),
          dashed: true,
        },
      ],
    },
    {
      title: `RMSE per epoch (${r.target})`,
      xLabel: 'epoch',
      yLabel: `RMSE (${r.target})`,
      integerX: true,
      series: [{ name: 'RMSE', color: '#2ca02c', points: rows.map((x) => [x.epoch, x.rmse] as const) }],
    },
  ])

/** The title of a regression's plot. */
export const regressionPlotTitle = (data: Data, last: TrainState<Network>, end: string): string =>
  `nabla train · ${data.label} · regression of ${data.regression?.target ?? ''} · ${sizes(last.params).join('-')}${end}`

/** The cost and RMSE per epoch as text charts for the terminal: what plot.svg shows. */
export const regressionPlotText = (rows: ReadonlyArray<RegressionRow>, r: Regression): ReadonlyArray<string> => [
  ...textChart({
    title: 'cost per epoch',
    xLabel: 'epoch',
    series: [
      { name: 'training (mean)', marker: '●', points: rows.map((x) => [x.epoch, x.trainCost] as const) },
      { name: 'after the epoch', marker: '○', points: rows.map((x) => [x.epoch, x.cost] as const) },
    ],
  }),
  '',
  ...textChart({
    title: `RMSE per epoch (${r.target})`,
    xLabel: 'epoch',
    series: [{ name: 'RMSE', marker: '●', points: rows.map((x) => [x.epoch, x.rmse] as const) }],
  }),
]
