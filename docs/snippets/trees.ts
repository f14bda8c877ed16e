import assert from 'node:assert/strict'
import { Matrix, add, grad, matmul, mean, mul, square, tanh } from 'nabla'

// parameters as a tree: records and arrays of matrices and numbers.
// Strings, booleans, functions and other values are static leaves:
// passed through unchanged, never differentiated.
const params = {
  layers: [
    { w: Matrix.fromRows([[0.5, -0.5]]), b: Matrix.scalar(0.1) },
    { w: Matrix.fromRows([[2]]), b: Matrix.scalar(0) },
  ],
  temperature: 0.5,
  activation: tanh,
  name: 'tiny',
} as const

const x = Matrix.fromRows([
  [1, 0],
  [0, 1],
])
const loss = (p: typeof params): number => {
  const [first, second] = p.layers
  const hidden = p.activation(add(matmul(first.w, x), first.b))
  const out = add(matmul(second.w, hidden), second.b)
  return mul(p.temperature, mean(square(out)))
}

const g = grad(loss)(params)

// the gradient has the same structure, shapes and static leaves
assert.deepEqual([g.layers[0].w.rows, g.layers[0].w.cols], [1, 2])
assert.deepEqual([g.layers[1].b.rows, g.layers[1].b.cols], [1, 1])
assert.equal(g.activation, tanh)
assert.equal(g.name, 'tiny')
// ∂L/∂temperature = mean(out²) = L / temperature
const expected = loss(params) / params.temperature
assert.ok(Math.abs(g.temperature - expected) < 1e-15)
