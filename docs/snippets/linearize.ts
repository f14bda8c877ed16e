import assert from 'node:assert/strict'
import {
  Matrix,
  jvp,
  linearTranspose,
  linearize,
  matmul,
  tanh,
  vjp,
} from 'nabla'

const x = Matrix.column([0.5, -1])
const f = (w: Matrix): Matrix => tanh(matmul(w, x))
const w = Matrix.fromRows([
  [1, 2],
  [0.5, -0.5],
])

// f runs once; J applies its derivative to any number of tangents without running f again
const [y, J] = linearize(f)(w)
const u = Matrix.fromRows([
  [1, 0],
  [0, 1],
])
assert.deepEqual(Matrix.toArray(J(u)), Matrix.toArray(jvp(f)(w, u)[1]))
assert.deepEqual(Matrix.toArray(y), Matrix.toArray(f(w)))

// the transpose of that linear map is the pullback of f
const c = Matrix.column([1, 2])
const fromTranspose = Matrix.toArray(linearTranspose(J, w)(c))
const fromVjp = Matrix.toArray(vjp(f)(w)[1](c))
fromTranspose.forEach((v, i) => {
  assert.ok(Math.abs(v - (fromVjp[i] as number)) <= 1e-15)
})
