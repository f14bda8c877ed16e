import assert from 'node:assert/strict'
import { Matrix, ShapeError, grad, matmul, square, sum } from 'nabla'

const w = Matrix.fromRows([
  [0.1, 0.5],
  [-0.3, 0.8],
]) // Matrix<2, 2>
const x = Matrix.column([0.2, 0.4]) // Matrix<2, 1>: one example, as a column
const f = (p: Matrix) => sum(square(matmul(p, x))) // ‖Wx‖², an ordinary function
console.log(Matrix.toRows(grad(f)(w))) // 2q·xᵀ = [[0.088, 0.176], [0.104, 0.208]] (CS231n)

// 2×1 times 2×2: the inner dimensions differ, so this does not compile, and it would throw
// @ts-expect-error the shapes are literal types: Matrix<2, 1> cannot multiply Matrix<2, 2>
assert.throws(() => matmul(x, w), ShapeError)
