import type { Matrix } from '../matrix/Matrix.js'
import { add, matmul, matmulTN } from '../ad/ops/index.js'
import {
  sigmoidActivation,
  tanhActivation,
  type Activation,
} from './Activation.js'
import type { Cost } from './Cost.js'
import type { Layer, Network } from './Network.js'
import {
  biasGradient,
  hiddenError,
  outputError,
  weightGradient,
} from './equations.js'
import { buffer, fromBuffer } from '../matrix/internal.js'
import {
  axpbyRowSums,
  sigmoidBackward,
  tanhBackward,
} from '../matrix/kernels.js'
import { gemmAddColumn, gemmAxpy } from '../matrix/product.js'

/**
 * Everything the forward pass computes: the weighted inputs zˡ and the
 * activations aˡ of every layer. `as[0]` is the input x, so `as` has one
 * more entry than `zs`: layer l (from 1) has zˡ = `zs[l − 1]`, aˡ = `as[l]`.
 *
 * @category backpropagation
 */
export interface ForwardPass {
  readonly zs: ReadonlyArray<Matrix>
  readonly as: ReadonlyArray<Matrix>
}

/** One layer forward: zˡ = wˡaˡ⁻¹ + bˡ (the bias added to every column), aˡ = σ(zˡ). */
const forwardLayer = (
  layer: Layer,
  aPrev: Matrix,
): readonly [Matrix, Matrix] => {
  const z = add(matmul(layer.w, aPrev), layer.b)
  return [z, layer.activation.sigma(z)]
}

/**
 * The forward pass, keeping every zˡ and aˡ: a fold over the layers from
 * the input x (nₗ₀ × batch, one example per column).
 *
 * @category backpropagation
 */
export const feedforward =
  (network: Network) =>
  (x: Matrix): ForwardPass =>
    feedforwardBy(forwardLayer, network, x)

/** {@link feedforward}, each layer by `layerForward`. */
const feedforwardBy = (
  layerForward: typeof forwardLayer,
  network: Network,
  x: Matrix,
): ForwardPass =>
  network.layers.reduce<ForwardPass>(
    ({ zs, as }, layer) => {
      const [z, a] = layerForward(layer, as[as.length - 1] as Matrix)
      return { zs: [...zs, z], as: [...as, a] }
    },
    { zs: [], as: [x] },
  )

/**
 * {@link forwardLayer} on plain matrices, with zˡ = wˡaˡ⁻¹ + bˡ as one
 * kernel (`gemmAddColumn`: the bias added to each entry of the product as it
 * leaves the product's memory), the same bits as `add(matmul(w, a), b)`.
 * Shapes that do not fit go through the ops, which say why.
 */
const forwardLayerFused = (
  layer: Layer,
  aPrev: Matrix,
): readonly [Matrix, Matrix] => {
  const { w, b } = layer
  if (w.cols !== aPrev.rows || b.rows !== w.rows || b.cols !== 1)
    return forwardLayer(layer, aPrev)
  const z = fromBuffer(
    w.rows,
    aPrev.cols,
    gemmAddColumn(
      w.rows,
      aPrev.cols,
      w.cols,
      buffer(w),
      false,
      buffer(aPrev),
      false,
      buffer(b),
    ),
  )
  return [z, layer.activation.sigma(z)]
}

/** The network's output a^L for the inputs x. @category backpropagation */
export const predict =
  (network: Network) =>
  (x: Matrix): Matrix =>
    network.layers.reduce((a, layer) => forwardLayer(layer, a)[1], x)

/**
 * The output layer's weighted input zᴸ and activation aᴸ for the inputs x,
 * without keeping the other layers (what a cost needs). For a network of no
 * layers both are x.
 *
 * @category backpropagation
 */
export const outputOf =
  (network: Network) =>
  (x: Matrix): readonly [Matrix, Matrix] =>
    network.layers.reduce<readonly [Matrix, Matrix]>(
      ([, a], layer) => forwardLayer(layer, a),
      [x, x],
    )

/**
 * BP1 for a cost and an output activation: the cost's closed form when the
 * pair is the one it was designed for (cross-entropy with sigmoid,
 * log-likelihood with softmax: δᴸ = (a − y)/n), otherwise
 * {@link outputError} with ∇ₐC.
 *
 * @category backpropagation
 */
export const outputErrorOf = (
  cost: Cost,
  activation: Activation,
  zL: Matrix,
  aL: Matrix,
  y: Matrix,
): Matrix => outputErrorBy(byEquations, cost, activation, zL, aL, y)

/**
 * How the errors are computed from a layer's weighted input z and its
 * activation a = σ(z): `output` is BP1's ∇ₐC ⊙ σ′(z) for a given ∇ₐC,
 * `hidden` is BP2. {@link errors} uses the equations themselves; the
 * training step may use faster kernels that give the same bits.
 */
interface ErrorSteps {
  readonly output: (
    activation: Activation,
    z: Matrix,
    a: Matrix,
    nablaA: Matrix,
  ) => Matrix
  readonly hidden: (
    wNext: Matrix,
    deltaNext: Matrix,
    activation: Activation,
    z: Matrix,
    a: Matrix,
  ) => Matrix
}

/** BP1 and BP2 as written in equations.ts. */
const byEquations: ErrorSteps = {
  output: (activation, z, _a, nablaA) => outputError(activation, z, nablaA),
  hidden: (wNext, deltaNext, activation, z) =>
    hiddenError(wNext, deltaNext, activation, z),
}

const outputErrorBy = (
  steps: ErrorSteps,
  cost: Cost,
  activation: Activation,
  zL: Matrix,
  aL: Matrix,
  y: Matrix,
): Matrix =>
  cost.delta !== undefined && cost.canonical === activation.name
    ? cost.delta(aL, y)
    : steps.output(activation, zL, aL, cost.nablaA(aL, y))

/**
 * The cost of an output: from zᴸ, in the cost's stable form, when the
 * output activation is the cost's canonical one (so a saturated output
 * against the wrong label costs a finite amount, not ∞ or NaN), otherwise
 * C(aᴸ, y).
 *
 * @category backpropagation
 */
export const outputCost = (
  cost: Cost,
  activation: Activation | undefined,
  zL: Matrix,
  aL: Matrix,
  y: Matrix,
): number =>
  cost.fromZ !== undefined &&
  activation !== undefined &&
  cost.canonical === activation.name
    ? cost.fromZ(zL, y)
    : cost.C(aL, y)

/**
 * The cost as a function of layer l's weighted input zˡ (l from 0): the
 * rest of the network run from there, then {@link outputCost}. The function
 * whose gradient is δˡ, which the laws and `nabla gradcheck` difference.
 *
 * @category backpropagation
 */
export const costFromLayer =
  (network: Network, cost: Cost, l: number, y: Matrix) =>
  (z: Matrix): number => {
    const layers = network.layers
    const here = layers[l]
    if (here === undefined)
      throw new RangeError(
        `costFromLayer: the network has no layer ${String(l)}`,
      )
    const [zL, aL] = layers
      .slice(l + 1)
      .reduce<readonly [Matrix, Matrix]>(
        ([, a], layer) => forwardLayer(layer, a),
        [z, here.activation.sigma(z)],
      )
    return outputCost(cost, layers[layers.length - 1]?.activation, zL, aL, y)
  }

/** The layers paired with their successors: [(l, l + 1)] for every hidden layer l. */
const withNext = <T>(xs: ReadonlyArray<T>): ReadonlyArray<readonly [T, T]> =>
  xs.slice(0, -1).map((x, i) => [x, xs[i + 1] as T] as const)

/**
 * The errors δˡ of every layer, from the forward pass: δᴸ by BP1 at the
 * output, then each hidden layer's δˡ by BP2 from the next layer's wˡ⁺¹
 * and δˡ⁺¹ — a scan from right to left. `deltas[l]` belongs to layer l
 * (from 0), like `pass.zs[l]`.
 *
 * @category backpropagation
 */
export const errors =
  (network: Network, cost: Cost) =>
  (pass: ForwardPass, y: Matrix): ReadonlyArray<Matrix> =>
    errorsBy(byEquations, network, cost, pass, y)

/** {@link errors}, with BP1 and BP2 computed by `steps`. */
const errorsBy = (
  steps: ErrorSteps,
  network: Network,
  cost: Cost,
  { zs, as }: ForwardPass,
  y: Matrix,
): ReadonlyArray<Matrix> => {
  const layers = network.layers
  const last = layers[layers.length - 1]
  if (last === undefined) return []
  // BP1 at the output layer
  const deltaL = outputErrorBy(
    steps,
    cost,
    last.activation,
    zs[zs.length - 1] as Matrix,
    as[as.length - 1] as Matrix,
    y,
  )
  // BP2, right to left: each hidden layer's δ from the next layer's w and δ
  return withNext(
    layers.map((layer, i) => ({
      layer,
      z: zs[i] as Matrix,
      a: as[i + 1] as Matrix,
    })),
  ).reduceRight<ReadonlyArray<Matrix>>(
    (later, [here, next]) => [
      steps.hidden(
        next.layer.w,
        later[0] as Matrix,
        here.layer.activation,
        here.z,
        here.a,
      ),
      ...later,
    ],
    [deltaL],
  )
}

/** BP3 and BP4 at every layer, from its δ and the activations that fed it: the gradient as a network. */
const parameterGradients = (
  network: Network,
  deltas: ReadonlyArray<Matrix>,
  as: ReadonlyArray<Matrix>,
): Network => ({
  layers: network.layers.map((layer, i) => ({
    w: weightGradient(deltas[i] as Matrix, as[i] as Matrix),
    b: biasGradient(deltas[i] as Matrix),
    activation: layer.activation,
  })),
})

/**
 * Backpropagation, composed from the four equations: the forward pass,
 * then BP1 at the output, then BP2 from right to left (a scan over the
 * layers), then BP3 and BP4 at every layer. Returns ∂C/∂wˡ and ∂C/∂bˡ for
 * every layer, as a network — exactly the structure of `network`.
 *
 * x is the mini-batch's inputs (n₀ × batch), y its targets (n_L × batch);
 * the cost is the mean over the batch.
 *
 * @example
 * const g = backprop(network, quadraticCost)(x, y)
 * g.layers[0].w   // ∂C/∂w¹
 * @category backpropagation
 */
// #region backprop
export const backprop =
  (network: Network, cost: Cost) =>
  (x: Matrix, y: Matrix): Network => {
    const pass = feedforward(network)(x)
    return parameterGradients(network, errors(network, cost)(pass, y), pass.as)
  }
// #endregion backprop

/**
 * The cost C and its gradient ∇C by backpropagation, from one forward pass:
 * the gradient is exactly {@link backprop}'s (bit for bit), the cost exactly
 * {@link networkCost}'s.
 *
 * @category backpropagation
 */
export const valueAndBackprop =
  (network: Network, cost: Cost) =>
  (x: Matrix, y: Matrix): readonly [number, Network] => {
    const pass = feedforward(network)(x)
    const { zs, as } = pass
    const C = outputCost(
      cost,
      network.layers[network.layers.length - 1]?.activation,
      zs[zs.length - 1] ?? x,
      as[as.length - 1] as Matrix,
      y,
    )
    return [C, parameterGradients(network, errors(network, cost)(pass, y), as)]
  }

/**
 * The cost of the network on a batch, built from nabla's operations, so
 * `grad(networkCost(…))` differentiates it: C(aᴸ(x), y), computed from zᴸ
 * in the cost's stable form when the output activation is its canonical
 * one (see {@link outputCost}).
 *
 * @category backpropagation
 */
export const networkCost =
  (cost: Cost) =>
  (network: Network, x: Matrix, y: Matrix): number => {
    const [zL, aL] = outputOf(network)(x)
    return outputCost(
      cost,
      network.layers[network.layers.length - 1]?.activation,
      zL,
      aL,
      y,
    )
  }

/**
 * ∇ₐC ⊙ σ′(z) as one raw kernel of ∇ₐC and a = σ(z), for the activations
 * whose σ′ is computed from σ(z) alone: the same float64 operations as
 * `outputError`'s, whose σ′(z) recomputes σ(z) — a itself, bit for bit — so
 * one pass replaces three and σ is not evaluated again. Keyed by the
 * activation records themselves, not by name, so an activation of one's own
 * called `sigmoid` goes through the equations.
 */
const fromOutput = new Map<
  Activation,
  (g: Float64Array, a: Float64Array) => Float64Array
>([
  [sigmoidActivation, sigmoidBackward],
  [tanhActivation, tanhBackward],
])

const fastOutput: ErrorSteps['output'] = (activation, z, a, nablaA) => {
  const kernel = fromOutput.get(activation)
  return kernel === undefined
    ? outputError(activation, z, nablaA)
    : fromBuffer(a.rows, a.cols, kernel(buffer(nablaA), buffer(a)))
}

/** BP1 and BP2 with {@link fromOutput}'s kernels where they apply: the same bits as {@link byEquations}. */
const fast: ErrorSteps = {
  output: fastOutput,
  hidden: (wNext, deltaNext, activation, z, a) =>
    fastOutput(activation, z, a, matmulTN(wNext, deltaNext)),
}

/**
 * One step of plain gradient descent by backpropagation: the cost C at the
 * network, and the network moved against its gradient, wˡ ← wˡ − η·∂C/∂wˡ
 * and bˡ ← bˡ − η·∂C/∂bˡ. The result is bit for bit that of
 * {@link valueAndBackprop} followed by the update w + (−η)·g, but BP4's
 * product δˡ(aˡ⁻¹)ᵀ goes straight into the fresh copy of wˡ: no gradient
 * matrix is made, which is most of what a training step of a wide first
 * layer allocates. BP3's sum goes straight into the fresh bˡ, and for
 * sigmoid and tanh layers BP1 and BP2's ⊙ σ′(z) is one pass over the
 * activation a = σ(z) (see {@link fromOutput}), so a step of a batch of ten
 * makes a dozen small matrices fewer and evaluates σ once per layer.
 *
 * @category backpropagation
 */
export const sgdBackpropStep =
  (network: Network, cost: Cost, eta: number) =>
  (x: Matrix, y: Matrix): readonly [number, Network] => {
    const pass = feedforwardBy(forwardLayerFused, network, x)
    const { zs, as } = pass
    const last = network.layers[network.layers.length - 1]?.activation
    const C = outputCost(
      cost,
      last,
      zs[zs.length - 1] ?? x,
      as[as.length - 1] as Matrix,
      y,
    )
    const deltas = errorsBy(fast, network, cost, pass, y)
    return [
      C,
      {
        layers: network.layers.map((layer, i) => {
          const delta = deltas[i] as Matrix
          const a = as[i] as Matrix
          return {
            w: fromBuffer(
              layer.w.rows,
              layer.w.cols,
              gemmAxpy(
                delta.rows,
                a.rows,
                delta.cols,
                buffer(delta),
                false,
                buffer(a),
                true,
                buffer(layer.w),
                -eta,
              ),
            ),
            b: fromBuffer(
              layer.b.rows,
              layer.b.cols,
              axpbyRowSums(
                delta.rows,
                delta.cols,
                buffer(layer.b),
                -eta,
                buffer(delta),
              ),
            ),
            activation: layer.activation,
          }
        }),
      },
    ]
  }
