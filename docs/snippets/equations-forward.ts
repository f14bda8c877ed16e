import assert from 'node:assert/strict'
import { Matrix, feedforward, mazurExample, networkCost, quadraticCost } from 'nabla'

// Mazur's network: inputs (0.05, 0.10), targets (0.01, 0.99)
const { network, x, y } = mazurExample
const { zs, as } = feedforward(network)(x)

const [outH1, outH2] = Matrix.toArray(as[1]!) // a¹ = σ(z¹), the hidden layer
const [outO1, outO2] = Matrix.toArray(as[2]!) // a² = σ(z²), the output
const cost = networkCost(quadraticCost)(network, x, y) // E_total = Σ ½(target − out)²

assert.equal(outH1!.toFixed(9), '0.593269992')
assert.equal(outH2!.toFixed(9), '0.596884378')
assert.equal(outO1!.toFixed(8), '0.75136507')
assert.equal(outO2!.toFixed(9), '0.772928465')
assert.equal(cost.toFixed(9), '0.298371109')
assert.equal(zs.length, 2)
