import assert from 'node:assert/strict'
import { Matrix, matmul, vjp } from 'nabla'

const x = Matrix.column([1, 2, 3])
const w = Matrix.fromRows([
  [1, 0, -1],
  [2, 1, 0],
])

// f(w) = wx maps a 2×3 matrix to a 2×1 column. Its pullback maps a
// cotangent c of the output (2×1) to c·xᵀ, a cotangent of the input (2×3).
// f runs once; the pullback may be called any number of times.
const [y, pullback] = vjp((m: Matrix) => matmul(m, x))(w)
assert.deepEqual(Matrix.toArray(y), [-2, 4])

assert.deepEqual(Matrix.toRows(pullback(Matrix.column([1, 0]))), [
  [1, 2, 3],
  [0, 0, 0],
])
assert.deepEqual(Matrix.toRows(pullback(Matrix.column([0, -1]))), [
  [0, 0, 0],
  [-1, -2, -3],
])
