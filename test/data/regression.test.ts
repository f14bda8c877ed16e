import { describe, expect, it } from 'vitest'
import { fc } from '@fast-check/vitest'
import { Matrix, Random } from 'nabla'
import {
  batches,
  columns,
  dataset,
  isRegression,
  maxScaling,
  range,
  regression,
  scale,
  shuffle,
  split,
  summary,
  targets,
  type Dataset,
} from 'nabla/dataset'
import { left, right } from '../helpers/either.js'

/** Welch Labs' three examples: x = (hours slept, hours studied) per column, y = the test scores. */
const welch = (): Dataset =>
  right(
    regression({
      name: 'scores',
      x: Matrix.fromRows([
        [3, 5, 10],
        [5, 1, 2],
      ]),
      y: Matrix.fromRows([[75, 82, 93]]),
      targetNames: ['score'],
    }),
  )

describe('regression data sets', () => {
  it('have real-valued targets, no labels and no classes', () => {
    const d = welch()
    expect(isRegression(d)).toBe(true)
    expect(Matrix.toRows(targets(d))).toEqual([[75, 82, 93]])
    expect([d.labels, d.classes, d.classNames]).toEqual([[], 0, []])
    expect(summary(d)).toBe('scores: 3 examples × 2 features, 1 target (score)')
    expect(Object.isFrozen(d)).toBe(true)
    const classifier = right(dataset({ name: 'c', x: Matrix.fromRows([[1]]), labels: [0], classes: 1 }))
    expect(isRegression(classifier)).toBe(false)
    expect('y' in classifier).toBe(false)
  })

  it('name their targets y, or y0, y1, … when there are several', () => {
    const one = right(regression({ name: 'r', x: Matrix.fromRows([[1]]), y: Matrix.fromRows([[2]]) }))
    expect(one.targetNames).toEqual(['y'])
    const two = right(regression({ name: 'r', x: Matrix.fromRows([[1]]), y: Matrix.fromRows([[2], [3]]) }))
    expect(two.targetNames).toEqual(['y0', 'y1'])
  })

  it.each([
    [
      { x: Matrix.fromRows([[1, 2]]), y: Matrix.fromRows([[1]]) },
      'r: 1 columns of targets for 2 examples (the columns of x)',
    ],
    [
      { x: Matrix.zeros(1, 0), y: Matrix.zeros(0, 0) },
      'r: a regression data set needs at least one target (y has no rows)',
    ],
    [
      { x: Matrix.fromRows([[1, 2]]), y: Matrix.fromRows([[1, Number.NaN]]) },
      'r: target 0 of example 1 is NaN, not a finite number',
    ],
    [
      { x: Matrix.fromRows([[1]]), y: Matrix.fromRows([[1]]), targetNames: ['a', 'b'] },
      'r: 2 target names for 1 targets',
    ],
  ])('refuse fields that disagree: %#', (fields, message) => {
    expect(left(regression({ name: 'r', ...fields }))).toBe(message)
  })

  it('keep each example with its targets through columns, ranges, batches, shuffles and splits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer(), (n, s) => {
        // feature 0 of example i is i, its two targets are 10i and −i: any mix-up shows
        const d = right(
          regression({
            name: 'ids',
            x: Matrix.generate(1, n, (_, i) => i),
            y: Matrix.generate(2, n, (j, i) => (j === 0 ? 10 * i : -i)),
          }),
        )
        const agree = (part: Dataset): boolean => {
          const ids = Matrix.toRows(part.x)[0] ?? []
          return (
            part.y !== undefined &&
            JSON.stringify(Matrix.toRows(part.y)) === JSON.stringify([ids.map((i) => 10 * i), ids.map((i) => -i)]) &&
            part.targetNames?.join() === 'y0,y1' &&
            isRegression(part)
          )
        }
        const [shuffled] = shuffle(d, Random.seed(s))
        const { train, test } = split(d, { test: Math.floor(n / 2), rng: Random.seed(s) })
        return [columns(d, [n - 1, 0]), range(d, 0, n - 1), shuffled, train, test, ...batches(shuffled, 5)].every(agree)
      }),
      { numRuns: 100 },
    )
  })
})

describe('maxScaling and scale', () => {
  it("scale Welch Labs' data as X / max(X) per feature and y / max(y)", () => {
    const d = welch()
    const s = maxScaling(d)
    expect(s).toEqual({ features: [10, 5], targets: [93] })
    const scaled = scale(d, s)
    expect(Matrix.toRows(scaled.x)).toEqual([
      [3 / 10, 5 / 10, 10 / 10],
      [5 / 5, 1 / 5, 2 / 5],
    ])
    expect(Matrix.toRows(scaled.y!)).toEqual([[75 / 93, 82 / 93, 93 / 93]])
  })

  it('put every training feature and target in [−1, 1], with a largest magnitude of exactly 1 (or all 0)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), {
          minLength: 24,
          maxLength: 24,
        }),
        (d, n, values) => {
          const data = right(
            regression({
              name: 'r',
              x: Matrix.fromArray(d, n, values.slice(0, d * n)),
              y: Matrix.fromArray(
                1,
                n,
                values
                  .slice(d * n, d * n + n)
                  .concat(Array(n).fill(0))
                  .slice(0, n),
              ),
            }),
          )
          const scaled = scale(data, maxScaling(data))
          return [scaled.x, scaled.y!].every((m) =>
            Matrix.toRows(m).every((row) => {
              const most = Math.max(...row.map(Math.abs))
              return row.every((v) => Math.abs(v) <= 1) && (most === 1 || most === 0)
            }),
          )
        },
      ),
      { numRuns: 200 },
    )
  })

  it("scale a held-out set by the training set's divisors, not its own", () => {
    const { train, test } = split(welch(), { test: 1, rng: Random.seed(3) })
    const s = maxScaling(train)
    const scaled = scale(test, s)
    const raw = Matrix.toRows(test.x)
    expect(Matrix.toRows(scaled.x)).toEqual(raw.map((row, p) => row.map((v) => v / (s.features[p] ?? NaN))))
    expect(s).not.toEqual(maxScaling(test))
  })

  it('leave a classifier’s labels alone and refuse divisors of another shape', () => {
    const c = right(dataset({ name: 'c', x: Matrix.fromRows([[2, -4]]), labels: [0, 1], classes: 2 }))
    const s = maxScaling(c)
    expect(s).toEqual({ features: [4], targets: [] })
    expect(Matrix.toRows(scale(c, s).x)).toEqual([[0.5, -1]])
    expect(scale(c, s).labels).toEqual([0, 1])
    expect(() => scale(welch(), s)).toThrow('scale: 1 feature divisors for 2 feature')
  })
})
