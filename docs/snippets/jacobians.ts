import assert from 'node:assert/strict'
import {
  Matrix,
  add,
  jacfwd,
  jacrev,
  matmul,
  square,
  sum,
  tanh,
} from 'nabla'

// f(x) = A·(x ⊙ x), from ℝ² to ℝ²; its Jacobian is A·diag(2x)
const a = Matrix.fromRows([
  [1, 2],
  [3, 4],
])
const f = (x: Matrix): Matrix => matmul(a, square(x))
const x = Matrix.column([1, -1])

const expected = [
  [2, -4],
  [6, -8],
]
// one JVP per input entry, or one pullback per output entry
assert.deepEqual(Matrix.toRows(jacfwd(f)(x)), expected)
assert.deepEqual(Matrix.toRows(jacrev(f)(x)), expected)

// a function of a tree gives a tree of blocks: [∂y/∂w, ∂y/∂b] for y = Σ tanh(w·x + b)
const g = ([w, b]: readonly [Matrix, number]): number =>
  sum(tanh(add(matmul(w, x), b)))
const [dw, db] = jacrev(g)([a, 0.5])
assert.deepEqual([dw.rows, dw.cols], [2, 2]) // shaped like w
assert.equal(typeof db, 'number') // a number for the number b
// and the flat layout: one row (one output entry) by five columns (the four entries of w, then b)
assert.deepEqual(Matrix.shape(jacrev(g, { flat: true })([a, 0.5])), [1, 5])
