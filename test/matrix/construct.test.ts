import { describe, expect, it } from 'vitest'
import { Matrix, ShapeError } from 'nabla'

describe('Matrix constructors', () => {
  it('fromRows and toRows are inverse on rectangular rows', () => {
    const rows = [
      [1, 2, 3],
      [4, 5, 6],
    ]
    const m = Matrix.fromRows(rows)
    expect([m.rows, m.cols]).toEqual([2, 3])
    expect(Matrix.toRows(m)).toEqual(rows)
  })

  it('copies its input: changing the source array afterwards does not change the matrix', () => {
    const source = [1, 2, 3, 4]
    const m = Matrix.fromArray(2, 2, source)
    source[0] = 99
    expect(Matrix.get(m, 0, 0)).toBe(1)
  })

  it('ragged rows throw a ShapeError naming the op', () => {
    // typed as plain arrays: literal ragged rows do not compile (see shapes.test-d.ts)
    const ragged: ReadonlyArray<ReadonlyArray<number>> = [[1, 2], [3]]
    expect(() => Matrix.fromRows(ragged)).toThrow(ShapeError)
    expect(() => Matrix.fromRows(ragged)).toThrow(/fromRows/)
  })

  it('identity has ones on the diagonal only', () => {
    expect(Matrix.toRows(Matrix.identity(3))).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ])
  })
})
