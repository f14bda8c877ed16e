import assert from 'node:assert/strict'
import { Matrix, feedforward, hiddenError, mazurExample, outputError, quadraticCost } from 'nabla'

const { network, x, y } = mazurExample
const { zs, as } = feedforward(network)(x)
const [hidden, output] = network.layers as [(typeof network.layers)[0], (typeof network.layers)[0]]
const deltaL = outputError(output.activation, zs[1]!, quadraticCost.nablaA(as[2]!, y))

// BP2: δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ), the hidden layer's error from the output's
const delta1 = hiddenError(output.w, deltaL, hidden.activation, zs[0]!)

// Mazur: ∂E/∂out_h1 = 0.036350306 and ∂out_h1/∂net_h1 = 0.241300709, so δ_h1 is their product
assert.equal(Matrix.get(delta1, 0, 0).toFixed(9), (0.036350306 * 0.241300709).toFixed(9))
