import * as t from 'io-ts'
import { either as E, function as F } from 'fp-ts'
import type { Matrix } from '../matrix/Matrix.js'
import { codec as matrixCodec, type MatrixJson } from '../matrix/codec.js'
import { arrayOf, oneOf, strictType } from '../matrix/json.js'
import { decodeWith } from '../matrix/report.js'
import { activations, type Activation, type ActivationName } from './Activation.js'
import { costs, type Cost, type CostName } from './Cost.js'
import type { Layer, Network } from './Network.js'

const { pipe } = F

/** A network together with the cost it is trained for. @category network */
export interface Model {
  readonly network: Network
  readonly cost: Cost
}

/** The JSON form of a {@link Model}, version 1. @category codec */
export interface ModelJson {
  readonly format: 'nabla-network'
  readonly version: 1
  readonly cost: CostName
  readonly layers: ReadonlyArray<{
    readonly w: MatrixJson
    readonly b: MatrixJson
    readonly activation: ActivationName
  }>
}

const namesOf = <K extends string>(record: Readonly<Record<K, unknown>>): ReadonlyArray<K> =>
  Object.keys(record) as ReadonlyArray<string> as ReadonlyArray<K>

const ActivationNameC = oneOf(namesOf(activations), 'ActivationName')
const CostNameC = oneOf(namesOf(costs), 'CostName')

const LayerJsonC = strictType({ w: matrixCodec, b: matrixCodec, activation: ActivationNameC }, 'Layer')

const ModelJsonC = strictType(
  {
    format: t.literal('nabla-network'),
    version: t.literal(1),
    cost: CostNameC,
    layers: arrayOf(LayerJsonC, 'Layers'),
  },
  'Model',
)

type DecodedLayer = t.TypeOf<typeof LayerJsonC>

/** Why a list of layers does not form a network, or undefined if it does. */
const chainError = (layers: ReadonlyArray<{ readonly w: Matrix; readonly b: Matrix }>): string | undefined => {
  if (layers.length === 0) return 'a network needs at least one layer'
  return layers.reduce<string | undefined>((err, { w, b }, i) => {
    if (err !== undefined) return err
    if (b.rows !== w.rows || b.cols !== 1) {
      return `layers/${String(i)}: b is ${String(b.rows)}×${String(b.cols)}, it must be ${String(w.rows)}×1 to match w (${String(w.rows)}×${String(w.cols)})`
    }
    const prev = layers[i - 1]
    if (prev !== undefined && prev.w.rows !== w.cols) {
      return `layers/${String(i)}: w takes ${String(w.cols)} inputs but layer ${String(i - 1)} has ${String(prev.w.rows)} outputs: the layer sizes do not chain`
    }
    return undefined
  }, undefined)
}

/**
 * An io-ts codec between JSON and a {@link Model}: versioned
 * (`format: 'nabla-network', version: 1`), with activation and cost by
 * name, and every weight and bias a `NumberJson` (so −0, NaN and ±∞ are
 * kept). `decode` refuses — with a readable path and never a throw —
 * unknown or missing keys, unknown activation or cost names, entries that
 * are not numbers, matrices beyond the limits of `Matrix.codec`, biases that
 * are not columns of the layer's height, and layer sizes that do not chain;
 * it stops at the first bad layer. `encode` then `decode` gives back the
 * identical model, bit for bit.
 *
 * @category codec
 */
export const modelCodec: t.Type<Model, ModelJson> = new t.Type<Model, ModelJson>(
  'Model',
  (u): u is Model => typeof u === 'object' && u !== null && 'network' in u && 'cost' in u,
  (u, c) =>
    pipe(
      ModelJsonC.validate(u, c),
      E.chain((json) => {
        const err = chainError(json.layers)
        return err === undefined
          ? t.success({
              cost: costs[json.cost],
              network: {
                layers: json.layers.map((l: DecodedLayer): Layer => ({
                  w: l.w,
                  b: l.b,
                  activation: activations[l.activation],
                })),
              },
            })
          : t.failure(u, c, err)
      }),
    ),
  (model) => ({
    format: 'nabla-network',
    version: 1,
    cost: model.cost.name,
    layers: model.network.layers.map((l) => ({
      w: matrixCodec.encode(l.w),
      b: matrixCodec.encode(l.b),
      activation: l.activation.name,
    })),
  }),
)

/** Decodes a model from parsed JSON: `Right(model)` or `Left(report)`. @category codec */
export const decodeModel: (u: unknown) => E.Either<string, Model> = decodeWith(modelCodec)

const sameActivation = (a: Activation, b: Activation): boolean =>
  a.sigma === b.sigma && a.sigmaPrime === b.sigmaPrime && a.elementwise === b.elementwise

const sameCost = (a: Cost, b: Cost): boolean =>
  a.C === b.C && a.nablaA === b.nablaA && a.canonical === b.canonical && a.delta === b.delta

/**
 * Why JSON of a model would not load back as the same model because a part of it is
 * not nabla's own: JSON keeps an activation or a cost by name only, so a custom one
 * under a known name would come back as nabla's. Undefined if every part is nabla's.
 */
export const foreignPart = (model: Model): string | undefined => {
  const { cost } = model
  if (!Object.hasOwn(costs, cost.name) || !sameCost(costs[cost.name], cost)) {
    return `its cost is named ${JSON.stringify(cost.name)} but is not nabla's cost of that name (JSON keeps only the name)`
  }
  const i = model.network.layers.findIndex(
    (l) =>
      !Object.hasOwn(activations, l.activation.name) || !sameActivation(activations[l.activation.name], l.activation),
  )
  const layer = model.network.layers[i]
  return layer === undefined
    ? undefined
    : `the activation of layer ${i} is named ${JSON.stringify(layer.activation.name)} but is not nabla's activation of that name (JSON keeps only the name)`
}

/**
 * A model as a JSON string, every number bit-exact (−0, NaN and ±∞ as the
 * strings of `NumberJson`), which {@link decodeModel} turns back into the
 * identical model. Throws a `TypeError` instead of writing JSON that would
 * not load back as this model: a custom activation or cost under one of
 * nabla's names, biases or layer sizes that do not fit, a matrix beyond the
 * codec's size limits.
 *
 * @category codec
 */
export const encodeModel = (model: Model): string => {
  const json = modelCodec.encode(model)
  const foreign = foreignPart(model)
  if (foreign !== undefined) throw new TypeError(`encodeModel: not written, since ${foreign}`)
  const check = decodeModel(json)
  if (E.isLeft(check)) throw new TypeError(`encodeModel: not written, since it would not load back: ${check.left}`)
  return JSON.stringify(json)
}
