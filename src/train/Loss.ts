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
import { sgdBackpropStep, valueAndBackprop } from '../backprop/backprop.js'

/**
 * The loss of parameters P on a mini-batch B, and its gradient ∇ₚloss (a
 * tree shaped like P).
 *
 * @category training
 */
export type LossAndGrad<P, B> = ((params: P, batch: B) => readonly [number, P]) & {
  /**
   * Optional: the loss and the parameters after one plain gradient-descent
   * step p − η·∇loss, in one pass, bit for bit what the gradient followed by
   * that update gives. The trainer uses it with `sgd`, whose steps are
   * exactly that; `backpropLoss` has one that makes no gradient matrices.
   */
  readonly sgdStep?: (params: P, batch: B, eta: number) => readonly [number, P]
}

/** A mini-batch of a classifier: inputs x (features × m) and targets y (outputs × m), one example per column. @category training */
export interface Batch {
  readonly x: Matrix
  readonly y: Matrix
}

/**
 * The cost C of a network on a mini-batch and its gradient by
 * backpropagation, from one forward pass: the cost is `networkCost`'s, the
 * gradient is the four equations — BP1 at the output, BP2 from right to
 * left, BP3 and BP4 at every layer — exactly as `backprop` composes them
 * (see `valueAndBackprop`).
 *
 * @category training
 */
export const backpropLoss = (cost: Cost): LossAndGrad<Network, Batch> =>
  Object.assign((network: Network, { x, y }: Batch) => valueAndBackprop(network, cost)(x, y), {
    sgdStep: (network: Network, { x, y }: Batch, eta: number) => sgdBackpropStep(network, cost, eta)(x, y),
  })

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
