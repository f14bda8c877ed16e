import assert from 'node:assert/strict'
import { either as E } from 'fp-ts'
import { Matrix, checkFinite, grad, mul, sqrt, sub, sum } from 'nabla'

// a distance with a gradient that is NaN where two points coincide
const target = Matrix.row([1, 2])
const distance = (p: Matrix): number =>
  sqrt(sum(mul(sub(p, target), sub(p, target))))

// unchecked, the NaN just comes out
const g = grad(distance)(target)
assert.ok(Matrix.toArray(g).every(Number.isNaN))

// checked, the first non-finite value is found and named
const checked = checkFinite(grad(distance))(target)
assert.ok(E.isLeft(checked))
const found = checked.left
assert.equal(found.op, 'div') // 1/(2√s) at s = 0
assert.equal(found.pass, 'the pullback (VJP) of sqrt')
assert.equal(found.value, Infinity) // the ∞ that then made the NaN
// "div produced +∞ as a scalar in the pullback (VJP) of sqrt, from operands
//  scalar (finite), scalar (finite); called at …/check-finite.ts:15:43"
assert.match(
  found.message,
  /^div produced \+∞ as a scalar in the pullback \(VJP\) of sqrt, /,
)
assert.match(found.callSite ?? '', /check-finite\.ts:15:\d+$/) // the line of the call

// where everything is finite, the result is the unchecked one, bit for bit
const p = Matrix.row([4, 6])
const elsewhere = checkFinite(grad(distance))(p)
assert.ok(E.isRight(elsewhere))
assert.deepEqual(
  Matrix.toArray(elsewhere.right),
  Matrix.toArray(grad(distance)(p)),
)
