/**
 * Feature scaling by the largest magnitude, as in Welch Labs' "Neural
 * Networks Demystified" (X / max(X), column by column of their batch-first
 * data): each feature, and each real-valued target, is divided by its
 * largest absolute value over the **training** examples, so that on those
 * examples it lies in [−1, 1] (in [0, 1] when it is never negative, as
 * hours and scores are). The divisors are computed once, from the training
 * set only, and the same divisors scale the held-out set: the held-out
 * examples must not shape the model they measure.
 *
 * Dividing (not also shifting by the minimum or the mean) keeps 0 at 0 and
 * a ratio of two values unchanged, and undoing it is one product.
 *
 * @module
 */
import type { Matrix } from '../matrix/Matrix.js'
import { generate } from '../matrix/construct.js'
import { buffer } from '../matrix/internal.js'
import type { Dataset } from './Dataset.js'

/**
 * The divisors of a scaling: one per feature (row of `x`), and one per
 * target (row of `y`) of a regression data set (none for a classifier's).
 *
 * @category scaling
 */
export interface Scaling {
  readonly features: ReadonlyArray<number>
  readonly targets: ReadonlyArray<number>
}

/** The largest |entry| of each row of a matrix, or 1 for a row that is all 0 (nothing to scale). */
const rowMaxima = (m: Matrix): ReadonlyArray<number> => {
  const data = buffer(m)
  return Object.freeze(
    Array.from({ length: m.rows }, (_, p) => {
      const most = data.subarray(p * m.cols, (p + 1) * m.cols).reduce((a, v) => Math.max(a, Math.abs(v)), 0)
      return most === 0 ? 1 : most
    }),
  )
}

/**
 * The max-abs scaling of a (training) data set: each feature's divisor is
 * max over the examples of |x|, each target's max |y| (1 where that is 0).
 *
 * @example
 * maxScaling(train) // { features: [10, 5], targets: [93] } for Welch Labs' three examples
 * @category scaling
 */
export const maxScaling = (d: Dataset): Scaling =>
  Object.freeze({ features: rowMaxima(d.x), targets: d.y === undefined ? Object.freeze([]) : rowMaxima(d.y) })

/** Each row p of m divided by divisors[p]. */
const divideRows = (m: Matrix, divisors: ReadonlyArray<number>, what: string): Matrix => {
  if (divisors.length !== m.rows) {
    throw new RangeError(`scale: ${String(divisors.length)} ${what} divisors for ${String(m.rows)} ${what}`)
  }
  const data = buffer(m)
  return generate(m.rows, m.cols, (p, i) => (data[p * m.cols + i] as number) / (divisors[p] as number))
}

/**
 * A data set with every feature divided by its divisor, and every target
 * of a regression data set by its own (labels are unchanged). Throws a
 * `RangeError` when the numbers of divisors do not match the features and
 * targets (a programmer error: use the scaling of the same kind of data).
 *
 * @example
 * const s = maxScaling(train)
 * const [scaledTrain, scaledTest] = [scale(train, s), scale(test, s)]
 * @category scaling
 */
export const scale = (d: Dataset, s: Scaling): Dataset => {
  const x = divideRows(d.x, s.features, 'feature')
  if (d.y === undefined) return Object.freeze({ ...d, x })
  return Object.freeze({ ...d, x, y: divideRows(d.y, s.targets, 'target') })
}
