import { describe, expect, it } from 'vitest'
import { Matrix, dot, mean, quadraticCost, sum, sumCols, sumRows } from 'nabla'
import {
  checkLaw,
  lawReport,
  matrixReductionLaws,
  reductionOverflowsToInfinity,
  sumsOfRowsAndColumnsAreSums,
} from 'nabla/laws'

const row = (xs: ReadonlyArray<number>): Matrix => Matrix.row(xs)

/** The laws' own reductions, and the differentiable ones and the quadratic cost, which must agree with them. */
const laws = [
  ...matrixReductionLaws(),
  reductionOverflowsToInfinity('sum', (xs) => sum(row(xs))),
  reductionOverflowsToInfinity('mean', (xs) => mean(row(xs))),
  reductionOverflowsToInfinity('dot', (xs) => dot(row(xs), Matrix.ones(1, xs.length))),
  reductionOverflowsToInfinity(
    'quadraticCost',
    (xs) => quadraticCost.C(Matrix.column(xs), Matrix.zeros(xs.length, 1)),
    (xs) => xs.map((x) => x * x),
  ),
]

describe('sums at the extremes of float64', () => {
  it.each(laws.map((law) => [law.name, law] as const))('%s', (_, law) => {
    const report = checkLaw(law, { numRuns: 2000 })
    expect(report.failed, lawReport(law, report)).toBe(false)
  })

  it('an infinite entry is an infinite sum, and an overflow too', () => {
    expect(Matrix.sum(Matrix.fromRows([[Infinity]]))).toBe(Infinity)
    expect(Matrix.sum(row([1e308, 1e308]))).toBe(Infinity)
    expect(Matrix.sum(row([-1e308, -1e308]))).toBe(-Infinity)
    expect(Matrix.mean(row([1e308, 1e308]))).toBe(Infinity)
    expect(sum(row([1, Infinity, 2]))).toBe(Infinity)
    expect(Number.isNaN(Matrix.sum(row([Infinity, -Infinity])))).toBe(true)
    expect(Number.isNaN(Matrix.sum(row([1, Number.NaN])))).toBe(true)
  })

  it('the two dot products and the two means agree bit for bit', () => {
    const a = row([0.1, 0.2, 0.3, 1e308, 1e308])
    const b = row([3, -1, 7, 1, 1])
    expect(Matrix.dot(a, b)).toBe(dot(a, b))
    expect(Matrix.dot(a, b)).toBe(Infinity)
    const c = row([0.1, 0.2, 0.3])
    expect(Object.is(Matrix.mean(c), mean(c))).toBe(true)
    const d = row([3, -1, 7])
    expect(Object.is(Matrix.dot(c, d), dot(c, d))).toBe(true)
  })

  it('the law catches a compensated sum that adds its correction after an overflow, on at most three entries', () => {
    const oldSum = (xs: ReadonlyArray<number>): number => {
      const [s, comp] = xs.reduce<readonly [number, number]>(
        ([t, c], x) => [t + x, c + (Math.abs(t) >= Math.abs(x) ? t - (t + x) + x : x - (t + x) + t)],
        [0, 0],
      )
      return s + comp
    }
    const law = reductionOverflowsToInfinity('oldSum', oldSum)
    // a fixed seed: the shrunk size depends on it (over seeds 1–85 it was at most 3 every time)
    const report = checkLaw(law, { seed: 42 })
    expect(report.failed).toBe(true)
    expect(report.counterexample?.[0]?.length).toBeLessThanOrEqual(3)
  })
})

describe('sums by rows and by columns are sums', () => {
  it.each([
    sumsOfRowsAndColumnsAreSums('Matrix', Matrix.sumRows, Matrix.sumCols),
    sumsOfRowsAndColumnsAreSums('differentiable', sumRows, sumCols),
  ])('$name', (law) => {
    const report = checkLaw(law, { numRuns: 1000 })
    expect(report.failed, lawReport(law, report)).toBe(false)
  })

  it('the law catches row sums added plainly (without compensation), and shrinks them to one row of three', () => {
    const plainRows = (a: Matrix): Matrix => Matrix.column(Matrix.toRows(a).map((r) => r.reduce((s, x) => s + x, 0)))
    const law = sumsOfRowsAndColumnsAreSums('plain', plainRows, Matrix.sumCols)
    const report = checkLaw(law, { numRuns: 1000, seed: 11 })
    expect(report.failed).toBe(true)
    // three terms are the fewest whose plain and compensated sums differ; over seeds 1–40 it shrank to
    // 1×3 at 39 seeds and 1×5 at one
    const shrunk = report.counterexample?.[0] as Matrix
    expect([shrunk.rows, shrunk.cols]).toEqual([1, 3])
  })
})
