/**
 * Laws of the model codec (`modelCodec`, `encodeModel`, `decodeModel`):
 * every model — NaN, ±∞ and −0 weights included — is written as JSON that
 * reads back bit for bit, and no input, however hostile, makes decoding
 * throw, accept something it would write differently, or report without
 * bound.
 *
 * @module
 */
import * as fc from 'fast-check'
import { either as E } from 'fp-ts'
import { Matrix, activations, costs, decodeModel, encodeModel, modelCodec, type Model } from '../../src/index.js'
import type { Law } from '../law.js'
import { boundaryLaws, codecRoundTripsBitForBit } from '../codec.js'

/** Constraints of {@link anyModel}. @category arbitraries */
export interface ModelConstraints {
  /** Most layers (default 3). */
  readonly maxLayers?: number
  /** Largest width of any layer, input included (default 3; widths start at 0). */
  readonly maxWidth?: number
}

/**
 * Models of any shape nabla can write: 1 to 3 layers of widths 0 to 3 (empty
 * layers included), any activation per layer, any cost, and weights and
 * biases that are any float64 at all — NaN, ±∞, −0 and subnormals included,
 * as a diverged run leaves them.
 *
 * @category arbitraries
 */
export const anyModel = (constraints: ModelConstraints = {}): fc.Arbitrary<Model> => {
  const width = fc.integer({ min: 0, max: constraints.maxWidth ?? 3 })
  const matrix = (rows: number, cols: number): fc.Arbitrary<Matrix> =>
    fc
      .array(fc.double(), { minLength: rows * cols, maxLength: rows * cols })
      .map((xs) => Matrix.fromArray(rows, cols, xs))
  return fc
    .array(width, { minLength: 2, maxLength: (constraints.maxLayers ?? 3) + 1 })
    .chain((sizes) =>
      fc.record({
        layers: fc.tuple(
          ...sizes.slice(1).map((n, i) =>
            fc.record({
              w: matrix(n, sizes[i] ?? 0),
              b: matrix(n, 1),
              activation: fc.constantFrom(...Object.values(activations)),
            }),
          ),
        ),
        cost: fc.constantFrom(...Object.values(costs)),
      }),
    )
    .map(({ layers, cost }) => ({ network: { layers }, cost }))
}

const identicalMatrix = (a: Matrix, b: Matrix): boolean => {
  const ys = Matrix.toArray(b)
  return a.rows === b.rows && a.cols === b.cols && Matrix.toArray(a).every((x, i) => Object.is(x, ys[i]))
}

/**
 * Whether two models are the same model: the same cost and activations
 * (nabla's own, by identity), and every weight and bias the same float64 as
 * far as `Object.is` sees.
 *
 * @category laws
 */
export const identicalModels = (a: Model, b: Model): boolean =>
  a.cost === b.cost &&
  a.network.layers.length === b.network.layers.length &&
  a.network.layers.every((l, i) => {
    const m = b.network.layers[i]
    return m !== undefined && l.activation === m.activation && identicalMatrix(l.w, m.w) && identicalMatrix(l.b, m.b)
  })

/**
 * `decodeModel(JSON.parse(encodeModel(model)))` is the model itself, bit for
 * bit (see {@link identicalModels}), for every model of {@link anyModel}:
 * the text `encodeModel` writes is never one that will not load.
 *
 * @category laws
 */
export const encodeModelRoundTrips = (constraints: ModelConstraints = {}): Law<Model> => ({
  name: 'encodeModelRoundTrips',
  arbitrary: anyModel(constraints),
  holds: (model) => {
    const back = decodeModel(JSON.parse(encodeModel(model)))
    return E.isRight(back) && identicalModels(back.right, model)
  },
})

/**
 * Every law of the model codec: {@link encodeModelRoundTrips}, and the
 * boundary laws of `nabla/laws`'s codec module applied to `modelCodec` —
 * a bit-exact round trip, hostile JSON, edits of valid encodings, and
 * bounded reports.
 *
 * @category laws
 */
export const modelCodecLaws = (constraints: ModelConstraints = {}): ReadonlyArray<Law<never>> => {
  const models = anyModel(constraints)
  return [
    encodeModelRoundTrips(constraints),
    codecRoundTripsBitForBit({ codec: modelCodec, arbitrary: models, identical: identicalModels }),
    ...boundaryLaws({ codec: modelCodec, valid: models }),
  ] as unknown as ReadonlyArray<Law<never>>
}
