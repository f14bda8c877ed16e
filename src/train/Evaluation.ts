/**
 * Evaluating a classifier on a held-out set: its cost, its accuracy (the
 * class with the largest output of each column against the label) and its
 * confusion matrix; and a regression network (real-valued targets): its
 * cost and its root-mean-square error. Large sets are evaluated in chunks
 * of columns, so that the memory used stays bounded by the chunk size
 * whatever the set's size.
 *
 * @module
 */
import type { Matrix } from '../matrix/Matrix.js'
import { buffer } from '../matrix/internal.js'
import { argmaxCols } from '../matrix/ops.js'
import type { Cost } from '../backprop/Cost.js'
import type { Network } from '../backprop/Network.js'
import { outputCost, outputOf, predict } from '../backprop/backprop.js'
import { isRegression, range, size, targets, type Dataset } from '../data/Dataset.js'

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
export const predictClasses = (network: Network, d: Dataset, options: EvaluateOptions = {}): ReadonlyArray<number> => {
  classifierOnly('predictClasses', d)
  return chunks(size(d), options.chunkSize ?? DEFAULT_CHUNK_SIZE).flatMap(([from, to]) =>
    argmaxCols(predict(network)(range(d, from, to).x)),
  )
}

/**
 * A network's cost, accuracy and predictions on a data set, computed
 * `chunkSize` examples at a time: C = (1/n) Σ over chunks of (chunk's mean
 * cost × its size). Throws a `RangeError` for a regression data set
 * (accuracy has no meaning there: see {@link evaluateRegression}).
 *
 * @category evaluation
 */
export const evaluate = (network: Network, cost: Cost, d: Dataset, options: EvaluateOptions = {}): Evaluation => {
  classifierOnly('evaluate', d)
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

/** Throws for a regression data set: classes, accuracy and confusion matrices belong to classifiers. */
const classifierOnly = (op: string, d: Dataset): void => {
  if (isRegression(d)) {
    throw new RangeError(
      `${op}: ${d.name} is a regression data set (real-valued targets, no classes): use evaluateRegression`,
    )
  }
}

/**
 * The root-mean-square error of outputs a against targets y (both k×n):
 *
 *   RMSE = √( (1/(k·n)) Σⱼ Σᵢ (sⱼ (aⱼᵢ − yⱼᵢ))² )
 *
 * in the units of the unscaled targets when `targetScale` holds the
 * divisor sⱼ each target j was scaled by (see `maxScaling` of
 * `nabla/data`); without it, sⱼ = 1. With the quadratic cost
 * C = (1/2n) Σᵢ ‖aᵢ − yᵢ‖² and one unscaled target, RMSE = √(2C). NaN for
 * no entries. Throws a `RangeError` for shapes that differ or a scale of
 * the wrong length.
 *
 * @example
 * rmse(Matrix.fromRows([[0.8, 0.9]]), Matrix.fromRows([[0.75, 0.82]]), [100]) // √((5² + 8²)/2) ≈ 6.67
 * @category evaluation
 */
export const rmse = (a: Matrix, y: Matrix, targetScale?: ReadonlyArray<number>): number => {
  if (a.rows !== y.rows || a.cols !== y.cols) {
    throw new RangeError(
      `rmse: outputs ${String(a.rows)}×${String(a.cols)} for targets ${String(y.rows)}×${String(y.cols)}`,
    )
  }
  return Math.sqrt(squaredErrorSum(a, y, targetScale) / (a.rows * a.cols))
}

/** Σⱼ Σᵢ (sⱼ (aⱼᵢ − yⱼᵢ))², in the order of the entries. */
const squaredErrorSum = (a: Matrix, y: Matrix, targetScale: ReadonlyArray<number> | undefined): number => {
  if (targetScale !== undefined && targetScale.length !== a.rows) {
    throw new RangeError(`rmse: ${String(targetScale.length)} target scales for ${String(a.rows)} targets`)
  }
  const [as, ys] = [buffer(a), buffer(y)]
  return as.reduce((sum, v, k) => {
    const e = (targetScale?.[Math.floor(k / a.cols)] ?? 1) * (v - (ys[k] as number))
    return sum + e * e
  }, 0)
}

/** Options of {@link evaluateRegression}. @category evaluation */
export interface RegressionEvaluateOptions extends EvaluateOptions {
  /** The divisor each target was scaled by, to report the RMSE in the targets' own units; default 1 each. */
  readonly targetScale?: ReadonlyArray<number>
}

/** The result of {@link evaluateRegression}. @category evaluation */
export interface RegressionEvaluation {
  /** The mean cost over the examples, C = (1/n) Σₓ Cₓ (of the scaled targets, as training sees them). */
  readonly cost: number
  /** The root-mean-square error of the outputs, in the units of the unscaled targets (see {@link rmse}). */
  readonly rmse: number
  readonly total: number
}

/**
 * A network's cost and RMSE on a regression data set, computed `chunkSize`
 * examples at a time. Throws a `RangeError` for a classifier's data set
 * (see {@link evaluate}) or an output layer of another size than the
 * targets.
 *
 * @example
 * evaluateRegression(network, quadraticCost, scaledTest, { targetScale: [100] }).rmse // in test-score points
 * @category evaluation
 */
export const evaluateRegression = (
  network: Network,
  cost: Cost,
  d: Dataset,
  options: RegressionEvaluateOptions = {},
): RegressionEvaluation => {
  if (!isRegression(d)) {
    throw new RangeError(`evaluateRegression: ${d.name} is a classifier's data set (labels): use evaluate`)
  }
  const n = size(d)
  const parts = chunks(n, options.chunkSize ?? DEFAULT_CHUNK_SIZE).map(([from, to]) => {
    const part = range(d, from, to)
    const [zL, out] = outputOf(network)(part.x)
    const y = targets(part)
    if (out.rows !== y.rows) {
      throw new RangeError(
        `evaluateRegression: the network has ${String(out.rows)} outputs for ${String(y.rows)} targets`,
      )
    }
    const last = network.layers[network.layers.length - 1]?.activation
    return {
      weightedCost: outputCost(cost, last, zL, out, y) * (to - from),
      squares: squaredErrorSum(out, y, options.targetScale),
      entries: out.rows * out.cols,
    }
  })
  const entries = parts.reduce((s, p) => s + p.entries, 0)
  return {
    cost: parts.reduce((s, p) => s + p.weightedCost, 0) / n,
    rmse: Math.sqrt(parts.reduce((s, p) => s + p.squares, 0) / entries),
    total: n,
  }
}
