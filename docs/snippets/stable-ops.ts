import assert from 'node:assert/strict'
import { Matrix, exp, grad, log, logSoftmax } from 'nabla'
import { sigmoid, softplus, sum } from 'nabla'

const z = Matrix.column([1000, -1000])

// the naive formulas overflow: e¹⁰⁰⁰ = ∞, so log(eᶻ / Σeᶻ) = log(∞/∞) = NaN
const naive = log(Matrix.scale(exp(z), 1 / Matrix.sum(exp(z))))
assert.ok(Number.isNaN(Matrix.get(naive, 0, 0)))

// nabla's are exact in the tails
assert.deepEqual(Matrix.toArray(sigmoid(z)), [1, 0])
assert.deepEqual(Matrix.toArray(softplus(z)), [1000, 0])
assert.deepEqual(Matrix.toArray(logSoftmax(z)), [0, -2000])

// and so are their derivatives: σ′(±1000) = 0, softplus′ = σ, and
// ∂/∂z Σ logSoftmax(z) = 1 − 2·softmax(z)
const gradient = (f: (v: Matrix) => Matrix): number[] =>
  Matrix.toArray(grad((v: Matrix) => sum(f(v)))(z))
assert.deepEqual(gradient(sigmoid), [0, 0])
assert.deepEqual(gradient(softplus), [1, 0])
assert.deepEqual(gradient(logSoftmax), [-1, 1])
