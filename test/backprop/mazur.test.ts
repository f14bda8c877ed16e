import { describe, expect, it } from 'vitest'
import {
  Matrix,
  backprop,
  feedforward,
  hiddenError,
  mazurExample,
  networkCost,
  outputError,
  quadraticCost,
  sub,
  mul,
} from 'nabla'
import type { Network } from 'nabla'

// Matt Mazur, "A Step by Step Backpropagation Example" (2015),
// https://mattmazur.com/2015/03/17/a-step-by-step-backpropagation-example/
// Every published number is checked to the digits it was printed with: the value, rounded to
// that many decimals, must print as the published string.
const printedAs = (value: number, published: string): void => {
  const decimals = published.split('.')[1]?.length ?? 0
  expect(value.toFixed(decimals)).toBe(published)
}

const { network, x, y, eta } = mazurExample
const [w1, w2, w3, w4] = Matrix.toArray(network.layers[0]!.w)
const [w5, w6, w7, w8] = Matrix.toArray(network.layers[1]!.w)

/** Mazur's computation written out neuron by neuron, as in the post: the reference for exact float64 values. */
const byHand = () => {
  const s = (v: number): number => 1 / (1 + Math.exp(-v))
  const [i1, i2] = [0.05, 0.1]
  const outH1 = s(w1! * i1 + w2! * i2 + 0.35)
  const outH2 = s(w3! * i1 + w4! * i2 + 0.35)
  const outO1 = s(w5! * outH1 + w6! * outH2 + 0.6)
  const outO2 = s(w7! * outH1 + w8! * outH2 + 0.6)
  return { outH1, outH2, outO1, outO2 }
}

const step = (net: Network, g: Network): Network => ({
  layers: net.layers.map((l, i) => ({ ...l, w: sub(l.w, mul(eta, g.layers[i]!.w)) })),
})

describe("Mazur's worked example", () => {
  const pass = feedforward(network)(x)
  const out = Matrix.toArray(pass.as[2]!)
  const hidden = Matrix.toArray(pass.as[1]!)

  it('forward pass: out_h1, out_h2, out_o1, out_o2 and E_total as published', () => {
    printedAs(hidden[0]!, '0.593269992')
    printedAs(hidden[1]!, '0.596884378')
    printedAs(out[0]!, '0.75136507')
    printedAs(out[1]!, '0.772928465')
    printedAs(networkCost(quadraticCost)(network, x, y), '0.298371109')
  })

  it('forward pass: bit-identical to the neuron-by-neuron formulas of the post', () => {
    const h = byHand()
    expect([...hidden, ...out]).toEqual([h.outH1, h.outH2, h.outO1, h.outO2])
  })

  const g = backprop(network, quadraticCost)(x, y)
  const dW2 = Matrix.toArray(g.layers[1]!.w)
  const dW1 = Matrix.toArray(g.layers[0]!.w)

  it('BP1: δ_o1 as published', () => {
    const deltaL = outputError(network.layers[1]!.activation, pass.zs[1]!, quadraticCost.nablaA(pass.as[2]!, y))
    printedAs(Matrix.toArray(deltaL)[0]!, '0.138498562')
  })

  it('BP4: ∂E/∂w5 and ∂E/∂w1 as published', () => {
    printedAs(dW2[0]!, '0.082167041')
    printedAs(dW1[0]!, '0.000438568')
  })

  it('one step of gradient descent with η = 0.5 gives the published weights', () => {
    const next = step(network, g)
    const [n5, n6, n7, n8] = Matrix.toArray(next.layers[1]!.w)
    const [n1, n2, n3, n4] = Matrix.toArray(next.layers[0]!.w)
    printedAs(n5!, '0.35891648')
    printedAs(n6!, '0.408666186')
    printedAs(n7!, '0.511301270')
    printedAs(n8!, '0.561370121')
    printedAs(n1!, '0.149780716')
    printedAs(n2!, '0.19956143')
    printedAs(n3!, '0.24975114')
    printedAs(n4!, '0.29950229')
  })

  it('the error after the update: 0.29102777369… by the algorithm, not the published 0.291027924', () => {
    const after = networkCost(quadraticCost)(step(network, g), x, y)
    printedAs(after, '0.29102777369')
    expect(after.toFixed(9)).not.toBe('0.291027924')
  })

  it('the published 0.291027924 is reproduced when BP2 uses the already-updated w5…w8', () => {
    // BP1 at the output, then update w²; then BP2 with the *new* w² — a slip the equations make visible
    const deltaL = outputError(network.layers[1]!.activation, pass.zs[1]!, quadraticCost.nablaA(pass.as[2]!, y))
    const w2Next = sub(network.layers[1]!.w, mul(eta, g.layers[1]!.w))
    const deltaHiddenStale = hiddenError(w2Next, deltaL, network.layers[0]!.activation, pass.zs[0]!)
    const w1Next = sub(network.layers[0]!.w, mul(eta, Matrix.matmulNT(deltaHiddenStale, x)))
    const published: Network = {
      layers: [
        { ...network.layers[0]!, w: w1Next },
        { ...network.layers[1]!, w: w2Next },
      ],
    }
    printedAs(networkCost(quadraticCost)(published, x, y), '0.291027924')
  })
})
