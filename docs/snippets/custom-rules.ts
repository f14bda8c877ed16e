import assert from 'node:assert/strict'
import { either as E } from 'fp-ts'
import { Matrix, add, checkGrads, customJvp, customVjp } from 'nabla'
import { derivative, div, grad, logSoftmax, mul, neg } from 'nabla'
import { softmax, sub, sum } from 'nabla'

// softmax cross-entropy of logits z against one-hot targets t, with the
// textbook gradient ∂C/∂z = softmax(z) − t given as a pullback
type Logits = readonly [Matrix, Matrix]
const crossEntropy = customVjp(
  ([z, t]: Logits): number => neg(sum(mul(t, logSoftmax(z)))),
  ([z, t], _c, cBar): Logits => [
    mul(cBar, sub(softmax(z), t)),
    mul(cBar, neg(logSoftmax(z))),
  ],
)

const z = Matrix.column([2, -1, 0.5])
const t = Matrix.column([0, 0, 1])
const [gz] = grad(crossEntropy)([z, t])
const close = Matrix.getEqApprox({ atol: 1e-15, rtol: 1e-12 })
assert.ok(close.equals(gz, Matrix.sub(softmax(z), t)))

// forward mode transposes the rule: jvp, hessian and checkGrads work on it
const loss = (logits: Matrix): number => crossEntropy([logits, t])
assert.ok(E.isRight(checkGrads(loss, z)))

// a JVP rule for a body in plain JavaScript: log(1 + x), whose derivative
// is 1/(1 + x)
const log1p = customJvp(
  (x: number) => Math.log1p(x),
  (x, v) => div(v, add(1, x)),
)
assert.equal(derivative(log1p)(1), 0.5) // forward mode uses the rule
assert.equal(grad(log1p)(1), 0.5) // reverse mode uses its transpose
assert.equal(grad(grad(log1p))(1), -0.25) // the rule is differentiable too
