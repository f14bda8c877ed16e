/**
 * The data of `nabla train`: the set a `--dataset` value names, and every
 * reason it cannot train a given network, found before the first epoch.
 *
 * A `--dataset` value ending in `.csv` is a CSV file of numbers with a
 * header row, and the run is a regression of its `--target` column on the
 * other columns: features and target are scaled by their largest
 * magnitude (the target by `--target-scale` when given), and the run is
 * measured on the file's own examples, since a CSV has no held-out part.
 *
 * @module
 */
import { either as E } from 'fp-ts'
import { readFile, stat } from 'node:fs/promises'
import { basename, extname, resolve } from 'node:path'
import type { ActivationName } from '../../backprop/Activation.js'
import { features, size, type TrainTest } from '../../data/Dataset.js'
import { parseCsv } from '../../data/csv.js'
import { digitsSplit } from '../../data/digits.js'
import { loadFashionMnist, loadMnistLike } from '../../data/mnist.js'
import { maxScaling, scale, type Scaling } from '../../data/scaling.js'
import { errorMessage } from '../../data/internal.js'
import { buffer } from '../../matrix/internal.js'
import { parameterCount } from '../choices.js'

/** What makes a run a regression: the target column of a CSV file, and how features and target were scaled. */
export interface Regression {
  readonly target: string
  /** The divisor of the target given by `--target-scale`, if it was. */
  readonly targetScale: number | undefined
  /** The divisors the data was scaled by (from the training examples; the target's is `targetScale` when given). */
  readonly scaling: Scaling
}

/** A training and a held-out set, with the name the run reports them by. */
export interface Data extends TrainTest {
  readonly label: string
  /** The `--dataset` value that loads it again: `digits`, `fashion-mnist`, or an absolute directory or CSV file. */
  readonly source: string
  /** For a CSV file: the regression (then `test` is `train`: the run is measured on the training examples). */
  readonly regression?: Regression
}

/** The target of a CSV `--dataset`: `--target` and `--target-scale`. */
export interface TargetChoice {
  readonly target: string | undefined
  readonly targetScale: number | undefined
}

/** Whether a `--dataset` value names a CSV file: it ends in `.csv` (any case). */
export const isCsvDataset = (dataset: string): boolean => /\.csv$/i.test(dataset.trim())

/**
 * Why a CSV `--dataset` cannot have a `--validation` set: a regression is
 * measured on its own examples (a CSV file has no held-out part), and
 * holding out a validation set of it is not supported.
 */
export const regressionValidationProblem = (dataset: string): string =>
  `--validation applies only to a classification data set (digits, fashion-mnist, a directory of IDX files), ` +
  `not to a regression on a CSV file (got --dataset ${dataset})`

/** The largest CSV file read (the text is parsed whole). */
export const MAX_CSV_BYTES: number = 256 * 1024 * 1024

const readText = async (path: string, shown: string): Promise<E.Either<string, string>> => {
  const info = await stat(path).catch((e: unknown) => errorMessage(e))
  if (typeof info === 'string') return E.left(`--dataset ${shown}: cannot read the file (${info})`)
  if (!info.isFile()) return E.left(`--dataset ${shown}: not a file`)
  if (info.size > MAX_CSV_BYTES) {
    return E.left(`--dataset ${shown}: ${String(info.size)} bytes; at most ${String(MAX_CSV_BYTES)} are read`)
  }
  const bytes = await readFile(path).catch((e: unknown) => errorMessage(e))
  if (typeof bytes === 'string') return E.left(`--dataset ${shown}: cannot read the file (${bytes})`)
  return E.tryCatch(
    () => new TextDecoder('utf-8', { fatal: true }).decode(bytes),
    () => `--dataset ${shown}: not UTF-8 text`,
  )
}

/** A CSV file as a regression of its target column, scaled (see the module's notes). */
const loadCsv = async (dataset: string, cwd: string, choice: TargetChoice): Promise<E.Either<string, Data>> => {
  const { target, targetScale } = choice
  if (target === undefined)
    return E.left(`--dataset ${dataset} is a CSV file: give --target COLUMN, the column to predict`)
  const path = resolve(cwd, dataset)
  const text = await readText(path, dataset)
  if (E.isLeft(text)) return text
  const parsed = parseCsv(text.right, { target, name: dataset })
  if (E.isLeft(parsed)) return parsed
  const found = maxScaling(parsed.right)
  const scaling = targetScale === undefined ? found : { ...found, targets: [targetScale] }
  const train = scale(parsed.right, scaling)
  return E.right({
    train,
    test: train,
    label: basename(path, extname(path)),
    source: path,
    regression: { target, targetScale, scaling },
  })
}

/** The most parameters of a network the command line builds (each is 8 bytes, and Adam keeps two more). */
export const MAX_PARAMETERS: number = 2 ** 24

const isDirectory = (path: string): Promise<boolean> =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  )

/** The data set a `--dataset` value names: digits, fashion-mnist, a CSV file (with `choice`), or a directory of IDX files. */
export const loadData = async (
  dataset: string,
  cwd: string,
  choice: TargetChoice = { target: undefined, targetScale: undefined },
): Promise<E.Either<string, Data>> => {
  if (isCsvDataset(dataset)) return loadCsv(dataset, cwd, choice)
  if (dataset === 'digits') return E.map((d: TrainTest) => ({ ...d, label: 'digits', source: 'digits' }))(digitsSplit())
  if (dataset === 'fashion-mnist') {
    const loaded = await loadFashionMnist()()
    return E.map((d: TrainTest) => ({ ...d, label: 'fashion-mnist', source: 'fashion-mnist' }))(loaded)
  }
  const dir = resolve(cwd, dataset)
  if (!(await isDirectory(dir))) {
    return E.left(
      `--dataset ${dataset}: not digits, fashion-mnist, or an existing directory of IDX files (nor a file ending in .csv)`,
    )
  }
  const loaded = await loadMnistLike(dir)()
  return E.map((d: TrainTest) => ({ ...d, label: basename(dir), source: dir }))(loaded)
}

/**
 * Every reason the data cannot train a network with these layer sizes
 * (`what` names the network in the messages: "--layers 64,30,10", "the
 * checkpoint's network 64-30-10"): an empty training or held-out set,
 * training and held-out examples of different sizes or classes, an input
 * layer that is not one neuron per feature, an output layer that is not
 * one per class (one per target for a regression), or a network too
 * large to hold.
 */
export const dataProblems = (data: Data, layers: ReadonlyArray<number>, what: string): ReadonlyArray<string> => {
  const { train, test, label } = data
  const first = layers[0]
  const last = layers[layers.length - 1]
  const params = parameterCount(layers)
  return [
    size(train) === 0 ? `${label}: the training set has no examples` : undefined,
    size(test) === 0 ? `${label}: the held-out set has no examples, so nothing could measure the run` : undefined,
    features(test) !== features(train)
      ? `${label}: the training examples have ${String(features(train))} features (pixels) but the held-out ones ` +
        `have ${String(features(test))}: they must be the same size`
      : undefined,
    test.classes !== train.classes
      ? `${label}: the training set has ${String(train.classes)} classes but the held-out set ${String(test.classes)}`
      : undefined,
    first !== features(train)
      ? `${what} does not fit ${label}: the input layer must have ${String(features(train))} neurons, one per feature`
      : undefined,
    train.y === undefined && last !== train.classes
      ? `${what} does not fit ${label}: the output layer must have ${String(train.classes)} neurons, one per class`
      : undefined,
    train.y !== undefined && last !== train.y.rows
      ? `${what} does not fit ${label}: the output layer must have ${String(train.y.rows)} neuron, one per target`
      : undefined,
    params > MAX_PARAMETERS
      ? `${what} has ${String(params)} parameters; at most ${String(MAX_PARAMETERS)} fit in a run`
      : undefined,
  ].filter((p): p is string => p !== undefined)
}

/** The number of outputs a network needs for the data: one per class, or one per target of a regression. */
export const outputsFor = (data: Data): number => data.train.y?.rows ?? data.train.classes

/** The values each output activation can reach, as [low, high] (outputs of softmax sum to 1: no regression). */
const REACH: Readonly<Partial<Record<ActivationName, readonly [number, number]>>> = {
  sigmoid: [0, 1],
  tanh: [-1, 1],
  relu: [0, Number.POSITIVE_INFINITY],
  identity: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
}

/**
 * Why a regression's output activation cannot reach its scaled targets, or
 * undefined: sigmoid outputs lie in (0, 1), tanh's in (−1, 1), relu's are
 * never negative; softmax outputs sum to 1 and fit no regression.
 */
export const regressionOutputProblem = (data: Data, output: ActivationName): string | undefined => {
  const r = data.regression
  const y = data.train.y
  if (r === undefined || y === undefined) return undefined
  const reach = REACH[output]
  if (reach === undefined) {
    return `--output-activation ${output} does not fit a regression (its outputs sum to 1): use identity, sigmoid, tanh or relu`
  }
  const values = buffer(y)
  const [low, high] = [
    values.reduce((a, v) => Math.min(a, v), Infinity),
    values.reduce((a, v) => Math.max(a, v), -Infinity),
  ]
  if (low >= reach[0] && high <= reach[1]) return undefined
  const scaled = `scaled by ${String(r.scaling.targets[0])}, --target ${r.target} runs from ${String(low)} to ${String(high)}`
  return `--output-activation ${output} cannot reach every target: its outputs lie in ${rangeText(reach)}, but ${scaled}; use identity${r.targetScale === undefined ? '' : ' or another --target-scale'}`
}

const rangeText = ([low, high]: readonly [number, number]): string =>
  high === Number.POSITIVE_INFINITY ? `[${String(low)}, ∞)` : `(${String(low)}, ${String(high)})`
