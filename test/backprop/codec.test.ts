import { describe, expect, it } from 'vitest'
import { test } from '@fast-check/vitest'
import { either as E } from 'fp-ts'
import { Matrix, decodeModel, encodeModel, modelCodec, quadraticCost, sigmoidActivation, type Model } from 'nabla'
import { REPORT_MAX_LINE, REPORT_MAX_LINES, modelCodecLaws, networkCases } from 'nabla/laws'
import { testLaw } from '../matrix/prop.js'

const bits = (m: Matrix): ReadonlyArray<bigint> => Array.from(new BigUint64Array(Matrix.toFloat64Array(m).buffer))

describe('the laws of the model codec', () => {
  modelCodecLaws().forEach((law) => {
    testLaw(law, 100)
  })
})

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

  it('writes NaN, ±∞ and −0 weights as strings, and reads them back bit for bit', () => {
    const w = Matrix.fromRows([[Number.NaN, Infinity, -Infinity, -0]])
    const model: Model = {
      network: { layers: [{ w, b: Matrix.fromRows([[Number.NaN]]), activation: sigmoidActivation }] },
      cost: quadraticCost,
    }
    const text = encodeModel(model)
    expect(text).toContain('"data":["NaN","Infinity","-Infinity","-0"]')
    const back = decodeModel(JSON.parse(text))
    expect(E.isRight(back) && bits(back.right.network.layers[0]!.w)).toEqual(bits(w))
  })

  it('refuses prototype names as activation and cost names', () => {
    refuse(
      { ...good, cost: 'constructor' },
      /cost: expected one of "quadratic", "crossEntropy", "logLikelihood" \(got "constructor"\)/,
    )
    refuse(
      { ...good, layers: [{ ...good.layers[0], activation: 'toString' }, good.layers[1]] },
      /layers\/0\/activation: expected one of/,
    )
    refuse(JSON.parse('{"format":"nabla-network","version":1,"cost":"__proto__","layers":[]}'), /cost: expected one of/)
  })

  it('refuses unknown and missing keys instead of dropping or defaulting them', () => {
    refuse(
      { ...good, comment: 'hi' },
      /^invalid Model:\n {2}comment: unknown key \(expected only format, version, cost, layers\)/,
    )
    refuse({ ...good, layers: [{ ...good.layers[0], act: 'relu' }, good.layers[1]] }, /layers\/0\/act: unknown key/)
    const noCost = Object.fromEntries(Object.entries(good).filter(([k]) => k !== 'cost'))
    refuse(noCost, /^invalid Model:\n {2}cost: missing$/)
  })

  it('reports 100,000 empty layers in a few lines, at the first bad layer', () => {
    const decoded = decodeModel({ ...good, layers: Array.from({ length: 100_000 }, () => ({})) })
    expect(decoded).toEqual(
      E.left('invalid Model:\n  layers/0/w: missing\n  layers/0/b: missing\n  layers/0/activation: missing'),
    )
  })

  it('keeps every report within its bounds, however bad the input', () => {
    const deep = JSON.parse(`${'{"layers":'.repeat(5000)}1${'}'.repeat(5000)}`) as unknown
    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`${'k'.repeat(500)}${String(i)}`, i]))
    ;[deep, wide, { ...good, layers: 'x'.repeat(1e6) }].forEach((u) => {
      const decoded = decodeModel(u)
      expect(E.isLeft(decoded)).toBe(true)
      if (E.isLeft(decoded)) {
        const lines = decoded.left.split('\n')
        expect(lines.length).toBeLessThanOrEqual(REPORT_MAX_LINES)
        lines.forEach((line) => {
          expect(line.length).toBeLessThanOrEqual(REPORT_MAX_LINE)
        })
      }
    })
  })

  it("will not write a custom activation or cost under one of nabla's names (it would load as nabla's)", () => {
    const layer = { w: Matrix.zeros(1, 1), b: Matrix.zeros(1, 1), activation: sigmoidActivation }
    const fake = { ...sigmoidActivation, sigma: (z: Matrix) => z }
    expect(() => encodeModel({ network: { layers: [{ ...layer, activation: fake }] }, cost: quadraticCost })).toThrow(
      /^encodeModel: not written, since the activation of layer 0 is named "sigmoid" but is not nabla's/,
    )
    expect(() => encodeModel({ network: { layers: [layer] }, cost: { ...quadraticCost, C: () => 0 } })).toThrow(
      /its cost is named "quadratic" but is not nabla's/,
    )
    // a copy of nabla's own activation is nabla's activation
    expect(() =>
      encodeModel({ network: { layers: [{ ...layer, activation: { ...sigmoidActivation } }] }, cost: quadraticCost }),
    ).not.toThrow()
  })

  it('will not write layers that do not chain (they would not load)', () => {
    const layer = { w: Matrix.zeros(1, 1), b: Matrix.zeros(2, 1), activation: sigmoidActivation }
    expect(() => encodeModel({ network: { layers: [layer] }, cost: quadraticCost })).toThrow(
      /^encodeModel: not written, since it would not load back: invalid Model:\n {2}\(root\): layers\/0: b is 2×1/,
    )
  })
})
