import assert from 'node:assert/strict'
import { either as E } from 'fp-ts'
import {
  Matrix,
  checkGrads,
  customVjpWithResiduals,
  grad,
  logSumExp,
  mul,
  softmax,
} from 'nabla'

// log Σ exp(z): the forward rule also returns softmax(z), which is the
// gradient, so the backward rule only scales it by the cotangent
const lse = customVjpWithResiduals(
  (z: Matrix) => [logSumExp(z), softmax(z)] as const,
  (p, c) => mul(c, p),
)

const z = Matrix.column([0.5, -1, 2])
assert.ok(
  Matrix.getEqApprox({ rtol: 1e-15 }).equals(grad(lse)(z), softmax(z)),
)

// forward mode and second derivatives work too (the residuals are
// recomputed, from the traced input, only where an outer transform needs it)
assert.ok(E.isRight(checkGrads(lse, z, { order: 2 })))
