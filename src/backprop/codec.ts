import * as t from 'io-ts'
import { either as E } from 'fp-ts'
import { pipe } from 'fp-ts/lib/function.js'
import type { Matrix } from '../matrix/Matrix.js'
import { codec as matrixCodec, type MatrixJson } from '../matrix/codec.js'
import { decodeWith } from '../matrix/report.js'
import { activations, type ActivationName } from './Activation.js'
import { costs, type Cost, type CostName } from './Cost.js'
import type { Layer, Network } from './Network.js'

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

const keysOf = <K extends string>(record: Readonly<Record<K, unknown>>, name: string): t.Type<K, K> =>
  t.keyof(Object.fromEntries(Object.keys(record).map((k) => [k, null])) as Record<K, null>, name)

const ActivationNameC = keysOf(activations, 'ActivationName')
const CostNameC = keysOf(costs, 'CostName')

const LayerJsonC = t.type({ w: matrixCodec, b: matrixCodec, activation: ActivationNameC }, 'Layer')

const ModelJsonC = t.type(
  {
    format: t.literal('nabla-network'),
    version: t.literal(1),
    cost: CostNameC,
    layers: t.array(LayerJsonC, 'Layers'),
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
 * name. `decode` refuses — with a readable path and never a throw —
 * unknown activation or cost names, non-finite or missing numbers, biases
 * that are not columns of the layer's height, and layer sizes that do not
 * chain. `encode` then `decode` gives back the identical model (float64
 * values survive bit for bit).
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

/** A model as a JSON string. @category codec */
export const encodeModel = (model: Model): string => JSON.stringify(modelCodec.encode(model))
