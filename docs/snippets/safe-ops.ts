import assert from 'node:assert/strict'
import {
  Matrix,
  clip,
  expm1,
  grad,
  log1p,
  maximum,
  norm,
  sqrt,
  sum,
  where,
} from 'nabla'

// ln(1 + x) and eˣ − 1 keep the digits where 1 + x rounds to 1
assert.equal(log1p(1e-17), 1e-17) // Math.log(1 + 1e-17) is 0
assert.equal(expm1(1e-17), 1e-17)

// ‖x‖ has no derivative at 0; its gradient there is defined as 0,
// not the NaN of x/‖x‖
assert.deepEqual(
  Matrix.toArray(grad((v: Matrix) => norm(v))(Matrix.row([0, 0]))),
  [0, 0],
)
assert.deepEqual(
  Matrix.toArray(grad((v: Matrix) => norm(v))(Matrix.row([3, 4]))),
  [0.6, 0.8],
)

// at a tie, maximum's two operands share the derivative, ½ each
assert.equal(grad((v: number) => maximum(v, 0))(0), 0.5)
// clip passes the derivative inside the interval and stops it outside
assert.equal(grad((v: number) => clip(v, -1, 1))(0.3), 1)
assert.equal(grad((v: number) => clip(v, -1, 1))(2), 0)

// where(c, a, b) picks entries; a branch that is NaN where it is not picked
// still poisons the gradient through its own rule (0 · NaN = NaN) ...
const x = Matrix.row([4, -1])
const single = (v: Matrix) => sum(where(v, sqrt(v), 0))
assert.deepEqual(Matrix.toArray(grad(single)(x)), [0.25, NaN])
// ... so where(c, x, onTrue, onFalse) evaluates each branch only where
// it is taken (elsewhere at a point where it is): the "double where"
const double = (v: Matrix) => sum(where(v, v, sqrt, () => 0))
assert.deepEqual(Matrix.toArray(grad(double)(x)), [0.25, 0])
