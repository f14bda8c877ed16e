import assert from 'node:assert/strict'
import { Matrix, jacfwd, jacrev, matmul, square } from 'nabla'

// f(x) = A·(x ⊙ x), from ℝ² to ℝ²; its Jacobian is A·diag(2x)
const a = Matrix.fromRows([
  [1, 2],
  [3, 4],
])
const f = (x: Matrix): Matrix => matmul(a, square(x))
const x = Matrix.column([1, -1])

const expected = [
  [2, -4],
  [6, -8],
]
// one JVP per input entry, or one pullback per output entry
assert.deepEqual(Matrix.toRows(jacfwd(f)(x)), expected)
assert.deepEqual(Matrix.toRows(jacrev(f)(x)), expected)
