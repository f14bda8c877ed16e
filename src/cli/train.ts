/**
 * `nabla train`: trains a network on a data set, prints a progress bar and
 * a summary line per epoch, writes a checkpoint after every epoch, and at
 * the end the metrics (CSV and JSON) and a plot of cost and accuracy per
 * epoch (SVG, and PNG when @resvg/resvg-js is installed).
 *
 * @module
 */
import { either as E } from 'fp-ts'
import * as t from 'io-ts'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { seed as seedRng } from '../matrix/Random.js'
import { decodeWith } from '../matrix/report.js'
import { activations, type ActivationName } from '../backprop/Activation.js'
import { costs, type CostName } from '../backprop/Cost.js'
import { initNetwork, sizes, type Network, type WeightInit } from '../backprop/Network.js'
import { type Dataset, size, features, type TrainTest } from '../data/Dataset.js'
import { digitsSplit } from '../data/digits.js'
import { FASHION_MNIST_DIR, loadFashionMnist, loadMnistLike } from '../data/mnist.js'
import { checkpointOf, trainStateOf, type Checkpoint } from '../train/Checkpoint.js'
import { readCheckpointFile, writeCheckpointFile, writeFileAtomic } from '../train/CheckpointFile.js'
import { confusionMatrix, evaluate } from '../train/Evaluate.js'
import { backpropLoss, type Batch } from '../train/Loss.js'
import { optimizerFromSpec, type OptimizerSpec } from '../train/Optimizer.js'
import type { ScheduleSpec } from '../train/Schedule.js'
import {
  batchesPerEpoch,
  datasetSource,
  initTrainState,
  training,
  type EpochMetrics,
  type TrainState,
  type Trainer,
} from '../train/Train.js'
import { isFiniteTree } from '../train/tree.js'
import {
  helpText,
  optional,
  parseChoice,
  parseFlags,
  parseInteger,
  parseLayers,
  parseNumber,
  parsePositive,
  stringFlag,
  type Flag,
  type Flags,
} from './args.js'
import { EXIT_OK, fmt, line, percent, RunError, seconds, UsageError, type Io } from './io.js'
import { plotSvg } from './plot.js'
import { svgToPng } from './png.js'
import { makeProgress } from './progress.js'

const HIDDEN_ACTIVATIONS: ReadonlyArray<ActivationName> = ['sigmoid', 'tanh', 'relu', 'identity']
const OUTPUT_ACTIVATIONS: ReadonlyArray<ActivationName> = ['softmax', 'sigmoid', 'tanh', 'relu', 'identity']
const OPTIMIZERS = ['adam', 'sgd', 'momentum'] as const
const SCHEDULES = ['constant', 'cosine', 'step', 'exponential'] as const
const INITS: ReadonlyArray<WeightInit> = ['scaled', 'standard']

type OptimizerName = (typeof OPTIMIZERS)[number]
type ScheduleName = (typeof SCHEDULES)[number]

/** The command line's names of the costs. */
export const COST_NAMES: Readonly<Record<string, CostName>> = {
  'log-likelihood': 'logLikelihood',
  loglikelihood: 'logLikelihood',
  'cross-entropy': 'crossEntropy',
  crossentropy: 'crossEntropy',
  quadratic: 'quadratic',
}

/** A cost by its command-line name (`log-likelihood`, `cross-entropy`, `quadratic`, or the camelCase names). */
export const parseCost = (name: string, raw: string): E.Either<string, CostName> => {
  const c = COST_NAMES[raw.trim().toLowerCase()]
  return c === undefined
    ? E.left(`--${name} must be one of log-likelihood, cross-entropy, quadratic (got '${raw}')`)
    : E.right(c)
}

/** The command-line name of a cost. */
export const costLabel = (c: CostName): string =>
  c === 'logLikelihood' ? 'log-likelihood' : c === 'crossEntropy' ? 'cross-entropy' : 'quadratic'

const DEFAULT_LR: Readonly<Record<OptimizerName, number>> = { adam: 0.005, sgd: 0.5, momentum: 0.1 }

/** The flags of `nabla train`, in the order of the help text. */
export const trainFlags: ReadonlyArray<Flag> = [
  {
    name: 'dataset',
    value: 'NAME|DIR',
    help:
      'digits: the embedded UCI digits, 8×8 images (default; 1,497 training, 300 held-out)\n' +
      `fashion-mnist: Fashion-MNIST from ${FASHION_MNIST_DIR} (Debian package dataset-fashion-mnist)\n` +
      'or a directory holding the four IDX files of an MNIST-like set (plain or .gz)',
  },
  {
    name: 'layers',
    value: 'SIZES',
    help: 'layer sizes from input to output, e.g. 64,30,10; the first must be the number of\nfeatures, the last the number of classes (default: features,30,classes for digits,\nfeatures,100,classes otherwise)',
  },
  {
    name: 'activation',
    value: 'NAME',
    help: `activation of the hidden layers: ${HIDDEN_ACTIVATIONS.join(', ')} (default sigmoid)`,
  },
  {
    name: 'output-activation',
    value: 'NAME',
    help: `activation of the output layer: ${OUTPUT_ACTIVATIONS.join(', ')} (default softmax)`,
  },
  {
    name: 'cost',
    value: 'NAME',
    help: 'log-likelihood (default; for softmax outputs), cross-entropy (for sigmoid outputs),\nquadratic',
  },
  { name: 'optimizer', value: 'NAME', help: 'adam (default), sgd (w ← w − η∇C), momentum (v ← μv − η∇C, w ← w + v)' },
  { name: 'lr', value: 'RATE', help: 'learning rate η (default 0.005 for adam, 0.5 for sgd, 0.1 for momentum)' },
  { name: 'momentum', value: 'MU', help: 'μ of --optimizer momentum, in [0, 1) (default 0.9)' },
  {
    name: 'schedule',
    value: 'NAME',
    help: 'learning-rate schedule: constant (default); cosine (from η down to 0 over the run);\nstep (× --decay-rate every --decay-every epochs); exponential (× --decay-rate per epoch)',
  },
  {
    name: 'decay-rate',
    value: 'R',
    help: 'factor of the step schedule (default 0.5) and of the exponential one (default 0.95)',
  },
  { name: 'decay-every', value: 'EPOCHS', help: 'period of the step schedule in epochs (default 10)' },
  { name: 'batch-size', value: 'M', help: 'mini-batch size (default 32)' },
  {
    name: 'epochs',
    value: 'N',
    help: 'number of epochs (default 30 for digits, 10 otherwise); with --resume, the epoch\nto train up to',
  },
  {
    name: 'weight-decay',
    value: 'LAMBDA',
    help: 'L2 regularisation λ on the weights, as in Nielsen ch. 3: ∂C/∂w = ∂C₀/∂w + (λ/n)w,\nn the training-set size (default 0)',
  },
  {
    name: 'seed',
    value: 'N',
    help: 'seed of the initial weights and of every shuffle (default 0); same seed, same run',
  },
  { name: 'init', value: 'NAME', help: 'initial weights: scaled, N(0, 1/n_in) (default), or standard, N(0, 1)' },
  {
    name: 'out',
    value: 'DIR',
    help: "output directory (default runs/<dataset>-<seed>; with --resume, the checkpoint's directory)",
  },
  {
    name: 'resume',
    value: 'FILE',
    help: "continue the run saved in this checkpoint.json, with the checkpoint's settings\n(only --epochs, --out and --dataset may be given with it)",
  },
  { name: 'help', help: 'show this help' },
]

/** The help of `nabla train`. */
export const trainHelp: string = helpText(
  'nabla train [options]',
  'Trains a feed-forward network with mini-batch gradient descent and reports, per epoch,\n' +
    'the training cost (the mean of the mini-batch costs), the held-out cost and accuracy,\n' +
    'and the time. Writes, in the output directory: checkpoint.json (after every epoch),\n' +
    'metrics.csv, metrics.json, plot.svg and plot.png (cost and accuracy per epoch).',
  trainFlags,
)

/** Everything that defines a run of `nabla train` (kept in the checkpoint's meta). */
const SettingsC = t.type({
  dataset: t.string,
  layers: t.array(t.number),
  activation: t.keyof({ sigmoid: null, tanh: null, relu: null, identity: null, softmax: null }),
  outputActivation: t.keyof({ sigmoid: null, tanh: null, relu: null, identity: null, softmax: null }),
  cost: t.keyof({ quadratic: null, crossEntropy: null, logLikelihood: null }),
  optimizer: t.keyof({ adam: null, sgd: null, momentum: null }),
  lr: t.number,
  momentum: t.number,
  schedule: t.keyof({ constant: null, cosine: null, step: null, exponential: null }),
  decayRate: t.number,
  decayEvery: t.number,
  batchSize: t.number,
  epochs: t.number,
  weightDecay: t.number,
  seed: t.number,
  init: t.keyof({ scaled: null, standard: null }),
})

type Settings = t.TypeOf<typeof SettingsC>

const MetaC = t.type({ tool: t.literal('nabla train'), settings: SettingsC, seconds: t.array(t.number) }, 'TrainMeta')

const orThrow = <A>(e: E.Either<string, A>): A => {
  if (E.isLeft(e)) throw new UsageError(e.left)
  return e.right
}

const isDigits = (dataset: string): boolean => dataset === 'digits'

/** Settings from the flags of a fresh run (layers and epochs may still depend on the data). */
const settingsFromFlags = (
  flags: Flags,
): Omit<Settings, 'layers'> & { readonly layers: ReadonlyArray<number> | undefined } => {
  const dataset = stringFlag(flags, 'dataset') ?? 'digits'
  const optimizer = orThrow(optional(flags, 'optimizer', (r) => parseChoice('optimizer', r, OPTIMIZERS), 'adam'))
  const schedule = orThrow(
    optional<ScheduleName>(flags, 'schedule', (r) => parseChoice('schedule', r, SCHEDULES), 'constant'),
  )
  const settings = {
    dataset,
    layers: orThrow(
      optional<ReadonlyArray<number> | undefined>(flags, 'layers', (r) => parseLayers('layers', r), undefined),
    ),
    activation: orThrow(
      optional(flags, 'activation', (r) => parseChoice('activation', r, HIDDEN_ACTIVATIONS), 'sigmoid'),
    ),
    outputActivation: orThrow(
      optional(flags, 'output-activation', (r) => parseChoice('output-activation', r, OUTPUT_ACTIVATIONS), 'softmax'),
    ),
    cost: orThrow(optional(flags, 'cost', (r) => parseCost('cost', r), 'logLikelihood')),
    optimizer,
    lr: orThrow(optional(flags, 'lr', (r) => parsePositive('lr', r), DEFAULT_LR[optimizer])),
    momentum: orThrow(
      optional(
        flags,
        'momentum',
        (r) =>
          E.chain((m: number) => (m >= 0 && m < 1 ? E.right(m) : E.left(`--momentum must be in [0, 1) (got ${r})`)))(
            parseNumber('momentum', r),
          ),
        0.9,
      ),
    ),
    schedule,
    decayRate: orThrow(
      optional(flags, 'decay-rate', (r) => parsePositive('decay-rate', r), schedule === 'step' ? 0.5 : 0.95),
    ),
    decayEvery: orThrow(optional(flags, 'decay-every', (r) => parseInteger('decay-every', r, 1), 10)),
    batchSize: orThrow(optional(flags, 'batch-size', (r) => parseInteger('batch-size', r, 1), 32)),
    epochs: orThrow(optional(flags, 'epochs', (r) => parseInteger('epochs', r, 0), isDigits(dataset) ? 30 : 10)),
    weightDecay: orThrow(optional(flags, 'weight-decay', (r) => parsePositive('weight-decay', r, true), 0)),
    seed: orThrow(optional(flags, 'seed', (r) => parseInteger('seed', r, 0), 0)),
    init: orThrow(optional(flags, 'init', (r) => parseChoice('init', r, INITS), 'scaled')),
  }
  if (
    settings.cost !== 'quadratic' &&
    settings.outputActivation !== 'sigmoid' &&
    settings.outputActivation !== 'softmax'
  ) {
    throw new UsageError(
      `--cost ${costLabel(settings.cost)} needs outputs in (0, 1): use --output-activation softmax or sigmoid (got ${settings.outputActivation})`,
    )
  }
  return settings
}

const RESUMABLE = new Set(['epochs', 'out', 'dataset', 'resume', 'help'])

interface Data extends TrainTest {
  readonly label: string
}

/** The data set a --dataset value names: digits, fashion-mnist, or a directory of IDX files. */
const loadData = async (dataset: string, cwd: string): Promise<Data> => {
  if (isDigits(dataset)) {
    const split = orThrow(digitsSplit())
    return { ...split, label: 'digits' }
  }
  if (dataset === 'fashion-mnist') {
    const loaded = orThrow(await loadFashionMnist()())
    return { ...loaded, label: 'fashion-mnist' }
  }
  const dir = resolve(cwd, dataset)
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`--dataset ${dataset}: not digits, fashion-mnist, or an existing directory of IDX files`)
  }
  const loaded = orThrow(await loadMnistLike(dir)())
  return { ...loaded, label: basename(dir) }
}

const checkFits = (layers: ReadonlyArray<number>, train: Dataset, label: string): void => {
  const first = layers[0]
  const last = layers[layers.length - 1]
  const shown = layers.join(',')
  if (first !== features(train)) {
    throw new UsageError(
      `--layers ${shown} does not fit ${label}: the input layer must have ${String(features(train))} neurons, one per feature`,
    )
  }
  if (last !== train.classes) {
    throw new UsageError(
      `--layers ${shown} does not fit ${label}: the output layer must have ${String(train.classes)} neurons, one per class`,
    )
  }
}

const scheduleSpec = (s: Settings, perEpoch: number): ScheduleSpec => {
  switch (s.schedule) {
    case 'constant':
      return { kind: 'constant', lr: s.lr }
    case 'cosine':
      return { kind: 'cosine', lr: s.lr, steps: Math.max(1, s.epochs * perEpoch), alpha: 0 }
    case 'step':
      return { kind: 'step', lr: s.lr, factor: s.decayRate, every: s.decayEvery * perEpoch }
    case 'exponential':
      return { kind: 'exponential', lr: s.lr, rate: s.decayRate, every: perEpoch }
  }
}

const optimizerSpec = (s: Settings, perEpoch: number, n: number): OptimizerSpec => {
  const schedule = scheduleSpec(s, perEpoch)
  const weightDecay = { lambda: s.weightDecay, n }
  switch (s.optimizer) {
    case 'sgd':
      return { kind: 'sgd', schedule, weightDecay }
    case 'momentum':
      return { kind: 'momentum', schedule, momentum: s.momentum, weightDecay }
    case 'adam':
      return { kind: 'adam', schedule, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay }
  }
}

const shortPath = (cwd: string, p: string): string => {
  const r = relative(cwd, p)
  return r !== '' && !r.startsWith('..') && !isAbsolute(r) ? r : p
}

const describeOptimizer = (s: Settings): string => {
  const base = s.optimizer === 'momentum' ? `momentum (μ = ${String(s.momentum)})` : s.optimizer
  const schedule = s.schedule === 'constant' ? '' : `, ${s.schedule} schedule`
  const decay = s.weightDecay > 0 ? `, weight decay λ = ${String(s.weightDecay)}` : ''
  return `${base}, η = ${String(s.lr)}${schedule}${decay}`
}

interface Row {
  readonly epoch: number
  readonly step: number
  readonly trainCost: number
  readonly testCost: number
  readonly testAccuracy: number
  readonly seconds: number
}

const rowsOf = (history: ReadonlyArray<EpochMetrics>, secs: ReadonlyArray<number>): ReadonlyArray<Row> =>
  history.map((h, i) => ({
    epoch: h.epoch,
    step: h.step,
    trainCost: h.trainLoss,
    testCost: h.evaluation['testCost'] ?? Number.NaN,
    testAccuracy: h.evaluation['testAccuracy'] ?? Number.NaN,
    seconds: secs[i] ?? Number.NaN,
  }))

const csvOf = (rows: ReadonlyArray<Row>): string =>
  [
    'epoch,step,train_cost,test_cost,test_accuracy,seconds',
    ...rows.map((r) =>
      [r.epoch, r.step, r.trainCost, r.testCost, r.testAccuracy, Number(r.seconds.toFixed(3))].join(','),
    ),
    '',
  ].join('\n')

const plotOf = (rows: ReadonlyArray<Row>, title: string): string =>
  plotSvg(title, [
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

const confusionText = (confusion: ReadonlyArray<ReadonlyArray<number>>, classNames: ReadonlyArray<string>): string => {
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
const costText = (c: number): string => (Number.isFinite(c) && Math.abs(c) < 1e-3 && c !== 0 ? fmt(c) : c.toFixed(4))

const writeText = async (path: string, text: string): Promise<void> => {
  const r = await writeFileAtomic(path, text)()
  if (E.isLeft(r)) throw new RunError(r.left)
}

/** Runs `nabla train` with the arguments after `train`. */
export const runTrain = async (argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const flags = orThrow(parseFlags('nabla train', trainFlags, argv))
  if (flags['help'] === true) {
    io.stdout.write(trainHelp)
    return EXIT_OK
  }
  const resumePath = stringFlag(flags, 'resume')
  const resumed = resumePath === undefined ? undefined : await loadResume(resolve(io.cwd, resumePath), flags)
  const fresh = resumed === undefined ? settingsFromFlags(flags) : undefined
  const dataset = stringFlag(flags, 'dataset') ?? resumed?.settings.dataset ?? fresh?.dataset ?? 'digits'
  const data = await loadData(dataset, io.cwd)
  const { train, test } = data
  const layers = resumed?.settings.layers ??
    fresh?.layers ?? [features(train), isDigits(dataset) ? 30 : 100, train.classes]
  checkFits(layers, train, data.label)
  const base: Settings = resumed?.settings ?? { ...(fresh as Omit<Settings, 'layers'>), layers: [...layers] }
  const settings: Settings = {
    ...base,
    dataset,
    epochs: orThrow(optional(flags, 'epochs', (r) => parseInteger('epochs', r, 0), base.epochs)),
  }
  const n = size(train)
  const perEpoch = batchesPerEpoch(n, settings.batchSize)
  const cost = costs[settings.cost]
  const hidden = activations[settings.activation]
  const output = activations[settings.outputActivation]
  const spec = resumed?.checkpoint.optimizer ?? optimizerSpec(settings, perEpoch, n)
  const optimizer = optimizerFromSpec(spec)
  const outDir = resolve(
    io.cwd,
    stringFlag(flags, 'out') ??
      (resumePath === undefined
        ? join('runs', `${data.label}-${String(settings.seed)}`)
        : dirname(resolve(io.cwd, resumePath))),
  )
  mkdirSync(outDir, { recursive: true })

  const initial: TrainState<Network> =
    resumed !== undefined
      ? trainStateOf(resumed.checkpoint)
      : (() => {
          const [network, rng] = initNetwork(
            layers,
            layers.slice(1).map((_, i) => (i === layers.length - 2 ? output : hidden)),
            seedRng(settings.seed),
            settings.init,
          )
          return initTrainState(network, optimizer, rng)
        })()
  if (resumed !== undefined && resumed.checkpoint.batch !== 0) {
    throw new UsageError(
      `${resumePath ?? ''}: the checkpoint stopped within an epoch; nabla train resumes only at epoch ends`,
    )
  }
  const evalSeconds: Array<number> = []
  const trainer: Trainer<Network, Batch> = {
    lossAndGrad: backpropLoss(cost),
    optimizer,
    data: datasetSource(train),
    batchSize: settings.batchSize,
    evaluate: (network) => {
      const t0 = performance.now()
      const e = evaluate(network, cost, test)
      evalSeconds.push((performance.now() - t0) / 1000)
      return { testCost: e.cost, testAccuracy: e.accuracy }
    },
  }
  const out = io.stdout
  const shownOut = shortPath(io.cwd, outDir)
  line(
    out,
    `nabla train: ${data.label} (${String(n)} training, ${String(size(test))} held-out examples), network ${layers.join('-')} ` +
      `(${settings.activation} hidden, ${settings.outputActivation} output), ${costLabel(settings.cost)} cost`,
  )
  line(
    out,
    `optimizer ${describeOptimizer(settings)}; mini-batches of ${String(settings.batchSize)}; ` +
      `${String(settings.epochs)} epochs; seed ${String(settings.seed)}; ${settings.init} init → ${shownOut}`,
  )
  if (resumed !== undefined) {
    line(
      out,
      `resuming from ${shortPath(io.cwd, resolve(io.cwd, resumePath ?? ''))} after epoch ${String(initial.epoch)}`,
    )
  }

  const secs: Array<number> = [...(resumed?.seconds ?? [])]
  const meta = (): Readonly<Record<string, unknown>> => ({ tool: 'nabla train', settings, seconds: [...secs] })
  const checkpointPath = join(outDir, 'checkpoint.json')
  const progress = await makeProgress(out, settings.epochs)
  const width = String(settings.epochs).length
  let final = initial
  let epochStart = performance.now()
  let lastYield = epochStart
  if (initial.epoch < settings.epochs) progress.start(perEpoch, initial.epoch + 1)
  try {
    for (const s of training(trainer, { epochs: settings.epochs })(initial)) {
      final = s
      if (s.batch !== 0) {
        progress.update(s.batch, s.lossSum / s.examples)
      } else {
        progress.update(perEpoch, s.history[s.history.length - 1]?.trainLoss ?? Number.NaN)
        progress.stop()
        const total = (performance.now() - epochStart) / 1000
        const evalTime = evalSeconds[evalSeconds.length - 1] ?? 0
        secs.push(total - evalTime)
        const h = s.history[s.history.length - 1] as EpochMetrics
        line(
          out,
          `epoch ${String(s.epoch).padStart(width)}/${String(settings.epochs)}  train cost ${costText(h.trainLoss)}  ` +
            `held-out cost ${costText(h.evaluation['testCost'] ?? Number.NaN)}  accuracy ${percent(h.evaluation['testAccuracy'] ?? Number.NaN)}  ` +
            `${seconds(total - evalTime)} (+${seconds(evalTime)} eval)`,
        )
        if (!isFiniteTree(s.params)) {
          throw new RunError(
            `training diverged in epoch ${String(s.epoch)}: the weights are no longer finite; try a smaller --lr`,
          )
        }
        const written = await writeCheckpointFile(
          checkpointPath,
          checkpointOf(s, cost, { optimizer: spec, batchSize: settings.batchSize, meta: meta() }),
        )()
        if (E.isLeft(written)) throw new RunError(written.left)
        if (s.epoch < settings.epochs) progress.start(perEpoch, s.epoch + 1)
        epochStart = performance.now()
        lastYield = epochStart
      }
      const now = performance.now()
      if (now - lastYield > 100) {
        // let cli-progress's timers run (the training loop itself never waits)
        await yieldToEventLoop()
        lastYield = performance.now()
      }
    }
  } finally {
    progress.stop()
  }
  if (final === initial && resumed !== undefined) {
    line(
      out,
      `the checkpoint is already at epoch ${String(initial.epoch)} of ${String(settings.epochs)}: nothing to train`,
    )
  }

  // final evaluation and outputs
  const evaluation = evaluate(final.params, cost, test)
  const confusion = confusionMatrix(evaluation.predictions, test.labels, test.classes)
  line(out, '')
  line(
    out,
    `held-out accuracy ${percent(evaluation.accuracy)} (${String(evaluation.correct)}/${String(evaluation.total)}), ` +
      `cost ${costText(evaluation.cost)}; confusion matrix (rows: true class):`,
  )
  line(out, confusionText(confusion, test.classNames))
  if (final === initial && resumed === undefined) {
    const written = await writeCheckpointFile(
      checkpointPath,
      checkpointOf(final, cost, { optimizer: spec, batchSize: settings.batchSize, meta: meta() }),
    )()
    if (E.isLeft(written)) throw new RunError(written.left)
  }
  const rows = rowsOf(final.history, secs)
  const csvPath = join(outDir, 'metrics.csv')
  const jsonPath = join(outDir, 'metrics.json')
  const svgPath = join(outDir, 'plot.svg')
  const pngPath = join(outDir, 'plot.png')
  await writeText(csvPath, csvOf(rows))
  await writeText(
    jsonPath,
    `${JSON.stringify(
      {
        settings,
        network: sizes(final.params),
        trainingExamples: n,
        heldOutExamples: size(test),
        epochs: rows,
        final: {
          epoch: final.epoch,
          step: final.step,
          heldOutCost: evaluation.cost,
          heldOutAccuracy: evaluation.accuracy,
          correct: evaluation.correct,
          total: evaluation.total,
          classNames: test.classNames,
          confusion,
        },
      },
      null,
      2,
    )}\n`,
  )
  const svg = plotOf(
    rows,
    `nabla train · ${data.label} · ${layers.join('-')} · ${settings.optimizer} η = ${String(settings.lr)} · batch ${String(settings.batchSize)} · seed ${String(settings.seed)}`,
  )
  await writeText(svgPath, svg)
  const png = await svgToPng(svg, 1.5)
  if (png.ok) {
    const written = await writeFileAtomic(pngPath, png.png)()
    if (E.isLeft(written)) throw new RunError(written.left)
  }
  const files = ['checkpoint.json', 'metrics.csv', 'metrics.json', 'plot.svg', ...(png.ok ? ['plot.png'] : [])]
  line(out, '')
  line(out, `wrote ${files.map((f) => join(shownOut, f)).join(', ')}`)
  if (png.ok) {
    line(out, `plot: ${join(shownOut, 'plot.png')} (and plot.svg)${png.note === undefined ? '' : `; ${png.note}`}`)
  } else {
    line(out, `plot: ${join(shownOut, 'plot.svg')} (PNG skipped: ${png.reason})`)
  }
  return EXIT_OK
}

interface Resumed {
  readonly checkpoint: Checkpoint
  readonly settings: Settings
  readonly seconds: ReadonlyArray<number>
}

const loadResume = async (path: string, flags: Flags): Promise<Resumed> => {
  const extra = Object.keys(flags).filter((k) => flags[k] !== undefined && !RESUMABLE.has(k))
  if (extra.length > 0) {
    throw new UsageError(
      `--${extra[0] ?? ''} cannot be given with --resume: the run continues with the checkpoint's settings (only --epochs, --out and --dataset may change)`,
    )
  }
  const checkpoint = orThrow(await readCheckpointFile(path)())
  const meta = decodeWith(MetaC)(checkpoint.meta)
  if (E.isLeft(meta)) {
    throw new UsageError(`${path}: this checkpoint was not written by nabla train (its meta has no settings)`)
  }
  const layers = sizes(checkpoint.model.network)
  return { checkpoint, settings: { ...meta.right.settings, layers: [...layers] }, seconds: meta.right.seconds }
}
