import assert from 'node:assert/strict'
import { Matrix, grad, matmul, mul, sigmoid, sum, tanh } from 'nabla'
import { valueAndGrad } from 'nabla'

// a scalar function of a number: f(x) = x³, f′(x) = 3x²
const cube = (x: number): number => mul(x, mul(x, x))
assert.equal(grad(cube)(2), 12)

// a scalar function of a matrix: the gradient has the matrix's shape,
// ∂/∂wᵢⱼ Σ tanh(w) = 1 − tanh²(wᵢⱼ)
const w = Matrix.fromRows([
  [0, 1],
  [-1, 2],
])
const gw = grad((m: Matrix) => sum(tanh(m)))(w)
const expected = Matrix.toArray(w).map((v) => 1 - Math.tanh(v) ** 2)
assert.deepEqual(Matrix.toArray(gw), expected)

// further arguments are passed through, not differentiated: here, a batch
const batch = Matrix.fromRows([
  [1, 0, 2],
  [0, 1, -1],
])
const output = (weights: Matrix, xs: Matrix): number =>
  sum(sigmoid(matmul(weights, xs)))
const [value, g] = valueAndGrad(output)(w, batch)
assert.equal(value, output(w, batch))
assert.deepEqual([g.rows, g.cols], [2, 2])
