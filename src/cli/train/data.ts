/**
 * The data of `nabla train`: the set a `--dataset` value names, and every
 * reason it cannot train a given network, found before the first epoch.
 *
 * @module
 */
import { either as E } from 'fp-ts'
import { stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { features, size, type TrainTest } from '../../data/Dataset.js'
import { digitsSplit } from '../../data/digits.js'
import { loadFashionMnist, loadMnistLike } from '../../data/mnist.js'
import { parameterCount } from '../choices.js'

/** A training and a held-out set, with the name the run reports them by. */
export interface Data extends TrainTest {
  readonly label: string
  /** The `--dataset` value that loads it again: `digits`, `fashion-mnist`, or an absolute directory. */
  readonly source: string
}

/** The most parameters of a network the command line builds (each is 8 bytes, and Adam keeps two more). */
export const MAX_PARAMETERS: number = 2 ** 24

const isDirectory = (path: string): Promise<boolean> =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  )

/** The data set a `--dataset` value names: digits, fashion-mnist, or a directory of IDX files. */
export const loadData = async (dataset: string, cwd: string): Promise<E.Either<string, Data>> => {
  if (dataset === 'digits') return E.map((d: TrainTest) => ({ ...d, label: 'digits', source: 'digits' }))(digitsSplit())
  if (dataset === 'fashion-mnist') {
    const loaded = await loadFashionMnist()()
    return E.map((d: TrainTest) => ({ ...d, label: 'fashion-mnist', source: 'fashion-mnist' }))(loaded)
  }
  const dir = resolve(cwd, dataset)
  if (!(await isDirectory(dir))) {
    return E.left(`--dataset ${dataset}: not digits, fashion-mnist, or an existing directory of IDX files`)
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
 * one per class, or a network too large to hold.
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
    last !== train.classes
      ? `${what} does not fit ${label}: the output layer must have ${String(train.classes)} neurons, one per class`
      : undefined,
    params > MAX_PARAMETERS
      ? `${what} has ${String(params)} parameters; at most ${String(MAX_PARAMETERS)} fit in a run`
      : undefined,
  ].filter((p): p is string => p !== undefined)
}
