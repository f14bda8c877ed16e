import assert from 'node:assert/strict'
import { Matrix, clip, expm1, grad, log1p, maximum, norm } from 'nabla'

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
