import { describe, expect, it } from 'vitest'
import { fc, test } from '@fast-check/vitest'
import { Matrix, Random } from 'nabla'
import {
  batches,
  columns,
  dataset,
  defaultClassNames,
  features,
  labelCounts,
  oneHot,
  range,
  shuffle,
  size,
  split,
  summary,
  take,
  targets,
  testCount,
  type Dataset,
} from 'nabla/dataset'
import { left, right } from '../helpers/either.js'

/** n examples whose first feature is their index and whose label is index mod classes. */
const indexed = (n: number, classes = 3): Dataset =>
  right(
    dataset({
      name: 'ids',
      x: Matrix.generate(2, n, (p, i) => (p === 0 ? i : 10 * i)),
      labels: Array.from({ length: n }, (_, i) => i % classes),
      classes,
    }),
  )

/** The original indices of a data set built by `indexed`. */
const ids = (d: Dataset): ReadonlyArray<number> => Array.from({ length: size(d) }, (_, i) => Matrix.get(d.x, 0, i))

/** Every column still agrees with its label (x and labels moved together). */
const consistent = (d: Dataset): boolean =>
  ids(d).every((id, i) => d.labels[i] === id % d.classes && Matrix.get(d.x, 1, i) === 10 * id)

describe('dataset', () => {
  it('builds a frozen data set with default class names', () => {
    const d = indexed(4, 2)
    expect([size(d), features(d), d.classes]).toEqual([4, 2, 2])
    expect(d.classNames).toEqual(['0', '1'])
    expect(Object.isFrozen(d)).toBe(true)
    expect(Object.isFrozen(d.labels)).toBe(true)
    expect(summary(d)).toBe('ids: 4 examples × 2 features, 2 classes')
    expect(defaultClassNames(3)).toEqual(['0', '1', '2'])
  })

  it('copies the labels: changing the source array later does not change the data set', () => {
    const labels = [0, 1]
    const d = right(dataset({ name: 'copy', x: Matrix.zeros(1, 2), labels, classes: 2 }))
    labels[0] = 1
    expect(d.labels).toEqual([0, 1])
  })

  it('rejects fields that disagree, with a Left naming the data set', () => {
    const x = Matrix.zeros(3, 2)
    expect(left(dataset({ name: 'a', x, labels: [0], classes: 2 }))).toBe(
      'a: 1 labels for 2 examples (the columns of x)',
    )
    expect(left(dataset({ name: 'b', x, labels: [0, 2], classes: 2 }))).toBe(
      'b: label 2 of example 1 is not an integer in 0…1',
    )
    expect(left(dataset({ name: 'c', x, labels: [0.5, 1], classes: 2 }))).toBe(
      'c: label 0.5 of example 0 is not an integer in 0…1',
    )
    expect(left(dataset({ name: 'd', x, labels: [-1, 1], classes: 2 }))).toMatch(/^d: label -1 of example 0/)
    expect(left(dataset({ name: 'e', x, labels: [0, 0], classes: 0 }))).toBe(
      'e: the number of classes must be a positive integer (got 0)',
    )
    expect(left(dataset({ name: 'f', x, labels: [0, 0], classes: 2, classNames: ['cat'] }))).toBe(
      'f: 1 class names for 2 classes',
    )
  })
})

describe('oneHot and targets', () => {
  it('puts a 1 in row labels[i] of column i', () => {
    expect(Matrix.toRows(oneHot([2, 0], 3))).toEqual([
      [0, 1],
      [0, 0],
      [1, 0],
    ])
    expect(Matrix.shape(oneHot([], 10))).toEqual([10, 0])
  })

  test.prop([fc.integer({ min: 1, max: 12 }).chain((k) => fc.tuple(fc.constant(k), fc.array(fc.nat(k - 1))))])(
    'each column sums to 1 and its argmax is the label',
    ([classes, labels]) => {
      const y = oneHot(labels, classes)
      expect(Matrix.shape(y)).toEqual([classes, labels.length])
      expect(Matrix.toArray(Matrix.sumCols(y)).every((s) => s === 1)).toBe(true)
      expect(Matrix.argmaxCols(y)).toEqual(labels)
    },
  )

  it('throws a RangeError for a label outside 0…classes−1', () => {
    expect(() => oneHot([0, 3], 3)).toThrow(RangeError)
    expect(() => oneHot([0, 3], 3)).toThrow('oneHot: label 3 at index 1 is not an integer in 0…2')
    expect(() => oneHot([1.5], 3)).toThrow(RangeError)
  })

  it('targets(d) is the one-hot matrix of its labels', () => {
    const d = indexed(5, 3)
    expect(Matrix.Eq.equals(targets(d), oneHot([0, 1, 2, 0, 1], 3))).toBe(true)
  })
})

describe('slicing', () => {
  it('columns picks examples in the given order, with their labels', () => {
    const d = columns(indexed(6), [5, 0, 5])
    expect(ids(d)).toEqual([5, 0, 5])
    expect(consistent(d)).toBe(true)
    expect(() => columns(indexed(6), [6])).toThrow(RangeError)
  })

  it('range and take give contiguous examples', () => {
    expect(ids(range(indexed(6), 2, 4))).toEqual([2, 3])
    expect(ids(take(indexed(6), 2))).toEqual([0, 1])
    expect(size(take(indexed(3), 10))).toBe(3)
    expect(size(take(indexed(3), -1))).toBe(0)
  })

  test.prop([fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 12 })])(
    'batches cover the examples in order, all full but possibly the last',
    (n, batchSize) => {
      const parts = batches(indexed(n), batchSize)
      expect(parts.flatMap(ids)).toEqual(Array.from({ length: n }, (_, i) => i))
      expect(parts.slice(0, -1).every((b) => size(b) === batchSize)).toBe(true)
      expect(parts.every((b) => size(b) >= 1 && size(b) <= batchSize && consistent(b))).toBe(true)
    },
  )

  it('batches rejects a batch size that is not a positive integer', () => {
    expect(() => batches(indexed(3), 0)).toThrow('batches: the batch size must be a positive integer (got 0)')
    expect(() => batches(indexed(3), 1.5)).toThrow(RangeError)
  })
})

const splitSizes = fc.integer({ min: 0, max: 60 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    test: fc.oneof(fc.integer({ min: 0, max: n }), fc.double({ min: 0.01, max: 0.99, noNaN: true })),
    seed: fc.integer(),
  }),
)

describe('split', () => {
  test.prop([splitSizes])(
    'is a disjoint cover of the examples, of the asked size, in original order',
    ({ n, test: t, seed }) => {
      const d = indexed(n)
      const { train, test } = split(d, { test: t, rng: Random.seed(seed) })
      const k = testCount(n, t)
      expect(size(test)).toBe(k)
      expect(size(train)).toBe(n - k)
      const all = [...ids(train), ...ids(test)].sort((a, b) => a - b)
      expect(all).toEqual(Array.from({ length: n }, (_, i) => i))
      expect(ids(train)).toEqual([...ids(train)].sort((a, b) => a - b))
      expect(ids(test)).toEqual([...ids(test)].sort((a, b) => a - b))
      expect(consistent(train) && consistent(test)).toBe(true)
      expect([train.name, test.name]).toEqual(['ids/train', 'ids/test'])
    },
  )

  test.prop([splitSizes])('the same seed gives the same split and the same next state', ({ n, test: t, seed }) => {
    const a = split(indexed(n), { test: t, rng: Random.seed(seed) })
    const b = split(indexed(n), { test: t, rng: Random.seed(seed) })
    expect(ids(a.test)).toEqual(ids(b.test))
    expect(ids(a.train)).toEqual(ids(b.train))
    expect(a.rng).toEqual(b.rng)
  })

  it('different seeds pick different examples', () => {
    const a = split(indexed(100), { test: 20, rng: Random.seed(1) })
    const b = split(indexed(100), { test: 20, rng: Random.seed(2) })
    expect(ids(a.test)).not.toEqual(ids(b.test))
  })

  it('reads test as a fraction strictly between 0 and 1, or as a count', () => {
    expect(testCount(1797, 0.2)).toBe(359)
    expect(testCount(10, 0)).toBe(0)
    expect(testCount(10, 1)).toBe(1)
    expect(testCount(10, 10)).toBe(10)
    expect(() => testCount(10, 11)).toThrow(RangeError)
    expect(() => testCount(10, -1)).toThrow(RangeError)
    expect(() => testCount(10, 2.5)).toThrow(RangeError)
    expect(() => testCount(10, NaN)).toThrow(RangeError)
    expect(() => split(indexed(3), { test: 4, rng: Random.seed(0) })).toThrow(
      'split: test must be a fraction strictly between 0 and 1 or an integer count in 0…3 (got 4)',
    )
  })

  it('leaves the data set it splits unchanged', () => {
    const d = indexed(30)
    const before = Matrix.toArray(d.x)
    split(d, { test: 0.3, rng: Random.seed(9) })
    expect(Matrix.toArray(d.x)).toEqual(before)
    expect(ids(d)).toEqual(Array.from({ length: 30 }, (_, i) => i))
  })
})

describe('shuffle and labelCounts', () => {
  test.prop([fc.integer({ min: 0, max: 50 }), fc.integer()])(
    'shuffle permutes the examples, deterministically',
    (n, seed) => {
      const [a, next] = shuffle(indexed(n), Random.seed(seed))
      const [b] = shuffle(indexed(n), Random.seed(seed))
      expect([...ids(a)].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i))
      expect(ids(a)).toEqual(ids(b))
      expect(consistent(a)).toBe(true)
      expect(next._tag).toBe('Rng')
    },
  )

  it('labelCounts counts each class', () => {
    expect(labelCounts(indexed(7, 3))).toEqual([3, 2, 2])
  })
})
