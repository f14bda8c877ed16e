/**
 * Where the gradients come from: a {@link LossAndGrad} maps parameters and a
 * mini-batch to the loss and its gradient. Two sources: backpropagation for
 * textbook networks ({@link backpropLoss}), and reverse-mode `grad` of any
 * scalar loss over any tree of parameters ({@link lossAndGradOf}).
 *
 * @module
 */
import type { Matrix } from '../matrix/Matrix.js'
import { valueAndGrad } from '../ad/transforms.js'
import type { Cost } from '../backprop/Cost.js'
import type { Network } from '../backprop/Network.js'
import { feedforward, outputErrorOf } from '../backprop/backprop.js'
import { biasGradient, hiddenError, weightGradient } from '../backprop/equations.js'

/**
 * The loss of parameters P on a mini-batch B, and its gradient ∇ₚloss (a
 * tree shaped like P).
 *
 * @category training
 */
export type LossAndGrad<P, B> = (params: P, batch: B) => readonly [number, P]

/** A mini-batch of a classifier: inputs x (features × m) and targets y (outputs × m), one example per column. @category training */
export interface Batch {
  readonly x: Matrix
  readonly y: Matrix
}

/**
 * The cost C of a network on a mini-batch and its gradient by
 * backpropagation, from one forward pass: the cost is C(aᴸ, y), the gradient
 * is the four equations — BP1 at the output, BP2 from right to left, BP3 and
 * BP4 at every layer — exactly as `backprop` composes them (the two give
 * bit-identical gradients), but without a second forward pass for the cost.
 *
 * @category training
 */
export const backpropLoss =
  (cost: Cost): LossAndGrad<Network, Batch> =>
  (network, { x, y }) => {
    const { zs, as } = feedforward(network)(x)
    const layers = network.layers
    const last = layers[layers.length - 1]
    const aL = as[as.length - 1] as Matrix
    if (last === undefined) return [cost.C(aL, y), { layers: [] }]
    const deltaL = outputErrorOf(cost, last.activation, zs[zs.length - 1] as Matrix, aL, y)
    const deltas = layers
      .slice(0, -1)
      .reduceRight<ReadonlyArray<Matrix>>(
        (later, layer, i) => [
          hiddenError(
            (layers[i + 1] as (typeof layers)[number]).w,
            later[0] as Matrix,
            layer.activation,
            zs[i] as Matrix,
          ),
          ...later,
        ],
        [deltaL],
      )
    return [
      cost.C(aL, y),
      {
        layers: layers.map((layer, i) => ({
          w: weightGradient(deltas[i] as Matrix, as[i] as Matrix),
          b: biasGradient(deltas[i] as Matrix),
          activation: layer.activation,
        })),
      },
    ]
  }

/**
 * The loss and gradient of any scalar function of a parameter tree and a
 * batch, by reverse-mode automatic differentiation (`valueAndGrad`): the
 * way to train models that are not textbook networks, or a network with a
 * loss of your own (e.g. the cost plus `l2Penalty`).
 *
 * @example
 * const lg = lossAndGradOf((p: { w: Matrix; b: Matrix }, { x, y }: Batch) =>
 *   mean(square(sub(add(matmul(p.w, x), p.b), y))))
 * @category training
 */
export const lossAndGradOf = <P, B>(loss: (params: P, batch: B) => number): LossAndGrad<P, B> => {
  const vg = valueAndGrad(loss)
  return (params, batch) => vg(params, batch)
}
