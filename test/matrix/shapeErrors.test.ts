import { describe, expect, it } from 'vitest'
import { Matrix, ShapeError } from 'nabla'
import { binaryOpsRejectMismatchedShapes } from 'nabla/laws'
import { testLaw } from './prop.js'

describe('binary operations reject operands whose shapes do not fit', () => {
  binaryOpsRejectMismatchedShapes().forEach((law) => {
    testLaw(law, 50)
  })

  it('with a message that names the operation and both shapes', () => {
    // typed as plain Matrix: with their literal shapes this call would not compile
    const a: Matrix = Matrix.zeros(2, 3)
    const b: Matrix = Matrix.zeros(4, 5)
    expect(() => Matrix.matmul(a, b)).toThrow(ShapeError)
    expect(() => Matrix.matmul(a, b)).toThrow(
      'matmul: cannot multiply: inner dimensions 3 and 4 differ (shapes 2×3 and 4×5)',
    )
  })
})

describe('a shape error never prints an empty list of shapes', () => {
  it.each([
    ['no shapes', new ShapeError('stackRows', [], 'needs at least one matrix'), 'stackRows: needs at least one matrix'],
    ['one shape', new ShapeError('reshape', [[2, 3]], 'no'), 'reshape: no (shape 2×3)'],
    [
      'a scalar among them',
      new ShapeError('matmul', ['scalar', [2, 3]], 'needs two matrices'),
      'matmul: needs two matrices (shapes scalar and 2×3)',
    ],
  ])('%s', (_, error, message) => {
    expect(error.message).toBe(message)
    expect(error.message).not.toMatch(/\(shapes? \)/)
  })
})
