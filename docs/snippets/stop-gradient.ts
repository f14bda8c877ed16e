import assert from 'node:assert/strict'
import { Matrix, div, grad, mul, stopGradient, sum } from 'nabla'

const w = Matrix.fromRows([
  [1, 2],
  [3, 4],
])

// inside a transform w is being differentiated: reading its raw entries
// would silently drop its derivative, so it throws, and says what to do
assert.throws(() => grad((m: Matrix) => Matrix.sum(m))(w), {
  name: 'TypeError',
  message: /2×2 matrix is being differentiated.*stopGradient\(x\)/,
})
// so does JavaScript arithmetic on a scalar being differentiated
assert.throws(() => grad((s: number) => s * s)(3), /JavaScript arithmetic/)

// stopGradient(x) is x as a constant: its entries can be read, and its
// derivative is zero. Here Σw / max(w) with the maximum held constant,
// so the gradient is 1/max(w) in every entry.
const g = grad((m: Matrix) => div(sum(m), Matrix.max(stopGradient(m))))(w)
assert.deepEqual(Matrix.toArray(g), [0.25, 0.25, 0.25, 0.25])

// d/ds [s · stopGradient(s)] = stopGradient(s) = s
assert.equal(grad((s: number) => mul(s, stopGradient(s)))(3), 3)
