// The learning curves of a training run as an SVG picture, for the docs: the cost and the error
// (% misclassified) per epoch on the training, validation and test sets, as the run's own history
// recorded them (nabla's `Evaluate.validationEvaluation`), with the best epoch marked. Drawn with
// the command line's plot (src/cli/plot.ts), so the docs and `nabla train --validation` agree.
import { plotSvg, type Panel } from '../src/cli/plot.js'
import type { EpochMetrics } from '../src/train/Train.js'

const SETS = [
  ['training', 'train', '#1f77b4'],
  ['validation', 'validation', '#ff7f0e'],
  ['test', 'test', '#d62728'],
] as const

/** The points of one measured number of the history (epochs that did not measure it are left out). */
const curve = (
  history: ReadonlyArray<EpochMetrics>,
  key: string,
  f: (v: number) => number,
): ReadonlyArray<readonly [number, number]> =>
  history.flatMap((h) => {
    const v = h.evaluation[key]
    return v === undefined ? [] : [[h.epoch, f(v)] as const]
  })

const panel = (
  history: ReadonlyArray<EpochMetrics>,
  best: number | undefined,
  measure: 'Cost' | 'Accuracy',
): Panel => ({
  title: measure === 'Cost' ? 'Cost per epoch' : 'Error per epoch',
  xLabel: 'epoch',
  yLabel: measure === 'Cost' ? 'cost' : 'error (% misclassified)',
  integerX: true,
  ...(measure === 'Cost' ? {} : { yFormat: (y: number) => String(Number((100 * y).toPrecision(4))) }),
  marks: best === undefined ? [] : [{ x: best, label: `best: ${String(best)}` }],
  series: SETS.map(([name, key, color]) => ({
    name,
    color,
    points: curve(history, `${key}${measure}`, measure === 'Cost' ? (v) => v : (v) => 1 - v),
    ...(key === 'test' ? { dashed: true } : {}),
  })),
})

export const curvesSvg = (title: string, history: ReadonlyArray<EpochMetrics>, best: number | undefined): string =>
  plotSvg(title, [panel(history, best, 'Cost'), panel(history, best, 'Accuracy')], { width: 960, height: 380 })

/** One measured number of several runs' histories in one panel: the validation cost with and without decay, say. */
export const compareSvg = (
  title: string,
  key: string,
  yLabel: string,
  runs: ReadonlyArray<{ readonly name: string; readonly color: string; readonly history: ReadonlyArray<EpochMetrics> }>,
): string =>
  plotSvg(
    title,
    [
      {
        title: `${yLabel.charAt(0).toUpperCase()}${yLabel.slice(1)} per epoch`,
        xLabel: 'epoch',
        yLabel,
        integerX: true,
        series: runs.map((r) => ({ name: r.name, color: r.color, points: curve(r.history, key, (v) => v) })),
      },
    ],
    { width: 640, height: 380 },
  )
