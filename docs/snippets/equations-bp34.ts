import assert from 'node:assert/strict'
import {
  Matrix,
  backprop,
  biasGradient,
  feedforward,
  mazurExample,
  outputError,
  quadraticCost,
  weightGradient,
} from 'nabla'

const { network, x, y } = mazurExample
const { zs, as } = feedforward(network)(x)
const deltaL = outputError(network.layers[1]!.activation, zs[1]!, quadraticCost.nablaA(as[2]!, y))

// BP3: ∂C/∂bᴸ = δᴸ, and BP4: ∂C/∂wᴸ = δᴸ (aᴸ⁻¹)ᵀ
const dB = biasGradient(deltaL)
const dW = weightGradient(deltaL, as[1]!)

// Mazur's ∂E/∂w5, the weight from h1 into o1
assert.equal(Matrix.get(dW, 0, 0).toFixed(9), '0.082167041')

// backprop composes exactly these: BP1, BP2 right to left, then BP3 and BP4 at every layer
const g = backprop(network, quadraticCost)(x, y)
assert.deepEqual(Matrix.toArray(g.layers[1]!.b), Matrix.toArray(dB))
assert.deepEqual(Matrix.toArray(g.layers[1]!.w), Matrix.toArray(dW))
// and Mazur's ∂E/∂w1, the weight from i1 into h1, two equations further back
assert.equal(Matrix.get(g.layers[0]!.w, 0, 0).toFixed(9), '0.000438568')
