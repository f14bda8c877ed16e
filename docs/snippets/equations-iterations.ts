import assert from 'node:assert/strict'
import { backprop, mazurExample, mul, networkCost, quadraticCost, sub, type Network } from 'nabla'

const { network, x, y, eta } = mazurExample
const error = networkCost(quadraticCost)

// the textbook algorithm: the whole gradient at the current weights, then
// w ← w − η ∂E/∂w (Mazur leaves the biases alone)
const update = (net: Network): Network => {
  const g = backprop(net, quadraticCost)(x, y)
  return {
    layers: net.layers.map((l, i) => ({
      ...l,
      w: sub(l.w, mul(eta, g.layers[i]!.w)),
    })),
  }
}
// the error after each of 10,000 updates, of which we keep the last two
const { last } = Array.from({ length: 10_000 }).reduce<{
  net: Network
  last: readonly number[]
}>(
  ({ net, last }) => {
    const next = update(net)
    return { net: next, last: [last[1] ?? Number.NaN, error(next, x, y)] }
  },
  { net: network, last: [] },
)

// his 0.0000351085 "after 10,000 repetitions" is the error after 9,999
// updates: the error of round 10,000's forward pass, taken before that
// round's update
assert.equal(last[0]!.toFixed(10), '0.0000351085') // after 9,999
assert.equal(last[1]!.toFixed(10), '0.0000351019') // after 10,000
