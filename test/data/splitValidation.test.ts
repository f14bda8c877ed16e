// Dataset.splitValidation: a validation set held out of a training set.
import { describe, expect, it } from 'vitest'
import { fc, test } from '@fast-check/vitest'
import { Matrix, Random } from 'nabla'
import { dataset, size, splitValidation, validationCount, type Dataset } from 'nabla/dataset'
import { right } from '../helpers/either.js'

/** n examples whose only feature is their index, labelled index mod 2. */
const indexed = (n: number): Dataset =>
  right(
    dataset({
      name: 'ids',
      x: Matrix.generate(1, n, (_, i) => i),
      labels: Array.from({ length: n }, (_, i) => i % 2),
      classes: 2,
    }),
  )

const ids = (d: Dataset): ReadonlyArray<number> => Matrix.toArray(d.x)

/** A size and a fraction that leaves both sides non-empty, and a seed. */
const cases = fc
  .record({ n: fc.integer({ min: 2, max: 80 }), f: fc.double({ min: 0.01, max: 0.99, noNaN: true }), seed: fc.nat() })
  .filter(({ n, f }) => Math.round(f * n) >= 1 && Math.round(f * n) <= n - 1)

describe('splitValidation', () => {
  test.prop([cases], { numRuns: 100 })(
    'the parts are disjoint, cover the set, keep its order and labels, and the validation part has round(f·n) examples',
    ({ n, f, seed }) => {
      const { train, validation } = splitValidation(indexed(n), f, Random.seed(seed))
      const a = ids(train)
      const b = ids(validation)
      expect(b).toHaveLength(Math.round(f * n))
      expect([...a, ...b].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i))
      expect(a.filter((i) => b.includes(i))).toEqual([])
      expect([...a]).toEqual([...a].sort((x, y) => x - y))
      expect([...b]).toEqual([...b].sort((x, y) => x - y))
      expect(train.labels).toEqual(a.map((i) => i % 2))
      expect(validation.labels).toEqual(b.map((i) => i % 2))
      expect([train.name, validation.name]).toEqual(['ids/fit', 'ids/validation'])
    },
  )

  test.prop([cases], { numRuns: 50 })(
    'is a function of the data, the fraction and the generator state',
    ({ n, f, seed }) => {
      const a = splitValidation(indexed(n), f, Random.seed(seed))
      const b = splitValidation(indexed(n), f, Random.seed(seed))
      expect(ids(a.validation)).toEqual(ids(b.validation))
      expect(a.rng).toEqual(b.rng)
    },
  )

  it('draws different parts from different seeds', () => {
    const a = splitValidation(indexed(100), 0.2, Random.seed(1))
    const b = splitValidation(indexed(100), 0.2, Random.seed(2))
    expect(ids(a.validation)).not.toEqual(ids(b.validation))
  })

  it.each([0, 1, -0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the fraction %s', (f) => {
    expect(() => splitValidation(indexed(10), f, Random.seed(1))).toThrow(
      /^splitValidation: the fraction must be strictly between 0 and 1/,
    )
  })

  it('refuses a fraction that leaves a side empty, naming the side', () => {
    expect(() => validationCount(10, 0.01)).toThrow('leaves no validation examples')
    expect(() => validationCount(10, 0.99)).toThrow('leaves no training examples')
    expect(() => splitValidation(indexed(1), 0.5, Random.seed(1))).toThrow(RangeError)
    expect(size(splitValidation(indexed(2), 0.5, Random.seed(1)).validation)).toBe(1)
  })
})
