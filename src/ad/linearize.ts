import { zerosLike } from './core.js'
import { linearizeReverse, record, type Pushforward } from './reverse.js'
import { mapLeaves } from './Tree.js'

export type { Pushforward } from './reverse.js'

/**
 * The value of f at x and its linearization there, u ↦ J·u (JAX's
 * `linearize`): f runs once, its operations are kept, and every call of the
 * linear map replays them with the JVP rules alone — f is not evaluated
 * again. For many tangents at one point this is `jvp` without the repeated
 * primal work. u has the structure and shapes of x, J·u those of f(x).
 *
 * @example
 * const [y, J] = linearize((w: Matrix) => tanh(matmul(w, x)))(w0)
 * const du = J(u)   // the same as jvp(f)(w0, u)[1]
 * @category transforms
 */
export const linearize =
  <X, Y>(f: (x: X) => Y) =>
  (x: X): readonly [Y, Pushforward<X, Y>] => {
    const { y, pushforward } = record(f, x)
    return [y, pushforward]
  }

/**
 * The transpose of a linear function (JAX's `linear_transpose`): for l
 * linear from trees shaped like `like` to trees shaped like its output,
 * the function c ↦ lᵀc, with ⟨lᵀc, u⟩ = ⟨c, l u⟩ for all u. It is the
 * pullback of l, taken at zero (a linear map has the same derivative
 * everywhere, itself). l must be linear; for an affine l it gives the
 * transpose of the linear part. Transposing `linearize`'s map gives `vjp`'s
 * pullback.
 *
 * @example
 * const lT = linearTranspose((v: Matrix) => matmul(w, v), x)   // c ↦ wᵀc
 * @category transforms
 */
export const linearTranspose = <X, Y>(l: (u: X) => Y, like: X): ((c: Y) => X) => {
  const [, pullback] = linearizeReverse(l, mapLeaves(like, zerosLike))
  return pullback
}
