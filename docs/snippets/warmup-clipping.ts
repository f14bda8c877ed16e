import assert from 'node:assert/strict'
import { Matrix, grad, square, sub, sum } from 'nabla'
import { Optim, Schedule } from 'nabla/train'

// f(w) = ‖w − t‖², with its bottom far from the start w = 0
const t = Matrix.row([30, -40])
const f = (w: Matrix): number => sum(square(sub(w, t)))

// warm up from 0 to 0.5 over 50 steps, then cosine decay to 0.001 at 1000
const lr = Schedule.warmupCosineDecaySchedule(0, 0.5, 50, 1000, 0.001)
assert.equal(lr(25), 0.25) // half-way up the ramp
assert.equal(lr(50), 0.5) // the peak, where ramp and cosine meet
assert.ok(Math.abs(lr(525) - 0.2505) < 1e-12) // half-way down
assert.ok(Math.abs(lr(1000) - 0.001) < 1e-15) // and flat after

// the first gradient 2(w − t) = (−60, 80) has norm 100: clipped to 1
const clip = Optim.clipByGlobalNorm(1)
const g = grad(f)(Matrix.zeros(1, 2))
assert.equal(Optim.globalNorm(g), 100)
const [clipped] = clip.update(g, clip.init(g), g)
const [x, y] = Matrix.toArray(clipped)
assert.ok(Math.abs(x! + 0.6) < 1e-15 && Math.abs(y! - 0.8) < 1e-15)

// clipping first, then RMSProp on the schedule (Optax's names: decay, eps)
const optimizer = Optim.chain(clip, Optim.rmsprop(lr, { decay: 0.9 }))
let w: Matrix = Matrix.zeros(1, 2)
let state = optimizer.init(w)
for (let step = 0; step < 1000; step++) {
  const [updates, next] = optimizer.update(grad(f)(w), state, w)
  w = Optim.applyUpdates(w, updates)
  state = next
}
const [w0, w1] = Matrix.toArray(w)
assert.ok(Math.abs(w0! - 30) < 0.01 && Math.abs(w1! + 40) < 0.01)
