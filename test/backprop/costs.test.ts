import { describe, expect, it } from 'vitest'
import {
  Matrix,
  backprop,
  crossEntropyCost,
  grad,
  logLikelihoodCost,
  networkCost,
  sigmoidActivation,
  softmaxActivation,
  xdivy,
  xlogy,
  type Cost,
  type Network,
} from 'nabla'
import { checkLaw, costLaws, costStaysFiniteWhereTheMathIs, lawReport } from 'nabla/laws'

/** A one-layer network whose weighted input is exactly z for the input x = [1]: w = z, b = 0. */
const oneLayer = (z: ReadonlyArray<number>, activation = sigmoidActivation): Network => ({
  layers: [{ w: Matrix.column(z), b: Matrix.zeros(z.length, 1), activation }],
})
const x1 = Matrix.fromRows([[1]])

describe('costs with their canonical output activation', () => {
  it.each(costLaws().map((law) => [law.name, law] as const))('%s', (_, law) => {
    const report = checkLaw(law, { numRuns: 300 })
    expect(report.failed, lawReport(law, report)).toBe(false)
  })

  it('cross-entropy of sigmoid([40, −40]) against the wrong labels is finite: softplus(40) + softplus(40) ≈ 80', () => {
    const net = oneLayer([40, -40])
    const y = Matrix.column([0, 1])
    const C = networkCost(crossEntropyCost)(net, x1, y)
    // softplus(40) = 40 + ln(1 + e⁻⁴⁰), and each wrong label costs that much
    expect(C).toBe(2 * (40 + Math.log1p(Math.exp(-40))))
    const g = grad((n: Network) => networkCost(crossEntropyCost)(n, x1, y))(net)
    const bp = backprop(net, crossEntropyCost)(x1, y)
    // ∂C/∂z = σ(z) − y = [1, −1] up to e⁻⁴⁰, by grad and by backprop
    expect(Matrix.toArray(g.layers[0]!.w)).toEqual([1, -1])
    expect(Matrix.toArray(bp.layers[0]!.w)).toEqual([1, -1])
  })

  it('log-likelihood of softmax at ±1000 is finite: −log softmax = 2000 for the wrong class', () => {
    const net = oneLayer([1000, -1000], softmaxActivation)
    const y = Matrix.column([0, 1])
    expect(networkCost(logLikelihoodCost)(net, x1, y)).toBe(2000)
    const g = grad((n: Network) => networkCost(logLikelihoodCost)(n, x1, y))(net)
    expect(Matrix.toArray(g.layers[0]!.w)).toEqual([1, -1])
  })

  it('xlogy and xdivy propagate a NaN even where x = 0', () => {
    expect(Number.isNaN(xlogy(0, Number.NaN))).toBe(true)
    expect(Number.isNaN(xdivy(0, Number.NaN))).toBe(true)
    expect(xlogy(0, 0)).toBe(0)
    expect(xdivy(0, 0)).toBe(0)
  })

  it('the finiteness law catches a cost computed from the activation, and shrinks it to one saturated output', () => {
    // the same cost without its form in z: C(σ(z), y) is all it has
    const { name, C, nablaA, canonical, delta } = crossEntropyCost
    const fromA: Cost = {
      name,
      C,
      nablaA,
      ...(canonical === undefined ? {} : { canonical }),
      ...(delta === undefined ? {} : { delta }),
    }
    const law = costStaysFiniteWhereTheMathIs(fromA)
    // a fixed seed, so that the shrunk size asserted is reproducible (over 40 seeds: one output in 34)
    const report = checkLaw(law, { seed: 1 })
    expect(report.failed).toBe(true)
    expect(Matrix.size(report.counterexample![0].z)).toBe(1)
  })
})
