// Batch-first data (one example per row) into nabla's layout (one example per column).
import fc from 'fast-check'
import { either as E } from 'fp-ts'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { Matrix, ShapeError } from 'nabla'
import { Dataset } from 'nabla/data'
import { left, right } from '../helpers/either.js'

/** n examples of d features each, as batch-first arrays. */
const examples = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 6 }))
  .chain(([d, n]) =>
    fc.array(fc.array(fc.double({ noNaN: true }), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
  )

describe('Dataset.examplesAsColumns', () => {
  it('example i becomes column i: the transpose of the rows, entry for entry', () => {
    fc.assert(
      fc.property(examples, (rows) => {
        const x = Dataset.examplesAsColumns(rows)
        const d = rows[0]?.length ?? 0
        return (
          x.rows === d &&
          x.cols === rows.length &&
          rows.every((e, i) => e.every((v, p) => Object.is(Matrix.get(x, p, i), v))) &&
          (rows.length === 0 || Matrix.Eq.equals(x, Matrix.transpose(Matrix.fromRows(rows))))
        )
      }),
      { numRuns: 200 },
    )
  })

  it('literal examples give literal dimensions: features × examples', () => {
    const x = Dataset.examplesAsColumns([
      [0, 1],
      [1, 0],
      [1, 1],
    ])
    expectTypeOf(x).toEqualTypeOf<Matrix<2, 3>>()
    expect(Matrix.toRows(x)).toEqual([
      [0, 1, 1],
      [1, 0, 1],
    ])
    expect(Matrix.shape(Dataset.examplesAsColumns([]))).toEqual([0, 0])
  })

  it('examples of different lengths are a ShapeError naming the first odd one', () => {
    expect(() => Dataset.examplesAsColumns([[1, 2], [3, 4], [5]])).toThrow(ShapeError)
    expect(() => Dataset.examplesAsColumns([[1, 2], [3, 4], [5]])).toThrow(/example 2 has 1 features, example 0 has 2/)
  })
})

describe('Dataset.fromExamples', () => {
  it('is the data set of the examples as columns, with the same checks as Dataset.dataset', () => {
    fc.assert(
      fc.property(examples, fc.integer({ min: 1, max: 4 }), fc.nat(), (rows, classes, seed) => {
        const labels = rows.map((_, i) => (seed + i) % classes)
        const fields = { name: 'rows', labels, classes }
        const built = Dataset.fromExamples({ ...fields, examples: rows })
        const direct = Dataset.dataset({ ...fields, x: Dataset.examplesAsColumns(rows) })
        return (
          E.isRight(built) &&
          E.isRight(direct) &&
          Matrix.Eq.equals(built.right.x, direct.right.x) &&
          built.right.labels.every((l, i) => l === labels[i])
        )
      }),
      { numRuns: 100 },
    )
  })

  it('the classic XOR set, and its mistakes as Left', () => {
    const xor = right(
      Dataset.fromExamples({
        name: 'xor',
        examples: [
          [0, 0],
          [0, 1],
          [1, 0],
          [1, 1],
        ],
        labels: [0, 1, 1, 0],
        classes: 2,
      }),
    )
    expect(Matrix.toRows(xor.x)).toEqual([
      [0, 0, 1, 1],
      [0, 1, 0, 1],
    ])
    expect(left(Dataset.fromExamples({ name: 'bad', examples: [[0, 0], [1]], labels: [0, 1], classes: 2 }))).toBe(
      'bad: example 1 has 1 features, example 0 has 2',
    )
    expect(left(Dataset.fromExamples({ name: 'few', examples: [[0], [1]], labels: [0], classes: 2 }))).toBe(
      'few: 1 labels for 2 examples (the columns of x)',
    )
  })
})
