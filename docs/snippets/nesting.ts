import assert from 'node:assert/strict'
import { add, derivative, grad, mul } from 'nabla'

// f(x) = x³, f″(x) = 6x: reverse over reverse, forward over reverse,
// forward over forward; and f‴ = 6
const f = (x: number): number => mul(x, mul(x, x))
assert.equal(grad(grad(f))(2), 12)
assert.equal(derivative(grad(f))(2), 12)
assert.equal(derivative(derivative(f))(2), 12)
assert.equal(grad(grad(grad(f)))(2), 6)

// perturbation confusion: d/dx [x · d/dy (x + y)] = d/dx [x · 1] = 1.
// The inner function closes over the outer x; an implementation that lets
// the inner transform see the outer perturbation of x gets 2.
const inner = (x: number) => grad((y: number) => add(x, y))
const outer = (x: number): number => mul(x, inner(x)(1))
assert.equal(grad(outer)(3), 1)
assert.equal(derivative(outer)(3), 1)

// the same with forward mode inside and reverse mode outside
const mixed = (x: number): number =>
  mul(x, derivative((y: number) => add(x, y))(1))
assert.equal(grad(mixed)(3), 1)
