import assert from 'node:assert/strict'
import { Matrix, hessian, hvp, matmul, mul, sum } from 'nabla'

// the quadratic form f(x) = xᵀAx has the Hessian A + Aᵀ
const a = Matrix.fromRows([
  [2, 1],
  [0, 3],
])
const f = (x: Matrix): number => sum(mul(x, matmul(a, x)))
const x = Matrix.column([0.5, -2])

assert.deepEqual(Matrix.toRows(hessian(f)(x)), [
  [4, 1],
  [1, 6],
])

// the Hessian-vector product without forming the Hessian, forward mode
// over reverse mode
const v = Matrix.column([1, 1])
assert.deepEqual(Matrix.toArray(hvp(f)(x, v)), [5, 7])
