import assert from 'node:assert/strict'
import {
  Matrix,
  grad,
  matmul,
  mean,
  square,
  sub,
  valueAndGrad,
} from 'nabla'

const x = Matrix.fromRows([
  [1, 2],
  [3, 4],
])
const y = Matrix.identity(2)

// the function returns [loss, aux]: only the loss is differentiated,
// aux comes back as plain values
interface Aux {
  readonly predictions: Matrix
}
const step = (w: Matrix): readonly [number, Aux] => {
  const predictions = matmul(w, x)
  return [mean(square(sub(predictions, y))), { predictions }]
}

const w = Matrix.scale(Matrix.identity(2), 0.5)
const [g, { predictions }] = grad(step, { hasAux: true })(w)
const [[loss, aux], g2] = valueAndGrad(step, { hasAux: true })(w)

assert.deepEqual(Matrix.toRows(predictions), [
  [0.5, 1],
  [1.5, 2],
])
assert.equal(loss, (0.25 + 1 + 2.25 + 1) / 4)
// matrices compare with Matrix.Eq (Node's deepEqual sees only their shape)
assert.ok(Matrix.Eq.equals(aux.predictions, predictions))
assert.ok(Matrix.Eq.equals(g2, g))
