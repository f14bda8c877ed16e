import assert from 'node:assert/strict'
import {
  Matrix,
  backprop,
  feedforward,
  hiddenError,
  mazurExample,
  mul,
  networkCost,
  outputError,
  quadraticCost,
  sub,
  type Network,
} from 'nabla'

const { network, x, y, eta } = mazurExample
const g = backprop(network, quadraticCost)(x, y)

// one step of gradient descent, w ← w − η ∂C/∂w (Mazur leaves the biases alone)
const step = (net: Network, grads: Network): Network => ({
  layers: net.layers.map((l, i) => ({ ...l, w: sub(l.w, mul(eta, grads.layers[i]!.w)) })),
})
const updated = step(network, g)
assert.deepEqual(
  Matrix.toArray(updated.layers[1]!.w).map((w) => w.toFixed(8)),
  ['0.35891648', '0.40866619', '0.51130127', '0.56137012'],
)
assert.equal(Matrix.get(updated.layers[0]!.w, 0, 0).toFixed(9), '0.149780716')

// The algorithm's error after the update …
const after = networkCost(quadraticCost)(updated, x, y)
assert.equal(after.toFixed(11), '0.29102777369')

// … and the published 0.291027924, which comes out only if BP2 reads the *updated* w²
const { zs, as } = feedforward(network)(x)
const deltaL = outputError(network.layers[1]!.activation, zs[1]!, quadraticCost.nablaA(as[2]!, y))
const w2New = updated.layers[1]!.w
const deltaHiddenStale = hiddenError(w2New, deltaL, network.layers[0]!.activation, zs[0]!)
const w1Stale = sub(network.layers[0]!.w, mul(eta, Matrix.matmulNT(deltaHiddenStale, x)))
const published: Network = {
  layers: [
    { ...network.layers[0]!, w: w1Stale },
    { ...network.layers[1]!, w: w2New },
  ],
}
assert.equal(networkCost(quadraticCost)(published, x, y).toFixed(9), '0.291027924')
