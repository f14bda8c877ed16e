import assert from 'node:assert/strict'
import {
  Matrix,
  grad,
  matmul,
  mean,
  square,
  sub,
  sum,
  tanh,
  trace,
  vmap,
} from 'nabla'

// a loss written for one example: x a 2×1 column, y a number
const loss = (w: Matrix, x: Matrix, y: number): number =>
  square(sub(sum(tanh(matmul(w, x))), y))
const w = Matrix.fromRows([[0.5, -1]])
// three examples, one per column (nabla's convention), and their targets
const xs = Matrix.fromRows([
  [1, 0, 2],
  [0, 1, 1],
])
const ys = [0.5, -0.5, 0]

// w shared (null), x by columns (1), y one number each ('each')
const losses = vmap(loss, { inAxes: [null, 1, 'each'] })(w, xs, ys)
assert.equal((losses as Matrix).cols, 3) // one loss per example, a 1×3 row

// per-example gradients: one 1×2 gradient per example
const perExample = vmap(grad(loss), {
  inAxes: [null, 1, 'each'],
  outAxes: 'each',
})(w, xs, ys) as ReadonlyArray<Matrix>
assert.equal(perExample.length, 3)
perExample.forEach((g, j) => {
  const x = Matrix.slice(xs, 0, 2, j, j + 1)
  assert.deepEqual(
    Matrix.toArray(g),
    Matrix.toArray(grad(loss)(w, x, ys[j]!)),
  )
})

// and vmap inside grad: the gradient of the mean loss over the batch
const batchLoss = (v: Matrix): number =>
  mean(vmap(loss, { inAxes: [null, 1, 'each'] })(v, xs, ys) as Matrix)
assert.equal(grad(batchLoss)(w).cols, 2)

// f runs once, on the whole batch: the traced program of vmap(loss) has one
// product w·X for the three examples, not three products
const traced = trace((x: Matrix) =>
  vmap(loss, { inAxes: [null, 1, 'each'] })(w, x, ys),
)(xs)
const names = traced.equations.map((e) => e.primitive.name)
assert.equal(names.filter((n) => n === 'matmul').length, 1)
assert.ok(!names.includes('slice')) // no example was cut out
