import { describe, expect, it } from 'vitest'
import * as fc from 'fast-check'
import { either as E } from 'fp-ts'
import { Matrix, checkGrads, sum, tanh } from 'nabla'
import { anyShapeMatrix } from 'nabla/laws'

describe('checkGrads reports what decided pass or fail', () => {
  it('the worst comparison of a passing check is its error over its allowed error, at most 1', () => {
    fc.assert(
      fc.property(anyShapeMatrix({ minRows: 1, minCols: 1, maxRows: 3, maxCols: 3 }), (x) => {
        const tol = { atol: 1e-6, rtol: 1e-6 }
        const report = checkGrads((m: Matrix) => sum(tanh(m)), x, tol)
        if (E.isLeft(report)) return false
        const { worstErrorRatio, worst } = report.right
        if (worst === undefined) return false
        const ratio =
          worst.actual === worst.expected
            ? 0
            : Math.abs(worst.actual - worst.expected) / (tol.atol + tol.rtol * Math.abs(worst.expected))
        return worstErrorRatio === ratio && ratio <= 1
      }),
      { numRuns: 30 },
    )
  })

  it('tiny derivatives that differ by rounding are reported as the small fraction of tolerance they use', () => {
    // tanh′(12) ≈ 1.5e-10: a relative error between the two numbers means nothing at that size
    const report = checkGrads((m: Matrix) => sum(tanh(m)), Matrix.fromRows([[12, 12.5]]), { order: 1 })
    expect(E.isRight(report) && report.right.worstErrorRatio).toBeLessThan(1e-3)
  })
})
