import assert from 'node:assert/strict'
import { either as E } from 'fp-ts'
import { checkGrads, customJvp, mul, sub, tanh, taylorTest } from 'nabla'

// tanh with a wrong derivative: 1 − tanh(x) instead of 1 − tanh²(x)
const badTanh = customJvp(
  (x: number) => Math.tanh(x),
  (x, v) => mul(v, sub(1, tanh(x))),
)

// checkGrads finds it and says where: the mode, the order, the coordinate,
// and the two numbers that disagree
const result = checkGrads(badTanh, 0.5)
assert.ok(E.isLeft(result))
assert.equal(result.left.mode, 'forward')
assert.equal(result.left.order, 1)
assert.equal(result.left.where, 'direction 0, output the scalar')
assert.match(
  result.left.message,
  /^forward-mode derivative of order 1 is wrong at direction 0, output/,
)

// reverse mode uses the transposed rule, so it is wrong too
const reverse = checkGrads(badTanh, 0.5, { modes: ['reverse'] })
assert.ok(E.isLeft(reverse) && reverse.left.where === 'input the scalar')

// and the step-free test sees a remainder that shrinks like h, not h²
assert.ok(E.isLeft(taylorTest(badTanh, 0.5, 1)))
