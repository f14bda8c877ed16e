import type { Matrix } from '../matrix/Matrix.js'
import { fill } from '../matrix/construct.js'
import { mul, relu, sigmoid, softmax, step, sub, tanh } from '../ad/ops/index.js'
import { deepFreeze } from '../matrix/freeze.js'

/** The activations nabla knows by name (the names used in JSON). @category network */
export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'identity' | 'softmax'

/**
 * An activation function as the textbook writes it: σ and its derivative
 * σ′, applied to a layer's weighted inputs z (one column per example).
 *
 * For an *elementwise* σ, ∂a/∂z is diagonal and σ′(z) is that diagonal, so
 * BP1 and BP2 multiply by it entrywise (⊙ σ′(z)). Softmax is not
 * elementwise: each output depends on every z of its column, σ′ is then the
 * pullback of σ, and BP1 takes its general form δ = (∂a/∂z)ᵀ∇ₐC.
 *
 * Both functions are built from nabla's differentiable operations, so the
 * equations that use them can themselves be differentiated.
 *
 * @category network
 */
export interface Activation {
  readonly name: ActivationName
  /** a = σ(z). */
  readonly sigma: (z: Matrix) => Matrix
  /** σ′(z), entrywise (only meaningful when `elementwise`). */
  readonly sigmaPrime: (z: Matrix) => Matrix
  /** Whether aᵢ depends on zᵢ alone. */
  readonly elementwise: boolean
}

/** σ(z) = 1/(1 + e⁻ᶻ), σ′(z) = σ(z)(1 − σ(z)). @category network */
export const sigmoidActivation: Activation = deepFreeze({
  name: 'sigmoid',
  sigma: (z) => sigmoid(z),
  sigmaPrime: (z) => {
    const s = sigmoid(z)
    return mul(s, sub(1, s))
  },
  elementwise: true,
})

/** σ(z) = tanh z, σ′(z) = 1 − tanh² z. @category network */
export const tanhActivation: Activation = deepFreeze({
  name: 'tanh',
  sigma: (z) => tanh(z),
  sigmaPrime: (z) => {
    const t = tanh(z)
    return sub(1, mul(t, t))
  },
  elementwise: true,
})

/** σ(z) = max(z, 0), σ′(z) = 1 for z > 0 and 0 otherwise. @category network */
export const reluActivation: Activation = deepFreeze({
  name: 'relu',
  sigma: (z) => relu(z),
  sigmaPrime: (z) => step(z),
  elementwise: true,
})

/** σ(z) = z, σ′(z) = 1: a linear output layer. @category network */
export const identityActivation: Activation = deepFreeze({
  name: 'identity',
  sigma: (z) => z,
  sigmaPrime: (z) => fill(z.rows, z.cols, 1),
  elementwise: true,
})

/**
 * σ(z) = softmax of each column: aⱼ = e^{zⱼ} / Σₖ e^{zₖ}, computed stably.
 * Not elementwise: its Jacobian per column is diag(a) − a aᵀ, used through
 * its pullback. `sigmaPrime` returns the diagonal a ⊙ (1 − a) of that
 * Jacobian, which alone is *not* enough for BP1 — use `outputError`, which
 * handles this case.
 *
 * @category network
 */
export const softmaxActivation: Activation = deepFreeze({
  name: 'softmax',
  sigma: (z) => softmax(z),
  sigmaPrime: (z) => {
    const a = softmax(z)
    return mul(a, sub(1, a))
  },
  elementwise: false,
})

/** Every activation by its name. @category network */
export const activations: Readonly<Record<ActivationName, Activation>> = deepFreeze({
  sigmoid: sigmoidActivation,
  tanh: tanhActivation,
  relu: reluActivation,
  identity: identityActivation,
  softmax: softmaxActivation,
})
