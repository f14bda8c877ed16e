import assert from 'node:assert/strict'
import * as fc from 'fast-check'
import { Matrix, customJvp, logSumExp, matmul, mul, sub, tanh } from 'nabla'
import { assertLaw, casesOf, checkLaw, derivativeLaws } from 'nabla/laws'
import { jvpMatchesCentralDifference, matrix } from 'nabla/laws'

const x = Matrix.fromRows([
  [1, -1, 0],
  [0.5, 2, 1],
])
const model = (w: Matrix): number => logSumExp(tanh(matmul(w, x)))

// the cases: the model at 3×2 weight matrices with entries in [−2, 2]
const cases = casesOf(model, matrix({ rows: 3, cols: 2, min: -2, max: 2 }))

// every derivative law, each a plain value: { name, arbitrary, holds }
const laws = derivativeLaws(cases, 'model')
assert.deepEqual(
  laws.map((law) => law.name),
  [
    'model: jvpMatchesCentralDifference',
    'model: vjpIsAdjointOfJvp',
    'model: jvpIsLinear',
    'model: forwardAndReverseJacobiansAgree',
    'model: secondOrderDerivativesMatchFiniteDifferences',
    'model: taylorRemainderIsQuadratic',
  ],
)

// assertLaw throws fast-check's report (seed, shrunk counterexample)
// if some case breaks the law
laws.forEach((law) => {
  assertLaw(law, { numRuns: 20 })
})

// checkLaw returns the report instead: a wrong rule fails
const badTanh = customJvp(
  (s: number) => Math.tanh(s),
  (s, v) => mul(v, sub(1, tanh(s))),
)
const points = fc.double({ min: -3, max: 3, noNaN: true })
const law = jvpMatchesCentralDifference(casesOf(badTanh, points))
const report = checkLaw(law, { seed: 42 })
assert.ok(report.failed)
assert.notEqual(report.counterexample, null)
