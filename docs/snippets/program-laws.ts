import assert from 'node:assert/strict'
import {
  add,
  customJvp,
  div,
  mul,
  pow,
  sqrt,
  square,
  type Value,
} from 'nabla'
import {
  assertLaw,
  checkLaw,
  lawReport,
  nablaOps,
  programJvpMatchesCentralDifference,
  programLaws,
} from 'nabla/laws'

// an activation of your own, x / √(1 + x²), with its derivative (1 + x²)^(−3/2) written by hand
const squash = customJvp(
  (x: Value) => div(x, sqrt(add(1, square(x)))),
  (x, v) => mul(v, pow(add(1, square(x)), -1.5)),
  'squash',
)

// random programs that call it wherever they would call tanh: composed with matmul, broadcasting
// constants, reductions, numbers next to matrices, inputs in trees and transforms nested inside
const ops = { ...nablaOps, tanh: squash }
programLaws({ ops }).forEach((law) => {
  assertLaw(law, { numRuns: 100 })
})

// with the derivative of the wrong power, the first law fails, and the report shows the shrunk
// program (its slot is still called tanh), its input, and both answers
const wrong = customJvp(
  (x: Value) => div(x, sqrt(add(1, square(x)))),
  (x, v) => mul(v, pow(add(1, square(x)), -0.5)),
  'squash',
)
const law = programJvpMatchesCentralDifference({
  ops: { ...nablaOps, tanh: wrong },
})
const report = checkLaw(law, { seed: 7 })
assert.ok(report.failed)
assert.match(lawReport(law, report) ?? '', /tanh\(/)
assert.match(lawReport(law, report) ?? '', /central difference: \[/)
