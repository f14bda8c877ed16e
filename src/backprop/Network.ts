import type { Matrix } from '../matrix/Matrix.js'
import type { Rng } from '../matrix/Random.js'
import { normal } from '../matrix/Random.js'
import { ShapeError } from '../matrix/ShapeError.js'
import type { Activation } from './Activation.js'

/**
 * One layer l of the textbook network: weights wˡ (nₗ × nₗ₋₁, row j holds
 * the weights into neuron j), biases bˡ (nₗ × 1) and its activation.
 * zˡ = wˡaˡ⁻¹ + bˡ and aˡ = σ(zˡ).
 *
 * @category network
 */
export interface Layer {
  readonly w: Matrix
  readonly b: Matrix
  readonly activation: Activation
}

/**
 * A feed-forward network: immutable data, its layers from input to output.
 * A gradient of the cost has exactly this type, with ∂C/∂wˡ and ∂C/∂bˡ in
 * place of wˡ and bˡ (the activations are carried along unchanged), which is
 * also what `grad` returns for a function of a network.
 *
 * @category network
 */
export interface Network {
  readonly layers: ReadonlyArray<Layer>
}

/** The layer sizes [n₀, n₁, …, n_L] of a network (n₀ is the input size). @category network */
export const sizes = (network: Network): ReadonlyArray<number> =>
  network.layers.length === 0 ? [] : [network.layers[0]?.w.cols ?? 0, ...network.layers.map((l) => l.w.rows)]

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
 *
 * @category network
 */
export const initNetwork = (
  layerSizes: ReadonlyArray<number>,
  activation: Activation | ReadonlyArray<Activation>,
  rng: Rng,
  init: WeightInit = 'scaled',
): readonly [Network, Rng] => {
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
  return [{ layers }, next]
}
