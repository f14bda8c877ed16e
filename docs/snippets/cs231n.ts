import assert from 'node:assert/strict'
import { Matrix, grad, matmul, square, sum } from 'nabla'

// CS231n, "Backpropagation, Intuitions": f(x, W) = ‖W·x‖² with q = W·x
const x = Matrix.column([0.2, 0.4])
const w = Matrix.fromRows([
  [0.1, 0.5],
  [-0.3, 0.8],
])
const f = ([W, X]: readonly [Matrix, Matrix]): number =>
  sum(square(matmul(W, X)))

const [gw, gx] = grad(f)([w, x])

// the published values: ∇_W f = 2q·xᵀ and ∇_x f = 2Wᵀq
const near = (actual: Matrix, expected: ReadonlyArray<number>): boolean =>
  Matrix.toArray(actual).every((a, i) => Math.abs(a - expected[i]!) < 1e-15)
assert.ok(near(gw, [0.088, 0.176, 0.104, 0.208]))
assert.ok(near(gx, [-0.112, 0.636]))

// and, bit for bit, the closed forms evaluated in float64
const q = Matrix.matmul(w, x)
assert.ok(Matrix.Eq.equals(gw, Matrix.scale(Matrix.outer(q, x), 2)))
assert.ok(Matrix.Eq.equals(gx, Matrix.scale(Matrix.matmulTN(w, q), 2)))
