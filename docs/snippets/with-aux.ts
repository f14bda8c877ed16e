import assert from 'node:assert/strict'
import { Matrix, gradWithAux, matmul, mean, square, sub } from 'nabla'
import { valueAndGradWithAux } from 'nabla'

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
const [g, { predictions }] = gradWithAux(step)(w)
const [[loss, aux], g2] = valueAndGradWithAux(step)(w)

assert.deepEqual(Matrix.toRows(predictions), [
  [0.5, 1],
  [1.5, 2],
])
assert.equal(loss, (0.25 + 1 + 2.25 + 1) / 4)
assert.deepEqual(aux.predictions, predictions)
assert.deepEqual(g2, g)
