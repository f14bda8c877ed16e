import type { Known, Matrix } from '../matrix/Matrix.js'
import type {
  Agree,
  ShapeMismatch,
  ShapeOf,
  ShapeRule,
  ShapeText,
} from '../matrix/ShapeMismatch.js'
import { matmulNT, matmulTN, mul, sumRows } from '../ad/ops/index.js'
import { vjp } from '../ad/transforms.js'
import type { Activation } from './Activation.js'

/**
 * **BP1**, the error of the output layer: δᴸ = ∇ₐC ⊙ σ′(zᴸ).
 *
 * $$\delta^L = \nabla_a C \odot \sigma'(z^L)$$
 *
 * For an activation that is not elementwise (softmax) the general form
 * δᴸ = (∂aᴸ/∂zᴸ)ᵀ ∇ₐC is used, computed with the activation's pullback —
 * the entrywise product above is the special case of a diagonal Jacobian.
 *
 * Where:
 * - `activation` — σ of the output layer;
 * - `zL` — zᴸ, the output layer's weighted inputs, n_L × batch;
 * - `nablaA` — ∇ₐC, the gradient of the cost with respect to the output
 *   aᴸ, n_L × batch.
 *
 * Returns δᴸ = ∂C/∂zᴸ, n_L × batch. With literal shapes, a ∇ₐC of another
 * shape than zᴸ does not compile.
 *
 * @category the four equations
 */
// #region bp1
export const outputError = <Z extends Matrix, G extends Matrix>(
  activation: Activation,
  zL: Z,
  nablaA: G & Bp1Rule<Z, G>,
): Both<Z, G> =>
  activation.elementwise
    ? mul(nablaA, activation.sigmaPrime(zL))
    : vjp(activation.sigma)(zL)[1](nablaA)
// #endregion bp1

/**
 * **BP2**, the error of a hidden layer from the one after it:
 * δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ).
 *
 * $$\delta^l = \left((w^{l+1})^T \delta^{l+1}\right) \odot \sigma'(z^l)$$
 *
 * (for a non-elementwise σ, the pullback of σ is applied to (wˡ⁺¹)ᵀδˡ⁺¹ as in BP1).
 *
 * Where:
 * - `wNext` — wˡ⁺¹, the next layer's weights, nₗ₊₁ × nₗ;
 * - `deltaNext` — δˡ⁺¹, the next layer's error, nₗ₊₁ × batch;
 * - `activation` — σ of layer l;
 * - `z` — zˡ, layer l's weighted inputs, nₗ × batch.
 *
 * Returns δˡ = ∂C/∂zˡ, nₗ × batch. (wˡ⁺¹)ᵀδˡ⁺¹ is computed without forming the transpose.
 * With literal shapes, a δˡ⁺¹ whose rows are not wˡ⁺¹'s, or a zˡ of another
 * shape than (wˡ⁺¹)ᵀδˡ⁺¹, does not compile.
 *
 * @category the four equations
 */
// #region bp2
export const hiddenError = <
  W extends Matrix,
  D extends Matrix,
  Z extends Matrix,
>(
  wNext: W,
  deltaNext: D & Bp2DeltaRule<W, D>,
  activation: Activation,
  z: Z & Bp2ZRule<W, D, Z>,
): Both<Matrix<W['cols'], D['cols']>, Z> =>
  outputError(activation, z, matmulTN(wNext, deltaNext)) as Both<
    Matrix<W['cols'], D['cols']>,
    Z
  >
// #endregion bp2

/**
 * **BP3**, the gradient of the cost with respect to the biases:
 * ∂C/∂bˡⱼ = δˡⱼ.
 *
 * $$\frac{\partial C}{\partial b^l_j} = \delta^l_j$$
 *
 * For a mini-batch, the bias is shared by every example (column), so the
 * per-example errors are summed over the columns (δ already carries the
 * 1/n of the batch mean).
 *
 * Where `delta` is δˡ, nₗ × batch. Returns ∂C/∂bˡ, nₗ × 1.
 *
 * @category the four equations
 */
// #region bp3
export const biasGradient = <N extends number, M extends number>(
  delta: Matrix<N, M>,
): Matrix<N, 1> => sumRows(delta)
// #endregion bp3

/**
 * **BP4**, the gradient of the cost with respect to the weights:
 * ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ, that is ∂C/∂wˡ = δˡ(aˡ⁻¹)ᵀ.
 *
 * $$\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j
 * \qquad\text{i.e.}\qquad \frac{\partial C}{\partial w^l} = \delta^l (a^{l-1})^T$$
 *
 * For a mini-batch the product δˡ(aˡ⁻¹)ᵀ sums the per-example outer
 * products over the columns by itself.
 *
 * Where:
 * - `delta` — δˡ, nₗ × batch;
 * - `aPrev` — aˡ⁻¹, the previous layer's activations (the input for the first layer), nₗ₋₁ × batch.
 *
 * Returns ∂C/∂wˡ, nₗ × nₗ₋₁. The transpose is never formed. With literal
 * shapes, a δˡ and an aˡ⁻¹ of different batch sizes do not compile.
 *
 * @category the four equations
 */
// #region bp4
export const weightGradient = <D extends Matrix, A extends Matrix>(
  delta: D,
  aPrev: A & Bp4Rule<D, A>,
): Matrix<D['rows'], A['rows']> => matmulNT(delta, aPrev)
// #endregion bp4

/*
 * The shape rules of the four equations, for literal shapes: each is
 * `unknown` when the shapes fit and a `ShapeMismatch` that says, in the
 * book's symbols, which shapes must agree when they cannot.
 */

/** The shape both of two matrices that must agree have: the better known of each pair of dimensions. */
type Both<A extends Matrix, B extends Matrix> = Matrix<
  Known<A['rows'], B['rows']>,
  Known<A['cols'], B['cols']>
>

/** BP1: ∇ₐC has the shape of zᴸ. */
type Bp1Rule<Z extends Matrix, G extends Matrix> = ShapeRule<
  'agree',
  'outputError',
  Z,
  G,
  `∇ₐC must have the shape of zᴸ (shapes ${ShapeOf<Z>} and ${ShapeOf<G>})`
>

/** BP2: wˡ⁺¹ and δˡ⁺¹ have as many rows, nₗ₊₁. */
type Bp2DeltaRule<W extends Matrix, D extends Matrix> = Agree<
  W['rows'],
  D['rows'],
  unknown,
  ShapeMismatch<
    'hiddenError',
    `wˡ⁺¹ and δˡ⁺¹ must have as many rows (shapes ${ShapeOf<W>} and ${ShapeOf<D>})`
  >
>

/** BP2: zˡ has the shape of (wˡ⁺¹)ᵀδˡ⁺¹, nₗ × batch. */
type Bp2ZRule<W extends Matrix, D extends Matrix, Z extends Matrix> = ShapeRule<
  'agree',
  'hiddenError',
  Matrix<W['cols'], D['cols']>,
  Z,
  `zˡ must have the shape of (wˡ⁺¹)ᵀδˡ⁺¹, ${ShapeText<W['cols'], D['cols']>} (got ${ShapeOf<Z>})`
>

/** BP4: δˡ and aˡ⁻¹ have as many columns, one per example. */
type Bp4Rule<D extends Matrix, A extends Matrix> = Agree<
  D['cols'],
  A['cols'],
  unknown,
  ShapeMismatch<
    'weightGradient',
    `δˡ and aˡ⁻¹ must have as many columns, one per example (shapes ${ShapeOf<D>} and ${ShapeOf<A>})`
  >
>

/** BP1: {@link outputError}. @category the four equations */
export const bp1 = outputError
/** BP2: {@link hiddenError}. @category the four equations */
export const bp2 = hiddenError
/** BP3: {@link biasGradient}. @category the four equations */
export const bp3 = biasGradient
/** BP4: {@link weightGradient}. @category the four equations */
export const bp4 = weightGradient
