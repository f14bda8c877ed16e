import type { Matrix } from '../matrix/Matrix.js'
import type { Rng } from '../matrix/Random.js'
import { normal } from '../matrix/Random.js'
import { ShapeError } from '../matrix/ShapeError.js'
import type { ShapeMismatch } from '../matrix/ShapeMismatch.js'
import type { Activation } from './Activation.js'

/**
 * One layer l of the textbook network: weights wˡ (nₗ × nₗ₋₁, row j holds
 * the weights into neuron j), biases bˡ (nₗ × 1) and its activation.
 * zˡ = wˡaˡ⁻¹ + bˡ and aˡ = σ(zˡ).
 *
 * `In` and `Out` are optional literal sizes nₗ₋₁ and nₗ: a `Layer<784, 30>`
 * has a `Matrix<30, 784>` of weights and biases of 30 rows, and the compiler
 * checks every product and sum they enter. (The biases' column count stays
 * plain `number`, so that a layer built from matrices of sizes known only
 * at run time needs no cast; it is checked at run time.) Plain `Layer` has
 * plain matrices.
 *
 * @category network
 */
export interface Layer<In extends number = number, Out extends number = number> {
  readonly w: Matrix<Out, In>
  readonly b: Matrix<Out>
  readonly activation: Activation
}

/**
 * A feed-forward network: immutable data, its layers from input to output.
 * A gradient of the cost has exactly this type, with ∂C/∂wˡ and ∂C/∂bˡ in
 * place of wˡ and bˡ (the activations are carried along unchanged), which is
 * also what `grad` returns for a function of a network.
 *
 * `Ls` is optional: a tuple of typed layers such as
 * `Network<readonly [Layer<784, 30>, Layer<30, 10>]>`, the type `Layers`
 * builds from the sizes [784, 30, 10] and what {@link initNetwork} returns
 * for literal sizes. Plain `Network` has an array of plain layers, and every
 * typed network is one.
 *
 * @category network
 */
export interface Network<Ls extends ReadonlyArray<Layer> = ReadonlyArray<Layer>> {
  readonly layers: Ls
}

/**
 * The layers of a network of sizes [n₀, n₁, …, n_L]: `Layer<nₗ₋₁, nₗ>` for
 * l = 1…L, a tuple for a tuple of sizes (empty for fewer than two), an array
 * of plain layers for an array of sizes.
 *
 * @category network
 */
export type Layers<Sizes extends ReadonlyArray<number>> = number extends Sizes['length']
  ? ReadonlyArray<Layer>
  : Sizes extends readonly [
        infer In extends number,
        infer Out extends number,
        ...infer Rest extends ReadonlyArray<number>,
      ]
    ? readonly [Layer<In, Out>, ...Layers<readonly [Out, ...Rest]>]
    : readonly []

/** The sizes [n₀, n₁, …, n_L] of a tuple of layers (none for no layers), or plain numbers. */
type SizesOf<Ls extends ReadonlyArray<Layer>> = number extends Ls['length']
  ? ReadonlyArray<number>
  : Ls extends readonly [infer First extends Layer, ...ReadonlyArray<Layer>]
    ? readonly [First['w']['cols'], ...{ readonly [I in keyof Ls]: Ls[I]['w']['rows'] }]
    : readonly []

/** At least two literal sizes (an input and one layer): `unknown`, or the mismatch that says so. */
type SizesRule<Sizes extends ReadonlyArray<number>> = Sizes extends readonly []
  ? ShapeMismatch<'initNetwork', 'a network needs at least two layer sizes, got []'>
  : Sizes extends readonly [infer N extends number]
    ? ShapeMismatch<'initNetwork', `a network needs at least two layer sizes, got [${N}]`>
    : unknown

/** The layer sizes [n₀, n₁, …, n_L] of a network (n₀ is the input size). @category network */
export const sizes = <Ls extends ReadonlyArray<Layer>>(network: Network<Ls>): SizesOf<Ls> =>
  (network.layers.length === 0
    ? []
    : [network.layers[0]?.w.cols ?? 0, ...network.layers.map((l) => l.w.rows)]) as unknown as SizesOf<Ls>

/** How the initial weights are scaled. @category network */
export type WeightInit = 'standard' | 'scaled'

/**
 * A network with layer sizes `sizes` and the given activation per layer
 * (one activation for every layer, or an array with one per layer), its
 * parameters drawn from the explicit generator state:
 *
 * - `'standard'` (Nielsen, chapter 1): wˡ and bˡ ~ N(0, 1);
 * - `'scaled'` (Nielsen, chapter 3): wˡ ~ N(0, 1/nₗ₋₁), bˡ ~ N(0, 1), which
 *   keeps z of order 1 so sigmoid neurons do not start saturated.
 *
 * Returns the network and the next generator state. Same state, same network, bit for bit.
 * Literal sizes give a typed network: `initNetwork([784, 30, 10], …)` returns
 * a `Network<readonly [Layer<784, 30>, Layer<30, 10>]>`; fewer than two
 * literal sizes do not compile.
 *
 * @category network
 */
export const initNetwork = <const Sizes extends ReadonlyArray<number>>(
  layerSizes: Sizes & SizesRule<Sizes>,
  activation: Activation | ReadonlyArray<Activation>,
  rng: Rng,
  init: WeightInit = 'scaled',
): readonly [Network<Layers<Sizes>>, Rng] => {
  const pairs = layerSizes.slice(1).map((n, i) => [layerSizes[i] as number, n] as const)
  if (pairs.length === 0) {
    throw new ShapeError('initNetwork', [], `a network needs at least two layer sizes, got [${layerSizes.join(', ')}]`)
  }
  const acts = 'name' in activation ? pairs.map(() => activation) : activation
  if (acts.length !== pairs.length) {
    throw new ShapeError(
      'initNetwork',
      [],
      `${String(pairs.length)} layers need ${String(pairs.length)} activations, got ${String(acts.length)}`,
    )
  }
  const [layers, next] = pairs.reduce<readonly [ReadonlyArray<Layer>, Rng]>(
    ([done, r], [nIn, nOut], i) => {
      const [w, r1] = normal(nOut, nIn, r, { std: init === 'scaled' ? 1 / Math.sqrt(nIn) : 1 })
      const [b, r2] = normal(nOut, 1, r1)
      return [[...done, { w, b, activation: acts[i] as Activation }], r2]
    },
    [[], rng],
  )
  return [{ layers: layers as Layers<Sizes> }, next]
}
