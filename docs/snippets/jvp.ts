import assert from 'node:assert/strict'
import { Matrix, derivative, exp, jvp, matmul, mul, tanh } from 'nabla'

// jvp(f)(x, v) = [f(x), ∂f/∂x · v]: the value and the directional
// derivative along v, in one forward pass
const [y, dy] = jvp((s: number) => mul(s, s))(3, 1)
assert.deepEqual([y, dy], [9, 6])

// x and v are trees of the same shapes, here columns.
// For a linear map the JVP is the map itself.
const a = Matrix.fromRows([
  [1, 2],
  [3, 4],
])
const x = Matrix.column([1, 1])
const v = Matrix.column([1, -1])
const [ax, av] = jvp((m: Matrix) => matmul(a, m))(x, v)
assert.deepEqual(Matrix.toArray(ax), [3, 7])
assert.deepEqual(Matrix.toArray(av), [-1, -1])

// derivative(f) is f′ for f: ℝ → ℝ
assert.equal(derivative((s: number) => tanh(s))(0), 1)
assert.equal(derivative((s: number) => exp(mul(2, s)))(0), 2)
