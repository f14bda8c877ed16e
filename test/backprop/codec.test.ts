import { describe, expect, it } from 'vitest'
import { test } from '@fast-check/vitest'
import { either as E } from 'fp-ts'
import { Matrix, decodeModel, encodeModel, modelCodec } from 'nabla'
import { networkCases } from 'nabla/laws'

const bits = (m: Matrix): ReadonlyArray<bigint> =>
  Array.from(new BigUint64Array(Float64Array.from(Matrix.toFloat64Array(m)).buffer))

describe('the model codec', () => {
  test.prop([networkCases()], { numRuns: 60 })(
    'encode then decode gives the same model, bit for bit',
    ({ network, cost }) => {
      const decoded = decodeModel(JSON.parse(encodeModel({ network, cost })))
      expect(E.isRight(decoded)).toBe(true)
      if (E.isLeft(decoded)) return
      expect(decoded.right.cost).toBe(cost)
      decoded.right.network.layers.forEach((l, i) => {
        const orig = network.layers[i]!
        expect(bits(l.w)).toEqual(bits(orig.w))
        expect(bits(l.b)).toEqual(bits(orig.b))
        expect(l.activation).toBe(orig.activation)
      })
    },
  )

  const good = {
    format: 'nabla-network',
    version: 1,
    cost: 'quadratic',
    layers: [
      {
        w: { rows: 3, cols: 2, data: [1, 2, 3, 4, 5, 6] },
        b: { rows: 3, cols: 1, data: [0, 0, 0] },
        activation: 'sigmoid',
      },
      { w: { rows: 1, cols: 3, data: [1, 1, 1] }, b: { rows: 1, cols: 1, data: [0] }, activation: 'identity' },
    ],
  }
  const refuse = (json: unknown, message: RegExp): void => {
    const decoded = decodeModel(json)
    expect(E.isLeft(decoded)).toBe(true)
    if (E.isLeft(decoded)) expect(decoded.left).toMatch(message)
  }

  it('accepts a well-formed model', () => {
    expect(E.isRight(decodeModel(good))).toBe(true)
  })
  it('refuses layer sizes that do not chain', () => {
    refuse(
      { ...good, layers: [good.layers[0], { ...good.layers[1], w: { rows: 1, cols: 2, data: [1, 1] } }] },
      /do not chain/,
    )
  })
  it('refuses a bias that is not a column of the layer height', () => {
    refuse(
      { ...good, layers: [{ ...good.layers[0], b: { rows: 2, cols: 1, data: [0, 0] } }, good.layers[1]] },
      /layers\/0: b is 2×1/,
    )
  })
  it('refuses non-finite and non-numeric values with their path', () => {
    refuse(
      {
        ...good,
        layers: [{ ...good.layers[0], w: { rows: 3, cols: 2, data: [1, 2, null, 4, 5, 6] } }, good.layers[1]],
      },
      /layers\/0\/w\/data\/2/,
    )
  })
  it('refuses unknown activation and cost names, and unknown versions', () => {
    refuse({ ...good, layers: [{ ...good.layers[0], activation: 'swish' }, good.layers[1]] }, /activation/)
    refuse({ ...good, cost: 'hinge' }, /cost/)
    refuse({ ...good, version: 2 }, /version/)
  })
  it('never throws, whatever it is given', () => {
    ;[undefined, null, 3, 'x', [], {}, { layers: 'no' }, { ...good, layers: [] }].forEach((u) => {
      expect(E.isLeft(modelCodec.decode(u))).toBe(true)
    })
  })
})
