import assert from 'node:assert/strict'
import { Matrix, feedforward, mazurExample, outputError, quadraticCost } from 'nabla'

const { network, x, y } = mazurExample
const { zs, as } = feedforward(network)(x)
const output = network.layers[1]!

// BP1: δᴸ = ∇ₐC ⊙ σ′(zᴸ)
const nablaA = quadraticCost.nablaA(as[2]!, y) // ∂E/∂out = out − target
const deltaL = outputError(output.activation, zs[1]!, nablaA)

// Mazur's δ_o1 = ∂E/∂out_o1 · ∂out_o1/∂net_o1 = 0.74136507 · 0.186815602
assert.equal(Matrix.get(deltaL, 0, 0).toFixed(9), '0.138498562')
