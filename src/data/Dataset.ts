import { either as E } from 'fp-ts'
import type { Matrix } from '../matrix/Matrix.js'
import { fromRows, generate } from '../matrix/construct.js'
import { buffer } from '../matrix/internal.js'
import { selectCols, sliceCols } from '../matrix/ops.js'
import { permutation, type Rng } from '../matrix/Random.js'
import { ShapeError } from '../matrix/ShapeError.js'

/**
 * A data set in Nielsen's matrix form: the examples are the **columns**.
 * Most are labelled data sets for a classifier; a regression data set
 * (see {@link regression}) has real-valued targets `y` instead.
 *
 * - `x` is features×n: column i is example i (for images, entry (p, i) is
 *   pixel p of image i, row-major within the image).
 * - `labels` has n entries; `labels[i]` is the class of example i, an integer
 *   in 0 … classes−1.
 * - `classes` is the number of classes (the rows of the one-hot targets, see
 *   {@link targets}).
 * - `classNames` has one readable name per class (`'0'` … `'9'` for digits,
 *   `'T-shirt/top'` … for Fashion-MNIST).
 * - `name` says where the data came from (`'digits'`, `'fashion-mnist/test'`).
 * - `y`, in a regression data set only, is k×n: column i holds the k
 *   real-valued targets of example i (the desired output, as Nielsen's
 *   y(x)), and `targetNames` names its k rows. Such a data set has no
 *   labels and no classes (`labels` is empty, `classes` is 0): accuracy
 *   and confusion matrices do not apply to it.
 *
 * Build one with {@link dataset}, which checks these invariants; every helper
 * of this module preserves them. Like a `Matrix`, a `Dataset` is never
 * mutated: the record and its arrays are frozen.
 *
 * @category model
 */
export interface Dataset {
  readonly name: string
  readonly x: Matrix
  readonly labels: ReadonlyArray<number>
  readonly classes: number
  readonly classNames: ReadonlyArray<string>
  /** The real-valued targets (k×n) of a regression data set; absent for a classifier's. */
  readonly y?: Matrix
  /** The names of the k targets of a regression data set (the rows of `y`). */
  readonly targetNames?: ReadonlyArray<string>
}

/** The fields of a {@link Dataset}; `classNames` defaults to `'0'`, `'1'`, …. @category model */
export interface DatasetFields {
  readonly name: string
  readonly x: Matrix
  readonly labels: ReadonlyArray<number>
  readonly classes: number
  readonly classNames?: ReadonlyArray<string>
}

/** A training part and a test part of a data set (the two halves of MNIST, a split). @category model */
export interface TrainTest {
  readonly train: Dataset
  readonly test: Dataset
}

/** A train/test partition of a data set and the generator state after drawing it. @category model */
export interface Split extends TrainTest {
  readonly rng: Rng
}

/**
 * Options of {@link split}.
 *
 * `test` is the size of the test part: a number strictly between 0 and 1 is a
 * fraction of the examples (rounded to the nearest count), an integer ≥ 0 is
 * a count. `rng` is the generator state that draws the partition.
 *
 * @category model
 */
export interface SplitOptions {
  readonly test: number
  readonly rng: Rng
}

/**
 * A data set from its fields, after checking that they agree: `classes` is a
 * positive integer, there is one label per column of `x`, every label is an
 * integer in 0 … classes−1, and there is one class name per class. The
 * labels are copied.
 *
 * @example
 * dataset({ name: 'xor', x: fromRows([[0, 0, 1, 1], [0, 1, 0, 1]]), labels: [0, 1, 1, 0], classes: 2 })
 * @category constructors
 */
export const dataset = (fields: DatasetFields): E.Either<string, Dataset> => {
  const { name, x, labels, classes } = fields
  if (!Number.isInteger(classes) || classes < 1) {
    return E.left(`${name}: the number of classes must be a positive integer (got ${classes})`)
  }
  if (labels.length !== x.cols) {
    return E.left(`${name}: ${labels.length} labels for ${x.cols} examples (the columns of x)`)
  }
  const bad = labels.findIndex((l) => !isLabel(l, classes))
  if (bad >= 0) {
    return E.left(`${name}: label ${String(labels[bad])} of example ${bad} is not an integer in 0…${classes - 1}`)
  }
  const classNames = fields.classNames ?? defaultClassNames(classes)
  if (classNames.length !== classes) {
    return E.left(`${name}: ${classNames.length} class names for ${classes} classes`)
  }
  return E.right(make(name, x, Object.freeze([...labels]), classes, Object.freeze([...classNames])))
}

/** The shape of `transpose(fromRows(examples))`: features × examples, literal when the examples are. */
type ColumnsOf<T extends ReadonlyArray<ReadonlyArray<number>>> =
  ReturnType<typeof fromRows<T>> extends Matrix<infer Examples, infer Features> ? Matrix<Features, Examples> : never

/** The index of the first example whose length differs from the first one's, or -1. */
const raggedAt = (examples: ReadonlyArray<ReadonlyArray<number>>): number =>
  examples.findIndex((e) => e.length !== (examples[0] as ReadonlyArray<number>).length)

/**
 * Batch-first data in nabla's layout: `examples[i]` (one example, one entry
 * per feature, as most code and files hold data, one example per row)
 * becomes column i of a features×n matrix. This is `transpose(fromRows(examples))`
 * without the intermediate matrix; literal examples give literal dimensions.
 * No examples give a 0×0 matrix; examples of different lengths throw a
 * `ShapeError`.
 *
 * @example
 * examplesAsColumns([[0, 1], [1, 0], [1, 1]]) // Matrix<2, 3>: [[0, 1, 1], [1, 0, 1]]
 * @category constructors
 */
export const examplesAsColumns = <const T extends ReadonlyArray<ReadonlyArray<number>>>(examples: T): ColumnsOf<T> => {
  const bad = raggedAt(examples)
  if (bad >= 0) {
    const d = (examples[0] as ReadonlyArray<number>).length
    const k = (examples[bad] as ReadonlyArray<number>).length
    throw new ShapeError(
      'examplesAsColumns',
      [
        [d, 1],
        [k, 1],
      ],
      `example ${bad} has ${k} features, example 0 has ${d}`,
    )
  }
  const features = examples.length === 0 ? 0 : (examples[0] as ReadonlyArray<number>).length
  return generate(
    features,
    examples.length,
    (p, i) => (examples[i] as ReadonlyArray<number>)[p] as number,
  ) as ColumnsOf<T>
}

/**
 * The fields of {@link fromExamples}: a data set's fields with its inputs
 * batch-first, `examples[i]` the features of example i.
 *
 * @category model
 */
export interface ExamplesFields extends Omit<DatasetFields, 'x'> {
  readonly examples: ReadonlyArray<ReadonlyArray<number>>
}

/**
 * A data set from batch-first examples (one array of features per example,
 * see {@link examplesAsColumns}) and their labels, with the checks of
 * {@link dataset}; examples of different lengths are a `Left` too.
 *
 * @example
 * fromExamples({ name: 'xor', examples: [[0, 0], [0, 1], [1, 0], [1, 1]], labels: [0, 1, 1, 0], classes: 2 })
 * @category constructors
 */
export const fromExamples = (fields: ExamplesFields): E.Either<string, Dataset> => {
  const { examples, ...rest } = fields
  const bad = raggedAt(examples)
  return bad >= 0
    ? E.left(
        `${fields.name}: example ${bad} has ${(examples[bad] as ReadonlyArray<number>).length} features, ` +
          `example 0 has ${(examples[0] as ReadonlyArray<number>).length}`,
      )
    : dataset({ ...rest, x: examplesAsColumns(examples) })
}

/** The class names `'0'`, `'1'`, … `String(classes − 1)`. @category constructors */
export const defaultClassNames = (classes: number): ReadonlyArray<string> =>
  Object.freeze(Array.from({ length: classes }, (_, c) => String(c)))

/**
 * The classes×n one-hot matrix of a list of labels: column i is the unit
 * vector e_{labels[i]}, the target output of example i.
 *
 * Throws a `RangeError` if a label is not an integer in 0 … classes−1 (a
 * programmer error: a {@link Dataset}'s labels always are).
 *
 * @example
 * oneHot([2, 0], 3) // [[0, 1], [0, 0], [1, 0]]
 * @category targets
 */
export const oneHot = (labels: ReadonlyArray<number>, classes: number): Matrix => {
  if (!Number.isInteger(classes) || classes < 0) {
    throw new RangeError(`oneHot: the number of classes must be a non-negative integer (got ${classes})`)
  }
  const bad = labels.findIndex((l) => !isLabel(l, classes))
  if (bad >= 0) {
    throw new RangeError(`oneHot: label ${String(labels[bad])} at index ${bad} is not an integer in 0…${classes - 1}`)
  }
  return generate(classes, labels.length, (c, i) => (labels[i] === c ? 1 : 0))
}

/**
 * The targets Y of a data set, one column per example: the real-valued
 * targets `y` (k×n) of a regression data set, and otherwise the one-hot
 * labels, `oneHot(d.labels, d.classes)` (classes×n).
 *
 * @category targets
 */
export const targets = (d: Dataset): Matrix => d.y ?? oneHot(d.labels, d.classes)

/** Whether a data set has real-valued targets (see {@link regression}) rather than class labels. @category targets */
export const isRegression = (d: Dataset): boolean => d.y !== undefined

/** The number of examples (columns of `x`). @category destructors */
export const size = (d: Dataset): number => d.x.cols

/** The number of features (rows of `x`). @category destructors */
export const features = (d: Dataset): number => d.x.rows

/** How many examples each class has: entry c counts the labels equal to c. @category destructors */
export const labelCounts = (d: Dataset): ReadonlyArray<number> =>
  Object.freeze(Array.from({ length: d.classes }, (_, c) => d.labels.filter((l) => l === c).length))

/** A one-line description, e.g. `digits: 1797 examples × 64 features, 10 classes`. @category destructors */
export const summary = (d: Dataset): string =>
  `${d.name}: ${size(d)} examples × ${features(d)} features, ` +
  (d.y === undefined
    ? `${d.classes} classes`
    : `${d.y.rows} ${d.y.rows === 1 ? 'target' : 'targets'} (${(d.targetNames ?? []).join(', ')})`)

/**
 * The examples with the given indices, in that order (a shuffled
 * mini-batch, a subset). Throws a `RangeError` for an index outside
 * 0 … n−1.
 *
 * @category slicing
 */
export const columns = (d: Dataset, indices: ReadonlyArray<number>): Dataset =>
  make(
    d.name,
    selectCols(d.x, indices),
    d.y === undefined ? Object.freeze(indices.map((i) => d.labels[i] as number)) : d.labels,
    d.classes,
    d.classNames,
    d.y === undefined ? undefined : { y: selectCols(d.y, indices), targetNames: d.targetNames ?? [] },
  )

/** Examples [from, to), a contiguous range. Throws a `ShapeError` outside 0 … n. @category slicing */
export const range = (d: Dataset, from: number, to: number): Dataset =>
  make(
    d.name,
    sliceCols(d.x, from, to),
    d.y === undefined ? Object.freeze(d.labels.slice(from, to)) : d.labels,
    d.classes,
    d.classNames,
    d.y === undefined ? undefined : { y: sliceCols(d.y, from, to), targetNames: d.targetNames ?? [] },
  )

/** The first `count` examples (all of them if there are fewer). @category slicing */
export const take = (d: Dataset, count: number): Dataset => range(d, 0, Math.max(0, Math.min(count, size(d))))

/**
 * Consecutive mini-batches of `batchSize` examples, in order; the last one
 * is shorter when `batchSize` does not divide n. Shuffle first (with
 * {@link shuffle}) for stochastic gradient descent. Throws a `RangeError`
 * unless `batchSize` is a positive integer.
 *
 * @category slicing
 */
export const batches = (d: Dataset, batchSize: number): ReadonlyArray<Dataset> => {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batches: the batch size must be a positive integer (got ${batchSize})`)
  }
  const n = size(d)
  return Object.freeze(
    Array.from({ length: Math.ceil(n / batchSize) }, (_, k) =>
      range(d, k * batchSize, Math.min(n, (k + 1) * batchSize)),
    ),
  )
}

/** The examples in a random order (a uniform permutation) and the next generator state. @category random */
export const shuffle = (d: Dataset, rng: Rng): readonly [Dataset, Rng] => {
  const [order, next] = permutation(size(d), rng)
  return [columns(d, order), next]
}

/**
 * A random partition into a training part and a test part, and the next
 * generator state. The same data set and the same `rng` always give the
 * same partition. The two parts are disjoint and together hold every
 * example; each keeps the original order of its examples (the split picks
 * *which* examples, not their order). They are named `<name>/train` and
 * `<name>/test`.
 *
 * Throws a `RangeError` unless `test` is a fraction strictly between 0 and 1
 * or an integer count in 0 … n (see {@link SplitOptions}).
 *
 * @example
 * const { train, test } = split(digits, { test: 0.2, rng: Random.seed(7) })
 * @category random
 */
export const split = (d: Dataset, options: SplitOptions): Split => {
  const [test, train, rng] = partition(d, testCount(size(d), options.test), options.rng)
  return Object.freeze({ train: rename(train, `${d.name}/train`), test: rename(test, `${d.name}/test`), rng })
}

/**
 * k examples drawn at random and the other n − k, each part in the original
 * order, and the generator state after the draw.
 */
const partition = (d: Dataset, k: number, rng: Rng): readonly [Dataset, Dataset, Rng] => {
  const [order, next] = permutation(size(d), rng)
  const byIndex = (a: number, b: number): number => a - b
  return [columns(d, [...order.slice(0, k)].sort(byIndex)), columns(d, [...order.slice(k)].sort(byIndex)), next]
}

/** A training part and a validation part of a training set, and the generator state after drawing them. @category model */
export interface ValidationSplit {
  readonly train: Dataset
  readonly validation: Dataset
  readonly rng: Rng
}

/**
 * The number of validation examples that a fraction of n training examples
 * means: round(fraction · n). Throws a `RangeError` unless the fraction is
 * strictly between 0 and 1 and leaves at least one example on each side.
 *
 * @category random
 */
export const validationCount = (n: number, fraction: number): number => {
  if (!(fraction > 0 && fraction < 1)) {
    throw new RangeError(`splitValidation: the fraction must be strictly between 0 and 1 (got ${fraction})`)
  }
  const k = Math.round(fraction * n)
  if (k < 1 || k > n - 1) {
    throw new RangeError(
      `splitValidation: a fraction ${fraction} of ${n} examples leaves ${k < 1 ? 'no validation' : 'no training'} examples`,
    )
  }
  return k
}

/**
 * A validation set held out of a **training** set (never of the test set):
 * round(fraction · n) examples drawn at random, and the rest to train on.
 * The validation set decides when to stop and which epoch's parameters to
 * keep, so that the test set stays an unbiased estimate of the error on new
 * data. The same data set and `rng` give the same parts; they are disjoint,
 * hold every example between them, keep the original order, and are named
 * `<name>/fit` and `<name>/validation`.
 *
 * Throws a `RangeError` for a fraction outside (0, 1) or one that leaves
 * either part empty (see {@link validationCount}).
 *
 * @example
 * const { train, validation } = splitValidation(digitsTrain, 0.2, Random.seed(1))
 * @category random
 */
export const splitValidation = (d: Dataset, fraction: number, rng: Rng): ValidationSplit => {
  const [validation, train, next] = partition(d, validationCount(size(d), fraction), rng)
  return Object.freeze({
    train: rename(train, `${d.name}/fit`),
    validation: rename(validation, `${d.name}/validation`),
    rng: next,
  })
}

/**
 * The number of test examples that `test` (a fraction or a count, see
 * {@link SplitOptions}) means for n examples. Throws a `RangeError` for
 * anything else.
 *
 * @category random
 */
export const testCount = (n: number, test: number): number => {
  if (test > 0 && test < 1) return Math.round(test * n)
  if (Number.isInteger(test) && test >= 0 && test <= n) return test
  throw new RangeError(
    `split: test must be a fraction strictly between 0 and 1 or an integer count in 0…${n} (got ${test})`,
  )
}

const isLabel = (l: number, classes: number): boolean => Number.isInteger(l) && l >= 0 && l < classes

const rename = (d: Dataset, name: string): Dataset => Object.freeze({ ...d, name })

/** The targets of a regression data set, as {@link make} takes them. */
interface RealTargets {
  readonly y: Matrix
  readonly targetNames: ReadonlyArray<string>
}

/** Wraps fields that are already known to agree (and already frozen); a regression data set has `real`. */
const make = (
  name: string,
  x: Matrix,
  labels: ReadonlyArray<number>,
  classes: number,
  classNames: ReadonlyArray<string>,
  real?: RealTargets,
): Dataset =>
  Object.freeze(
    real === undefined
      ? { name, x, labels, classes, classNames }
      : { name, x, labels, classes, classNames, y: real.y, targetNames: real.targetNames },
  )

/** The fields of a regression data set (see {@link regression}). @category model */
export interface RegressionFields {
  readonly name: string
  /** features×n: column i is example i. */
  readonly x: Matrix
  /** k×n: column i holds the targets of example i. */
  readonly y: Matrix
  /** One name per target (row of `y`); default `'y'` for one target, `'y0'`, `'y1'`, … for more. */
  readonly targetNames?: ReadonlyArray<string>
}

/**
 * A regression data set: inputs x (features×n) and real-valued targets y
 * (k×n), one example per column, after checking that they agree: as many
 * columns of y as of x, at least one target, every target finite, and one
 * name per target. It has no labels and no classes (see {@link Dataset}).
 *
 * @example
 * regression({ name: 'scores', x: fromRows([[3, 5, 10], [5, 1, 2]]), y: fromRows([[75, 82, 93]]) })
 * @category constructors
 */
export const regression = (fields: RegressionFields): E.Either<string, Dataset> => {
  const { name, x, y } = fields
  if (y.cols !== x.cols)
    return E.left(`${name}: ${y.cols} columns of targets for ${x.cols} examples (the columns of x)`)
  if (y.rows < 1) return E.left(`${name}: a regression data set needs at least one target (y has no rows)`)
  const values = buffer(y)
  const bad = values.findIndex((v) => !Number.isFinite(v))
  if (bad >= 0) {
    return E.left(
      `${name}: target ${Math.floor(bad / y.cols)} of example ${bad % y.cols} is ${String(values[bad])}, not a finite number`,
    )
  }
  const targetNames = fields.targetNames ?? (y.rows === 1 ? ['y'] : Array.from({ length: y.rows }, (_, j) => `y${j}`))
  if (targetNames.length !== y.rows) return E.left(`${name}: ${targetNames.length} target names for ${y.rows} targets`)
  return E.right(
    make(name, x, Object.freeze([]), 0, Object.freeze([]), { y, targetNames: Object.freeze([...targetNames]) }),
  )
}
