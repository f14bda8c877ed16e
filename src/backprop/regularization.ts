import { add, mul, square, sum } from '../ad/ops/index.js'
import type { Network } from './Network.js'

/**
 * The L2 penalty of Nielsen's chapter 3: (λ / 2n) Σ_w w², summed over every
 * weight (biases are not regularised), where n is the size of the whole
 * training set. Adding it to the cost gives C = C₀ + (λ/2n) Σ w².
 *
 * @category regularization
 */
export const l2Penalty = (network: Network, lambda: number, n: number): number =>
  network.layers.reduce<number>((s, layer) => add(s, mul(lambda / (2 * n), sum(square(layer.w)))), 0)

/**
 * The gradient of the regularised cost from that of the unregularised one:
 * ∂C/∂w = ∂C₀/∂w + (λ/n) w, and ∂C/∂b = ∂C₀/∂b — "weight decay".
 *
 * @category regularization
 */
export const addWeightDecay = (gradient: Network, network: Network, lambda: number, n: number): Network => ({
  layers: gradient.layers.map((g, i) => {
    const w = network.layers[i]?.w
    return w === undefined ? g : { ...g, w: add(g.w, mul(lambda / n, w)) }
  }),
})
