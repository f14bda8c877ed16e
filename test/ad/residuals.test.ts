import { describe, expect, it } from 'vitest'
import {
  Matrix,
  customVjpWithResiduals,
  grad,
  hvp,
  jvp,
  logSumExp,
  mul,
  softmax,
  stopGradient,
  type Matrix as M,
} from 'nabla'
import { casesOf, checkLaw, derivativeLaws, lawReport, matrix } from 'nabla/laws'

/** log Σ exp(z) over a column, whose forward pass keeps the softmax for the backward pass; fwd calls counted. */
const counted = (): { readonly f: (z: M) => number; readonly calls: () => number } => {
  let calls = 0
  const f = customVjpWithResiduals(
    (z: M) => {
      calls += 1
      return [logSumExp(z), softmax(z)] as const
    },
    (p, c) => mul(c, p),
    'lse',
  )
  return { f, calls: () => calls }
}

const z = Matrix.column([0.5, -1, 2])

describe('customVjpWithResiduals', () => {
  it('the backward rule gets the residuals of the forward pass, which runs once', () => {
    const { f, calls } = counted()
    const g = grad(f)(z)
    // ∂/∂z log Σ exp(z) = softmax(z)
    expect(Matrix.toArray(g)).toEqual(Matrix.toArray(softmax(z)))
    expect(calls()).toBe(1)
  })

  it('forward mode transposes the backward rule: the tangent is ⟨softmax(z), v⟩', () => {
    const { f } = counted()
    const v = Matrix.column([1, 2, 3])
    const [, t] = jvp(f)(z, v)
    expect(t).toBeCloseTo(Matrix.dot(softmax(z), v), 15)
  })

  it('second derivatives see through the residuals: hvp equals that of logSumExp itself', () => {
    const { f } = counted()
    const v = Matrix.column([1, 0, -1])
    const custom = Matrix.toArray(hvp(f)(z, v))
    const plain = Matrix.toArray(hvp((q: M) => logSumExp(q))(z, v))
    custom.forEach((c, i) => {
      expect(Math.abs(c - (plain[i] as number))).toBeLessThan(1e-15)
    })
  })

  it('passes every derivative law, to second order', () => {
    const { f } = counted()
    derivativeLaws(casesOf(f, matrix({ rows: 3, cols: 1, min: -3, max: 3 })), 'lse').forEach((law) => {
      const report = checkLaw(law, { numRuns: 30 })
      expect(report.failed, lawReport(law, report)).toBe(false)
    })
  })

  it('a backward rule that ignores its residuals and returns a constant fails the laws', () => {
    const wrong = customVjpWithResiduals(
      (q: M) => [logSumExp(q), softmax(stopGradient(q))] as const,
      (_p, c) => mul(c, Matrix.fill(3, 1, 1 / 3)),
    )
    const laws = derivativeLaws(casesOf(wrong, matrix({ rows: 3, cols: 1, min: -3, max: 3 })), 'wrong')
    expect(laws.some((law) => checkLaw(law, { numRuns: 50 }).failed)).toBe(true)
  })
})
