import { describe, expect, it } from 'vitest'
import { fc } from '@fast-check/vitest'
import { Matrix, identityActivation, quadraticCost, type Network } from 'nabla'
import { dataset, regression, type Dataset } from 'nabla/dataset'
import { evaluate, evaluateRegression, predictClasses, rmse } from '../../src/train/namespaces/Evaluate.js'
import { right } from '../helpers/either.js'

/** A one-layer network of identity outputs, a = w x + b. */
const affine = (w: Matrix, b: Matrix): Network => ({ layers: [{ w, b, activation: identityActivation }] })

/** Relative agreement of two sums of the same terms added in different orders (≈ n ulps for n terms, n ≤ 40 here). */
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-13 * Math.max(Math.abs(a), Math.abs(b))

describe('rmse', () => {
  it('is √(mean squared error) in the units of the unscaled targets', () => {
    // errors of 0.05 and 0.08 on targets scaled by 1/100: 5 and 8 points
    const a = Matrix.fromRows([[0.8, 0.9]])
    const y = Matrix.fromRows([[0.75, 0.82]])
    expect(rmse(a, y, [100])).toBeCloseTo(Math.sqrt((5 * 5 + 8 * 8) / 2), 12)
    expect(rmse(a, y)).toBeCloseTo(Math.sqrt((0.05 ** 2 + 0.08 ** 2) / 2), 15)
    expect(rmse(y, y)).toBe(0)
  })

  it('weighs each target by its own scale and averages over every entry', () => {
    const a = Matrix.fromRows([[1], [1]])
    const y = Matrix.fromRows([[0], [0]])
    expect(rmse(a, y, [3, 4])).toBe(Math.sqrt((9 + 16) / 2))
  })

  it('refuses shapes that differ and scales of the wrong length', () => {
    expect(() => rmse(Matrix.zeros(1, 2), Matrix.zeros(1, 3))).toThrow('rmse: outputs 1×2 for targets 1×3')
    expect(() => rmse(Matrix.zeros(2, 1), Matrix.zeros(2, 1), [1])).toThrow('rmse: 1 target scales for 2 targets')
  })
})

/**
 * Entries in [−m, m] in steps of 1/1000: far from the subnormals, where the squares of the errors
 * would lose their digits and no two ways of summing them would agree.
 */
const entries = (m: number, length: number): fc.Arbitrary<ReadonlyArray<number>> =>
  fc.array(
    fc.integer({ min: -1000 * m, max: 1000 * m }).map((v) => v / 1000),
    { minLength: length, maxLength: length },
  )

/** Regression data of k targets and n examples from arbitrary entries, with an affine network k×d. */
const cases = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 8 }))
  .chain(([d, k, n]) =>
    fc.record({
      x: entries(10, d * n),
      y: entries(10, k * n),
      w: entries(2, k * d),
      b: entries(2, k),
      scale: fc.array(fc.double({ min: 0.5, max: 200, noNaN: true }), { minLength: k, maxLength: k }),
      chunk: fc.integer({ min: 1, max: n }),
      shape: fc.constant([d, k, n] as const),
    }),
  )
  .map(({ x, y, w, b, scale, chunk, shape: [d, k, n] }) => ({
    data: right(regression({ name: 'r', x: Matrix.fromArray(d, n, x), y: Matrix.fromArray(k, n, y) })),
    network: affine(Matrix.fromArray(k, d, w), Matrix.fromArray(k, 1, b)),
    scale,
    chunk,
    k,
  }))

describe('evaluateRegression', () => {
  it('gives RMSE = √(2C/k) with the quadratic cost and unscaled targets, in chunks of any size', () => {
    fc.assert(
      fc.property(cases, ({ data, network, chunk, k }) => {
        const whole = evaluateRegression(network, quadraticCost, data)
        const chunked = evaluateRegression(network, quadraticCost, data, { chunkSize: chunk })
        return (
          close(whole.rmse, Math.sqrt((2 * whole.cost) / k)) &&
          close(chunked.rmse, whole.rmse) &&
          close(chunked.cost, whole.cost) &&
          whole.total === data.x.cols
        )
      }),
      { numRuns: 200 },
    )
  })

  it("reports the RMSE of the outputs against the targets in the targets' units", () => {
    fc.assert(
      fc.property(cases, ({ data, network, scale }) => {
        const { rmse: scaled } = evaluateRegression(network, quadraticCost, data, { targetScale: scale })
        const out = Matrix.addColumn(Matrix.matmul(network.layers[0]!.w, data.x), network.layers[0]!.b)
        return close(scaled, rmse(out, data.y!, scale))
      }),
      { numRuns: 100 },
    )
  })

  const scores: Dataset = right(
    regression({ name: 'scores', x: Matrix.fromRows([[0.3, 0.5, 1]]), y: Matrix.fromRows([[0.75, 0.82, 0.93]]) }),
  )

  it('refuses a classifier data set, and a network whose outputs are not one per target', () => {
    const classifier = right(dataset({ name: 'c', x: Matrix.fromRows([[1]]), labels: [0], classes: 1 }))
    const one = affine(Matrix.fromRows([[1]]), Matrix.zeros(1, 1))
    expect(() => evaluateRegression(one, quadraticCost, classifier)).toThrow(
      "evaluateRegression: c is a classifier's data set (labels): use evaluate",
    )
    const two = affine(Matrix.fromRows([[1], [1]]), Matrix.zeros(2, 1))
    expect(() => evaluateRegression(two, quadraticCost, scores)).toThrow(
      'evaluateRegression: the network has 2 outputs for 1 targets',
    )
  })

  it('is the only evaluation of a regression data set: accuracy and predicted classes are refused', () => {
    const one = affine(Matrix.fromRows([[1]]), Matrix.zeros(1, 1))
    const message = 'scores is a regression data set (real-valued targets, no classes): use evaluateRegression'
    expect(() => evaluate(one, quadraticCost, scores)).toThrow(`evaluate: ${message}`)
    expect(() => predictClasses(one, scores)).toThrow(`predictClasses: ${message}`)
  })
})
