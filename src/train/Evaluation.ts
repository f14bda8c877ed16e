/**
 * Evaluating a classifier on a held-out set: its cost, its accuracy (the
 * class with the largest output of each column against the label) and its
 * confusion matrix. Large sets are evaluated in chunks of columns, so that
 * the memory used stays bounded by the chunk size whatever the set's size.
 *
 * @module
 */
import { argmaxCols } from '../matrix/ops.js'
import type { Cost } from '../backprop/Cost.js'
import type { Network } from '../backprop/Network.js'
import { outputCost, outputOf, predict } from '../backprop/backprop.js'
import { range, size, targets, type Dataset } from '../data/Dataset.js'

/** The default number of examples evaluated at once. @category evaluation */
export const DEFAULT_CHUNK_SIZE: number = 1000

/** Options of the evaluation functions. @category evaluation */
export interface EvaluateOptions {
  /** Examples (columns) per chunk; default {@link DEFAULT_CHUNK_SIZE}. */
  readonly chunkSize?: number
}

/** The result of {@link evaluate}. @category evaluation */
export interface Evaluation {
  /** The mean cost over the examples, C = (1/n) Σₓ Cₓ. */
  readonly cost: number
  /** The fraction of examples classified correctly, correct / total. */
  readonly accuracy: number
  readonly correct: number
  readonly total: number
  /** The predicted class of each example: argmaxⱼ aᴸⱼ of its column. */
  readonly predictions: ReadonlyArray<number>
}

/** [from, to) ranges of at most `chunk` out of n. */
const chunks = (n: number, chunk: number): ReadonlyArray<readonly [number, number]> => {
  if (!Number.isInteger(chunk) || chunk < 1) {
    throw new RangeError(`evaluate: the chunk size must be a positive integer (got ${String(chunk)})`)
  }
  return Array.from({ length: Math.ceil(n / chunk) }, (_, k) => [k * chunk, Math.min(n, (k + 1) * chunk)] as const)
}

/**
 * The fraction of predictions equal to their labels (NaN for none).
 *
 * @category evaluation
 */
export const accuracy = (predictions: ReadonlyArray<number>, labels: ReadonlyArray<number>): number =>
  countCorrect(predictions, labels) / predictions.length

const countCorrect = (predictions: ReadonlyArray<number>, labels: ReadonlyArray<number>): number => {
  if (predictions.length !== labels.length) {
    throw new RangeError(`accuracy: ${String(predictions.length)} predictions for ${String(labels.length)} labels`)
  }
  return predictions.reduce((c, p, i) => (p === labels[i] ? c + 1 : c), 0)
}

/**
 * The confusion matrix: entry [i][j] counts the examples of class i
 * (their label) predicted as class j. The diagonal holds the correct ones;
 * each row sums to the number of examples of its class.
 *
 * @category evaluation
 */
export const confusionMatrix = (
  predictions: ReadonlyArray<number>,
  labels: ReadonlyArray<number>,
  classes: number,
): ReadonlyArray<ReadonlyArray<number>> => {
  if (predictions.length !== labels.length) {
    throw new RangeError(
      `confusionMatrix: ${String(predictions.length)} predictions for ${String(labels.length)} labels`,
    )
  }
  const cells = predictions.reduce<ReadonlyMap<number, number>>((counts, p, i) => {
    const key = (labels[i] as number) * classes + p
    return new Map(counts).set(key, (counts.get(key) ?? 0) + 1)
  }, new Map())
  return Array.from({ length: classes }, (_, i) =>
    Array.from({ length: classes }, (_, j) => cells.get(i * classes + j) ?? 0),
  )
}

/**
 * The predicted class of every example of a data set: argmax of the
 * network's output column, computed `chunkSize` examples at a time.
 *
 * @category evaluation
 */
export const predictClasses = (network: Network, d: Dataset, options: EvaluateOptions = {}): ReadonlyArray<number> =>
  chunks(size(d), options.chunkSize ?? DEFAULT_CHUNK_SIZE).flatMap(([from, to]) =>
    argmaxCols(predict(network)(range(d, from, to).x)),
  )

/**
 * A network's cost, accuracy and predictions on a data set, computed
 * `chunkSize` examples at a time: C = (1/n) Σ over chunks of (chunk's mean
 * cost × its size).
 *
 * @category evaluation
 */
export const evaluate = (network: Network, cost: Cost, d: Dataset, options: EvaluateOptions = {}): Evaluation => {
  const n = size(d)
  const parts = chunks(n, options.chunkSize ?? DEFAULT_CHUNK_SIZE).map(([from, to]) => {
    const part = range(d, from, to)
    const [zL, out] = outputOf(network)(part.x)
    const last = network.layers[network.layers.length - 1]?.activation
    return { weightedCost: outputCost(cost, last, zL, out, targets(part)) * (to - from), predictions: argmaxCols(out) }
  })
  const predictions = parts.flatMap((p) => p.predictions)
  const correct = countCorrect(predictions, d.labels)
  return {
    cost: parts.reduce((s, p) => s + p.weightedCost, 0) / n,
    accuracy: correct / n,
    correct,
    total: n,
    predictions,
  }
}
