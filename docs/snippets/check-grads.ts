import assert from 'node:assert/strict'
import { either as E } from 'fp-ts'
import { Matrix, add, checkGrads, logSumExp, matmul, tanh } from 'nabla'

// a small model, f(w, b) = logSumExp(tanh(wx + b)), on a batch of two
// examples (the columns of x)
const x = Matrix.fromRows([
  [1, -1],
  [0.5, 2],
])
interface Params {
  readonly w: Matrix
  readonly b: Matrix
}
const f = ({ w, b }: Params): number =>
  logSumExp(tanh(add(matmul(w, x), b)))
const p: Params = {
  w: Matrix.fromRows([
    [0.3, -0.2],
    [0.1, 0.4],
    [-0.5, 0.2],
  ]),
  b: Matrix.column([0.1, 0, -0.1]),
}

// forward and reverse mode, first and second order, against central
// differences
const report = checkGrads(f, p)
assert.ok(E.isRight(report))
assert.ok(report.right.comparisons > 0)
// the comparison closest to failing used a small part of the error its tolerance allows:
// 1.1e-4 of it with the default seed, 1.1e-4 to 1.1e-3 over seeds 0 to 19
assert.ok(report.right.worstErrorRatio < 0.01)

// the options narrow it down: one mode, one order, other tolerances
const options = {
  order: 1,
  modes: ['reverse'],
  atol: 1e-9,
  rtol: 1e-7,
} as const
assert.ok(E.isRight(checkGrads(f, p, options)))
