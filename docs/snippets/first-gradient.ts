import assert from 'node:assert/strict'
import { Matrix, add, matmul, mean, square, sub, valueAndGrad } from 'nabla'

// a mini-batch of 3 examples with 2 features, one example per column
const x = Matrix.fromRows([
  [1, 2, 3],
  [0, 1, -1],
])
const y = Matrix.row([1, 2, 0])

// a linear model and its mean squared error: L(w, b) = mean((wx + b − y)²)
interface Params {
  readonly w: Matrix<1, 2>
  readonly b: Matrix<1, 1>
}
const loss = ({ w, b }: Params): number =>
  mean(square(sub(add(matmul(w, x), b), y)))

const params: Params = { w: Matrix.row([0.5, -0.5]), b: Matrix.scalar(0) }
const [value, g] = valueAndGrad(loss)(params)

// the gradient has the structure of the parameters: { w: 1×2, b: 1×1 }.
// By hand: r = wx + b − y = [−0.5, −1.5, 2], so L = (0.25 + 2.25 + 4)/3,
// ∇w = (2/3)·r·xᵀ = [5/3, −7/3] and ∇b = (2/3)·Σr = 0
const close = Matrix.getEqApprox({ atol: 1e-12, rtol: 1e-12 })
assert.ok(Math.abs(value - 6.5 / 3) < 1e-12)
assert.ok(close.equals(g.w, Matrix.row([5 / 3, -7 / 3])))
assert.ok(close.equals(g.b, Matrix.scalar(0)))
