import { pushforward } from './forward.js'
import { linearizeReverse, type Pullback } from './reverse.js'
import { zerosLike } from './core.js'
import { mapLeaves } from './Tree.js'

export type { Pullback } from './reverse.js'
// eslint-disable-next-line @typescript-eslint/no-deprecated -- the old names stay exported beside the new options
export { grad, valueAndGrad, gradWithAux, valueAndGradWithAux, type Scalar } from './gradients.js'

/**
 * The value of f at x and its pullback: the linear map from a cotangent of
 * the output to a cotangent of the input, cᵀ ↦ cᵀ·∂f/∂x (the VJP). Reverse
 * mode: f runs once, recording its operations on a tape local to this call;
 * each call of the pullback replays that tape backwards. The pullback is a
 * pure function and may be called any number of times, also inside other
 * transforms. With `{ hasAux: true }`, f returns `[y, aux]` and the result
 * is `[y, pullback, aux]`, `aux` as plain values.
 *
 * @example
 * const [y, pullback] = vjp((w: Matrix) => matmul(w, x))(w0)
 * const wBar = pullback(Matrix.ones(y.rows, y.cols))
 * @category transforms
 */
export const vjp: Vjp = (<X, Y>(f: (x: X) => Y, options: { readonly hasAux?: boolean } = {}) =>
  (x: X) => {
    if (options.hasAux !== true) return linearizeReverse(f, x)
    const [[y, aux], pullback] = linearizeReverse((p: X) => pairOf('vjp', f(p)), x)
    return [y, (c: unknown) => pullback([c, mapLeaves(aux, zerosLike, 'output')]), aux]
  }) as Vjp

/** The shape of `vjp` with its overloads. */
export interface Vjp {
  <X, Y>(f: (x: X) => Y): (x: X) => readonly [Y, Pullback<X, Y>]
  <X, Y, Aux>(
    f: (x: X) => readonly [Y, Aux],
    options: { readonly hasAux: true },
  ): (x: X) => readonly [Y, Pullback<X, Y>, Aux]
}

/** The output of a function with `hasAux`: a pair `[value, aux]`, or a clear error. */
const pairOf = (op: string, r: unknown): readonly [unknown, unknown] => {
  if (!Array.isArray(r) || r.length !== 2)
    throw new TypeError(`${op} with hasAux: the function must return [value, aux], a pair`)
  return r as unknown as readonly [unknown, unknown]
}

/**
 * The value of f at x and its directional derivative along the tangent v,
 * ∂f/∂x · v (the JVP). Forward mode: f runs once on dual numbers. x and v
 * are trees of the same structure and shapes; so are the two results. With
 * `{ hasAux: true }`, f returns `[y, aux]` and the result is `[y, ẏ, aux]`.
 *
 * @example
 * const [y, dy] = jvp((x: number) => mul(x, x))(3, 1)   // [9, 6]
 * @category transforms
 */
export const jvp: Jvp = (<X, Y>(f: (x: X) => Y, options: { readonly hasAux?: boolean } = {}) =>
  (x: X, v: X) => {
    if (options.hasAux !== true) return pushforward(f, x, v)
    const [[y, aux], [t]] = pushforward((p: X) => pairOf('jvp', f(p)), x, v)
    return [y, t, aux]
  }) as Jvp

/** The shape of `jvp` with its overloads. */
export interface Jvp {
  <X, Y>(f: (x: X) => Y): (x: X, v: X) => readonly [Y, Y]
  <X, Y, Aux>(f: (x: X) => readonly [Y, Aux], options: { readonly hasAux: true }): (x: X, v: X) => readonly [Y, Y, Aux]
}

/**
 * The derivative f′(x) of a function ℝ → ℝ (forward mode).
 *
 * @example
 * derivative(sin)(0)   // 1
 * @category transforms
 */
export const derivative =
  (f: (x: number) => number) =>
  (x: number): number =>
    pushforward(f, x, 1)[1]
