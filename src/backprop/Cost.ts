import type { Matrix } from '../matrix/Matrix.js'
import { add, div, logSoftmax, mul, neg, softplus, square, sub, sum, xdivy, xlogy } from '../ad/ops/index.js'
import type { ActivationName } from './Activation.js'
import { deepFreeze } from '../matrix/freeze.js'

/** The costs nabla knows by name (the names used in JSON). @category network */
export type CostName = 'quadratic' | 'crossEntropy' | 'logLikelihood'

/**
 * A cost as the textbook writes it: C and its gradient ∇ₐC with respect to
 * the network's output a, for a mini-batch whose columns are examples. The
 * batch cost is the mean over the columns of the per-example cost, so
 * ∇ₐC carries the factor 1/n: every δ computed from it is then the exact
 * gradient of the batch cost with respect to z.
 *
 * A cost may also know the closed form of BP1 for the output activation it
 * is designed for (Nielsen's `delta`): cross-entropy with sigmoid and
 * log-likelihood with softmax both give δᴸ = (a − y)/n, which stays exact
 * where the general product ∇ₐC ⊙ σ′(z) would compute 0/0 for a saturated
 * output.
 *
 * With that activation, the cost is also known as a function of the output
 * layer's weighted input z (`fromZ`), in a form that stays finite wherever
 * the mathematics is: computed from a = σ(z), a saturated output (σ(40)
 * rounds to 1) against the wrong label takes ln 0 and gives ∞ or NaN, while
 * softplus(z) − y·z and log-sum-exp are exact there. The network's cost and
 * its derivatives use `fromZ` whenever the output activation is `canonical`.
 *
 * @category network
 */
export interface Cost {
  readonly name: CostName
  /** C(a, y): the mean over the batch's columns of the per-example cost. */
  readonly C: (a: Matrix, y: Matrix) => number
  /** ∇ₐC(a, y), shaped like a. */
  readonly nablaA: (a: Matrix, y: Matrix) => Matrix
  /** The output activation for which `delta` is BP1 in closed form. */
  readonly canonical?: ActivationName
  /** δᴸ in closed form, valid only with the `canonical` output activation. */
  readonly delta?: (a: Matrix, y: Matrix) => Matrix
  /** C as a function of the output layer's weighted input z, valid only with the `canonical` activation. */
  readonly fromZ?: (z: Matrix, y: Matrix) => number
}

const batch = (a: Matrix): number => a.cols

/** C = (1/n) Σₓ ½‖y(x) − a(x)‖², ∇ₐC = (a − y)/n. @category network */
export const quadraticCost: Cost = deepFreeze({
  name: 'quadratic',
  C: (a, y) => mul(0.5 / batch(a), sum(square(sub(a, y)))),
  nablaA: (a, y) => div(sub(a, y), batch(a)),
})

/**
 * Nielsen's cross-entropy for sigmoid outputs:
 * C = −(1/n) Σₓ Σⱼ [yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ)],
 * ∇ₐC = (a − y) / (a(1 − a)) / n; with sigmoid outputs δᴸ = (a − y)/n, and
 * from z (a = σ(z)): C = (1/n) Σₓ Σⱼ [softplus(zⱼ) − yⱼzⱼ], since
 * ln σ(z) = −softplus(−z) and ln(1 − σ(z)) = −softplus(z).
 *
 * @category network
 */
export const crossEntropyCost: Cost = deepFreeze({
  name: 'crossEntropy',
  C: (a, y) => neg(mul(1 / batch(a), sum(add(xlogy(y, a), xlogy(sub(1, y), sub(1, a)))))),
  nablaA: (a, y) => div(div(sub(a, y), mul(a, sub(1, a))), batch(a)),
  canonical: 'sigmoid',
  delta: (a, y) => div(sub(a, y), batch(a)),
  fromZ: (z, y) => mul(1 / batch(z), sum(sub(softplus(z), mul(y, z)))),
})

/**
 * The log-likelihood for softmax outputs and one-hot targets:
 * C = −(1/n) Σₓ ln a_{y(x)} = −(1/n) Σₓ Σⱼ yⱼ ln aⱼ, ∇ₐC = −(y ⊘ a)/n (0 where y = 0);
 * with softmax outputs δᴸ = (a − y)/n, and from z (a = softmax(z)):
 * C = −(1/n) Σₓ Σⱼ yⱼ·logSoftmax(z)ⱼ, exact for any magnitude of z.
 *
 * @category network
 */
export const logLikelihoodCost: Cost = deepFreeze({
  name: 'logLikelihood',
  C: (a, y) => neg(mul(1 / batch(a), sum(xlogy(y, a)))),
  nablaA: (a, y) => neg(div(xdivy(y, a), batch(a))),
  canonical: 'softmax',
  delta: (a, y) => div(sub(a, y), batch(a)),
  fromZ: (z, y) => neg(mul(1 / batch(z), sum(mul(y, logSoftmax(z))))),
})

/** Every cost by its name. @category network */
export const costs: Readonly<Record<CostName, Cost>> = deepFreeze({
  quadratic: quadraticCost,
  crossEntropy: crossEntropyCost,
  logLikelihood: logLikelihoodCost,
})
