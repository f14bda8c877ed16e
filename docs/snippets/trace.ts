import assert from 'node:assert/strict'
import {
  Matrix,
  evalTraced,
  grad,
  matmul,
  showTraced,
  sum,
  tanh,
  trace,
} from 'nabla'

const x = Matrix.column([2, 1])
const f = (w: Matrix): number => sum(tanh(matmul(w, x)))
const w = Matrix.fromRows([[0.5, -0.25]])

// the program f runs at w, as a value: inputs, equations, outputs
const program = trace(f)(w)
assert.equal(
  showTraced(program),
  [
    '{ lambda a:1×2 .',
    '  let b:1×1 = matmul[ta=false tb=false] a [[2], [1]]',
    '      c:1×1 = tanh b',
    '      d:scalar = sum c',
    '  in d }',
  ].join('\n'),
)
// replaying it gives the function's value, bit for bit
assert.equal(evalTraced(program)(w), f(w))

// the gradient's program: the backward pass is equations too
const backward = showTraced(trace(grad(f))(w))
assert.match(backward, /= tanh b/) // the forward pass
assert.match(backward, /= sub 1 /) // tanh′ = 1 − tanh²
assert.match(backward, /matmul\[ta=false tb=true\]/) // BP4's δ·xᵀ
