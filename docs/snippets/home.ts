import assert from 'node:assert/strict'
import { Matrix, grad, matmul, square, sub, sum } from 'nabla'

const x = Matrix.column([1, 2])
const y = Matrix.column([1, 0])

// an ordinary TypeScript function of a 2×2 matrix: L(w) = ‖wx − y‖²
const loss = (w: Matrix<2, 2>): number => sum(square(sub(matmul(w, x), y)))

// its gradient, a 2×2 matrix again: ∇L(w) = 2(wx − y)xᵀ
const g = grad(loss)(Matrix.identity(2))

assert.deepEqual(Matrix.toRows(g), [
  [0, 0],
  [4, 8],
])
