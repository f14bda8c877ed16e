import { describe, expect, it } from 'vitest'
import { Matrix } from 'nabla'
import {
  eqApproxIsReflexive,
  eqApproxIsSymmetric,
  eqComparesShapeAndEntries,
  eqIsReflexive,
  eqIsSymmetric,
  eqIsTransitive,
  showPrintsShapeAndEntries,
} from 'nabla/laws'
import { testLaw } from './prop.js'

describe('Matrix.Eq', () => {
  testLaw(eqIsReflexive())
  testLaw(eqIsSymmetric())
  testLaw(eqIsTransitive())
  testLaw(eqComparesShapeAndEntries())
})

describe('Matrix.getEqApprox', () => {
  testLaw(eqApproxIsReflexive())
  testLaw(eqApproxIsSymmetric())

  it('accepts differences within atol + rtol·max(|a|, |b|) and no more', () => {
    const eq = Matrix.getEqApprox({ atol: 0.1, rtol: 0.01 })
    expect(eq.equals(Matrix.row([100]), Matrix.row([101.1]))).toBe(true) // 1.1 ≤ 0.1 + 1.011
    expect(eq.equals(Matrix.row([100]), Matrix.row([101.2]))).toBe(false) // 1.2 > 0.1 + 1.012
    expect(eq.equals(Matrix.row([1]), Matrix.column([1]))).toBe(true)
    expect(eq.equals(Matrix.row([1, 1]), Matrix.column([1, 1]))).toBe(false)
  })
})

describe('Matrix.Show', () => {
  testLaw(showPrintsShapeAndEntries())

  it('prints small matrices whole and elides the middle of large ones', () => {
    expect(
      Matrix.Show.show(
        Matrix.fromRows([
          [1, -0],
          [NaN, 0.1],
        ]),
      ),
    ).toBe('Matrix 2×2 [[1, -0], [NaN, 0.1]]')
    expect(Matrix.Show.show(Matrix.zeros(0, 3))).toBe('Matrix 0×3 []')
    expect(Matrix.Show.show(Matrix.generate(1, 10, (_, j) => j))).toBe('Matrix 1×10 [[0, 1, 2, 3, …, 6, 7, 8, 9]]')
  })
})
