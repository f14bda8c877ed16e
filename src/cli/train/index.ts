/**
 * `nabla train`: trains a network on a data set, prints a progress bar and
 * a summary line per epoch, writes a checkpoint after every epoch, and at
 * the end the metrics (CSV and JSON) and a plot of cost and accuracy per
 * epoch (SVG, and drawn in the terminal).
 *
 * Everything that can be wrong with a command line is found before the
 * first epoch, and nothing is written then: the flags, the data and how it
 * fits the network, the checkpoint of a resumed run, and the output
 * directory (created, writable, and locked against a second run).
 *
 * @module
 */
import { either as E } from 'fp-ts'
import { existsSync } from 'node:fs'
import { isAbsolute, join, relative } from 'node:path'
import type { Network } from '../../backprop/Network.js'
import { removeStaleTemporaries, writeCheckpointFile, writeFileAtomic } from '../../train/checkpointFile.js'
import { confusionMatrix } from '../../train/Evaluation.js'
import type { TrainState } from '../../train/Train.js'
import type { CheckpointBest } from '../../train/Checkpoint.js'
import { encodeModel } from '../../backprop/codec.js'
import { EXIT_OK, exitCodeOf, line, percent, runFailure, usage, type Io, type Outcome, type StopReason } from '../io.js'
import { lockDirectory, makeDirectory, removeCreated, removeFiles, type LockedDir } from '../outputDir.js'
import { makeProgress } from '../progress.js'
import { trainHelp } from './flags.js'
import { settingsOf } from './settings.js'
import { encodeMeta, freshPlan, resumePlan, type Plan } from './plan.js'
import {
  confusionText,
  costText,
  csvOf,
  epochLine,
  headerLines,
  metricsJson,
  plotOf,
  plotText,
  regressionMetricsJson,
  rowsOf,
  type Outcome as RunOutcome,
} from './report.js'
import type { Regression } from './data.js'
import {
  isRegressionMeasure,
  measure,
  regressionCsv,
  regressionPlot,
  regressionPlotText,
  regressionPlotTitle,
  regressionRows,
  rmseText,
  type Measure,
} from './regression.js'
import { runEpochs, type RunEnd } from './run.js'

export { trainFlags, trainHelp } from './flags.js'

/** The files a run writes in its output directory. */
const OUTPUTS = ['checkpoint.json', 'metrics.csv', 'metrics.json', 'plot.svg', 'best.json'] as const
/** Files that earlier versions wrote there too (a PNG of the plot): removed with an earlier run's files. */
const FORMER_OUTPUTS = ['plot.png'] as const

const shortPath = (cwd: string, p: string): string => {
  const r = relative(cwd, p)
  return r !== '' && !r.startsWith('..') && !isAbsolute(r) ? r : p
}

/**
 * Makes the output directory ready: created, locked, rid of the temporary
 * files of writes that an earlier run was killed in, and of an earlier
 * run's files (unless the run continues the checkpoint there). `Left` with
 * one problem, and nothing left behind, if it cannot be.
 */
const prepareOut = async (plan: Plan, io: Io): Promise<E.Either<string, LockedDir>> => {
  const made = await makeDirectory(plan.out, '--out')
  if (E.isLeft(made)) return made
  const locked = await lockDirectory(plan.out, '--out')
  if (E.isLeft(locked)) {
    await removeCreated(plan.out, made.right)
    return locked
  }
  const cleaned = await Promise.all(OUTPUTS.map((f) => removeStaleTemporaries(join(plan.out, f))()))
  const inPlace = plan.resumedFrom === join(plan.out, 'checkpoint.json')
  const earlier = inPlace ? [] : [...OUTPUTS, ...FORMER_OUTPUTS].filter((f) => existsSync(join(plan.out, f)))
  const removed = await removeFiles(plan.out, earlier)
  const failed = [...cleaned, removed].find(E.isLeft)
  if (failed !== undefined) {
    await locked.right.release()
    return E.left(failed.left)
  }
  if (earlier.length > 0) line(io.stdout, `replacing the files of an earlier run in ${shortPath(io.cwd, plan.out)}`)
  return locked
}

/** A network as the text of a model file (best.json). */
const modelText = (network: Network, plan: Plan): string => `${encodeModel({ network, cost: plan.cost })}\n`

/** Runs `nabla train` with the arguments after `train`. */
export const runTrain = async (argv: ReadonlyArray<string>, io: Io): Promise<Outcome> => {
  const command = settingsOf(argv)
  if (E.isLeft(command)) return E.left(usage(command.left))
  if (command.right.kind === 'help') {
    io.stdout.write(trainHelp)
    return E.right(EXIT_OK)
  }
  const planned =
    command.right.kind === 'fresh'
      ? await freshPlan(command.right.settings, io.cwd)
      : await resumePlan(command.right.settings, io.cwd)
  if (E.isLeft(planned)) return E.left(usage(planned.left))
  const plan = planned.right
  const ready = await prepareOut(plan, io)
  if (E.isLeft(ready)) return E.left(usage(ready.left))
  try {
    return await train(plan, io)
  } finally {
    await ready.right.release()
  }
}

const train = async (plan: Plan, io: Io): Promise<Outcome> => {
  const out = io.stdout
  headerLines(plan, shortPath(io.cwd, plan.out)).forEach((l) => {
    line(out, l)
  })
  if (plan.resumedFrom !== undefined) {
    line(out, `resuming from ${shortPath(io.cwd, plan.resumedFrom)} after epoch ${String(plan.initial.epoch)}`)
  }
  plan.notes.forEach((n) => {
    line(out, n)
  })
  const checkpointPath = join(plan.out, 'checkpoint.json')
  const run = {
    model: { cost: plan.cost },
    optimizer: plan.spec,
    batchSize: plan.batchSize,
    meta: encodeMeta(plan.meta),
  }
  const save = (s: TrainState<Network>, best: CheckpointBest | undefined): Promise<E.Either<string, void>> =>
    writeCheckpointFile(checkpointPath, best === undefined ? { ...run, state: s } : { ...run, state: s, best })()
  // the best epoch's network, written when an epoch improves on the best (the checkpoint holds it too)
  const saveBest = (s: TrainState<Network>, best: CheckpointBest | undefined): Promise<E.Either<string, void>> =>
    best === undefined || best.epoch !== s.epoch
      ? Promise.resolve(E.right(undefined))
      : writeFileAtomic(join(plan.out, 'best.json'), modelText(best.params, plan))()
  const progress = makeProgress(out, plan.meta.epochs)
  let stop: StopReason | undefined
  const unwatch = io.watchStop?.((reason) => {
    stop = reason
  })
  const end = await runEpochs(plan, {
    onBatch: (epoch, done, total, cost) => {
      if (done === 1) progress.start(total, epoch)
      progress.update(done, cost)
      if (done === total) progress.stop()
    },
    onEpoch: async (s, e, timing, best) => {
      line(out, epochLine(s, plan.meta.epochs, e, timing, plan.data.regression, best))
      const saved = await save(s, best)
      return E.isLeft(saved) ? saved : saveBest(s, best)
    },
    stopRequested: () => stop,
  }).finally(() => {
    progress.stop()
    unwatch?.()
  })
  const saved = end.last === plan.initial && plan.resumedFrom === undefined && end.kind === 'finished'
  // a fresh run of 0 epochs keeps its initial state
  const first = saved ? await save(end.last, end.best) : E.right(undefined)
  if (E.isLeft(first)) return E.left(runFailure(first.left))
  const kept = end.last !== plan.initial || saved ? checkpointPath : plan.resumedFrom
  return finish(plan, end, kept, io)
}

/** The files of a regression: its metrics (cost and RMSE, no accuracy) and plot. */
const regressionFiles = (
  plan: Plan,
  last: TrainState<Network>,
  end: RunEnd,
  outcome: RunOutcome,
  measured: Measure | undefined,
  regression: Regression,
): ReadonlyArray<readonly [string, string]> => {
  const rows = regressionRows(last.history, end.timings)
  const final = measured !== undefined && isRegressionMeasure(measured) ? measured : undefined
  const ended = outcome.status === 'finished' ? '' : ` · ${outcome.status} in epoch ${String(outcome.epoch)}`
  return [
    ['metrics.csv', regressionCsv(rows)],
    ['metrics.json', regressionMetricsJson(plan, last, rows, outcome, final, regression)],
    ['plot.svg', regressionPlot(regressionPlotTitle(plan.data, last, ended), rows, regression)],
  ]
}

/** Writes the metrics and the plot of what happened, and says how the run ended. */
const finish = async (plan: Plan, end: RunEnd, kept: string | undefined, io: Io): Promise<Outcome> => {
  if (end.kind === 'unwritten') return E.left(runFailure(end.message))
  const { last } = end
  const shown = (p: string): string => shortPath(io.cwd, p)
  const keeps =
    kept === undefined
      ? 'no checkpoint was written'
      : `${shown(kept)} keeps epoch ${String(last.epoch)}${end.kind === 'diverged' ? ', the last finite state' : ''}`
  const patience = plan.generalization?.settings.patience
  const outcome: RunOutcome =
    end.kind === 'finished' && end.early
      ? {
          status: 'stopped early',
          epoch: last.epoch,
          best: end.best?.epoch ?? null,
          message: `${String(patience)} epochs without an improvement of the validation ${plan.generalization?.settings.monitor ?? ''}`,
        }
      : end.kind === 'finished'
        ? { status: 'finished' }
        : end.kind === 'diverged'
          ? { status: 'diverged', epoch: end.epoch, batch: end.batch, message: end.what }
          : {
              status: 'interrupted',
              epoch: end.epoch,
              message: end.reason === 'EPIPE' ? 'the output was closed' : `stopped by ${end.reason}`,
            }
  const measured = end.kind === 'finished' ? (end.evaluation ?? measure(plan.data, last.params, plan.cost)) : undefined
  // a classifier's evaluation; a regression has none, and prints no accuracy and no confusion matrix
  const evaluation = measured === undefined || isRegressionMeasure(measured) ? undefined : measured
  const { test, regression } = plan.data
  const confusion =
    evaluation === undefined ? undefined : confusionMatrix(evaluation.predictions, test.labels, test.classes)
  const rows = rowsOf(last.history, end.timings)
  const files: ReadonlyArray<readonly [string, string]> =
    regression === undefined
      ? [
          ['metrics.csv', csvOf(rows, plan.generalization !== undefined)],
          ['metrics.json', metricsJson(plan, last, rows, outcome, evaluation, confusion, end.best)],
          ['plot.svg', plotOf(plan, last, rows, outcome, end.best)],
          // written again at the end, so that a run resumed into another directory has it there too
          ...(end.best === undefined ? [] : [['best.json', modelText(end.best.params, plan)] as const]),
        ]
      : regressionFiles(plan, last, end, outcome, measured, regression)
  const written = await Promise.all(files.map(([f, data]) => writeFileAtomic(join(plan.out, f), data)()))
  const failed = written.find(E.isLeft)
  if (failed !== undefined) return E.left(runFailure(failed.left))
  const out = io.stdout
  const names = [...(kept === join(plan.out, 'checkpoint.json') ? ['checkpoint.json'] : []), ...files.map(([f]) => f)]
  if (evaluation !== undefined && confusion !== undefined) {
    line(out)
    line(
      out,
      `held-out accuracy ${percent(evaluation.accuracy)} (${String(evaluation.correct)}/${String(evaluation.total)}), ` +
        `cost ${costText(evaluation.cost)}; confusion matrix (rows: true class):`,
    )
    line(out, confusionText(confusion, test.classNames))
  }
  if (regression !== undefined && measured !== undefined && isRegressionMeasure(measured)) {
    line(out)
    line(
      out,
      `on the ${String(measured.total)} training examples: ${rmseText(measured.rmse, regression)}, cost ${costText(measured.cost)}`,
    )
  }
  if (end.best !== undefined) {
    const b = last.history[end.best.epoch - 1]?.evaluation ?? {}
    const early =
      outcome.status === 'stopped early' ? `stopped early after epoch ${String(last.epoch)} (${outcome.message}); ` : ''
    const value = end.best.monitor.key === 'validationAccuracy' ? percent(end.best.value) : costText(end.best.value)
    line(out)
    line(
      out,
      `${early}best epoch ${String(end.best.epoch)} by the validation ${plan.generalization?.settings.monitor ?? ''} ` +
        `(${value}): held-out accuracy ${percent(b['testAccuracy'] ?? Number.NaN)}, cost ${costText(b['testCost'] ?? Number.NaN)}; ` +
        `its network is in ${join(shown(plan.out), 'best.json')}`,
    )
  }
  // the curves, for a run that finished with more than one point on them
  if (end.kind === 'finished' && rows.length > 1) {
    line(out)
    const chart =
      regression === undefined
        ? plotText(rows)
        : regressionPlotText(regressionRows(last.history, end.timings), regression)
    chart.forEach((l) => {
      line(out, l)
    })
  }
  line(out)
  line(out, `wrote ${names.map((f) => join(shown(plan.out), f)).join(', ')}`)
  if (end.kind === 'finished') {
    line(out, `plot: ${join(shown(plan.out), 'plot.svg')}`)
    return E.right(EXIT_OK)
  }
  if (end.kind === 'diverged') {
    return E.left(
      runFailure(
        `training diverged in epoch ${String(end.epoch)} (mini-batch ${String(end.batch)}): ${end.what}; ${keeps}; try a smaller --lr`,
      ),
    )
  }
  const resume = kept === undefined ? '' : `; continue with nabla train --resume ${shown(kept)}`
  return E.left(
    runFailure(
      end.reason === 'EPIPE' ? undefined : `stopped by ${end.reason} in epoch ${String(end.epoch)}; ${keeps}${resume}`,
      exitCodeOf(end.reason),
    ),
  )
}
