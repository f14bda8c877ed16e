import assert from 'node:assert/strict'
import { either as E } from 'fp-ts'
import { Matrix, mul, sum, tanh, taylorTest } from 'nabla'

const f = (x: Matrix): Matrix => tanh(mul(x, 3))
const x = Matrix.column([0.1, -0.4, 0.7])
const v = Matrix.column([1, 0.5, -1])

// r(h) = ‖f(x + hv) − f(x) − h·Jv‖ for h = h₀, h₀/2, h₀/4, …:
// each halving must divide it by 4, an observed order of 2
const report = taylorTest(f, x, v)
assert.ok(E.isRight(report))
assert.ok(report.right.orders.every((order) => Math.abs(order - 2) < 0.2))

// an affine function has no remainder: the first-order model is exact
const affine = taylorTest((m: Matrix) => sum(mul(m, 2)), x, v)
assert.ok(E.isRight(affine) && affine.right.exact)
