import assert from 'node:assert/strict'
import { Matrix, add, grad, square, sub, sum } from 'nabla'
import { Optim, Schedule } from 'nabla/train'

// f(p) = ‖w − t‖² + (b − 3)², a bowl with its bottom at w = t, b = 3
const t = Matrix.row([1, -2])
const f = (p: { w: Matrix; b: number }): number =>
  add(sum(square(sub(p.w, t))), square(sub(p.b, 3)))

// an optimizer is a value: init builds a state, update maps gradients to updates
const lambda = 1e-4
const optimizer = Optim.chain(
  Optim.weightDecay(lambda), // g + λp (L2 decay), then
  Optim.adam(Schedule.cosineDecaySchedule(0.1, 500)), // Adam, η from 0.1 down to 0
)
let params: { w: Matrix; b: number } = { w: Matrix.row([0, 0]), b: 0 }
let state = optimizer.init(params)
for (let step = 0; step < 500; step++) {
  const [updates, next] = optimizer.update(grad(f)(params), state, params)
  params = Optim.applyUpdates(params, updates) // p + update, leaf by leaf
  state = next
}

// the updates have the structure of the parameters: a number stays a number
assert.equal(typeof params.b, 'number')
// with the decay, the bottom is where 2(p − p*) + λp = 0: p = p*/(1 + λ/2)
const bottom = (target: number): number => target / (1 + lambda / 2)
assert.ok(Math.abs(params.b - bottom(3)) < 1e-6)
const w = Matrix.toArray(params.w)
assert.ok(
  Math.abs(w[0]! - bottom(1)) < 1e-6 && Math.abs(w[1]! - bottom(-2)) < 1e-6,
)
