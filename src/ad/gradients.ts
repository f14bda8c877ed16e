import type { Matrix } from '../matrix/Matrix.js'
import { ShapeError } from '../matrix/ShapeError.js'
import { fromBuffer } from '../matrix/internal.js'
import { linearizeReverse } from './reverse.js'
import { shapeOfValue, zerosLike, type Value } from './core.js'
import { leaves, mapLeaves } from './Tree.js'
import { describeShape } from './declare.js'

/**
 * What a scalar function may return: a number, or a 1×1 matrix (`sum` of a
 * product gives the first, `matmul` of a row by a column the second). A
 * matrix of any other shape is refused when the function is called.
 *
 * @category transforms
 */
export type Scalar = number | Matrix

/**
 * Which positional arguments a gradient is taken with respect to (JAX's
 * `argnums`): one index, whose gradient comes back alone, or a list of
 * indices, whose gradients come back as a tuple in that order.
 *
 * @category transforms
 */
export type Argnums = number | ReadonlyArray<number>

/** The gradient of a function with parameters P with respect to the arguments N: P[N], or a tuple of them. @category transforms */
export type GradOf<P extends ReadonlyArray<unknown>, N extends Argnums> = N extends number
  ? P[N]
  : { readonly [K in keyof N]: N[K] extends number ? P[N[K]] : never }

/**
 * Options of `grad` and `valueAndGrad`:
 *
 * - `argnums` (default 0): the argument, or the list of arguments, to
 *   differentiate; the others are passed through as constants;
 * - `hasAux` (default false): the function returns `[value, aux]`, and
 *   `aux` (metrics, predictions, any tree) comes back beside the result,
 *   as plain values, not differentiated.
 *
 * @category transforms
 */
export interface GradOptions<N extends Argnums = Argnums> {
  readonly argnums?: N
  readonly hasAux?: boolean
}

/** The cotangent 1 of a scalar output, or a clear error for any other output. */
export const unitCotangent = (op: string, y: unknown): Value => {
  if (typeof y === 'number') return 1
  const ys = leaves(y, 'output')
  const only = ys[0]
  if (ys.length !== 1 || only === undefined) {
    throw new ShapeError(op, [], 'the function must return a scalar (a number or a 1×1 matrix), not a tree')
  }
  const s = shapeOfValue(only)
  if (s === undefined) return 1
  if (s[0] === 1 && s[1] === 1) return fromBuffer(1, 1, Float64Array.of(1))
  throw new ShapeError(
    op,
    [s],
    `the function must return a scalar (a number or a 1×1 matrix), not a ${describeShape(only)} matrix`,
  )
}

/** The indices of `argnums` for a call with `count` arguments, checked: integers in range, none twice. */
const indices = (op: string, argnums: Argnums, count: number): ReadonlyArray<number> => {
  const list = typeof argnums === 'number' ? [argnums] : argnums
  if (typeof argnums !== 'number' && list.length === 0)
    throw new RangeError(`${op}: argnums must name at least one argument`)
  list.forEach((i, at) => {
    if (!Number.isInteger(i) || i < 0 || i >= count) {
      throw new RangeError(
        `${op}: argnums ${typeof argnums === 'number' ? '' : `[${String(at)}] `}is ${String(i)}, but the function was called with ${String(count)} argument${count === 1 ? '' : 's'}`,
      )
    }
    if (list.indexOf(i) !== at) throw new RangeError(`${op}: argnums names argument ${String(i)} twice`)
  })
  return list
}

/**
 * The value of f at the arguments and its pullback with respect to the
 * arguments `argnums` names (as one tree: the list of those arguments),
 * with the auxiliary output split off when `hasAux` is set.
 */
const differentiate = (
  op: string,
  f: (...args: ReadonlyArray<unknown>) => unknown,
  args: ReadonlyArray<unknown>,
  options: GradOptions,
): readonly [unknown, unknown, unknown] => {
  const argnums = options.argnums ?? 0
  const at = indices(op, argnums, args.length)
  // one argument is differentiated as itself (so errors name its paths as \`input…\`), several as a list
  const single = typeof argnums === 'number'
  const call = (xs: unknown): unknown =>
    f(...args.map((a, i) => (!at.includes(i) ? a : single ? xs : (xs as ReadonlyArray<unknown>)[at.indexOf(i)])))
  const picked: unknown = single ? args[argnums] : at.map((i) => args[i])
  if (options.hasAux === true) {
    const [out, pullback] = linearizeReverse((xs: unknown) => {
      const r = call(xs)
      if (!Array.isArray(r) || r.length !== 2) {
        throw new TypeError(`${op} with hasAux: the function must return [value, aux], a pair`)
      }
      return r as unknown as readonly [unknown, unknown]
    }, picked)
    const [y, aux] = out
    return [y, pullback([unitCotangent(op, y), mapLeaves(aux, zerosLike, 'output')]), aux]
  }
  const [y, pullback] = linearizeReverse(call, picked)
  return [y, pullback(unitCotangent(op, y)), undefined]
}

/** The shape of `valueAndGrad` with its overloads (see the function's documentation). */
export interface ValueAndGrad {
  <P extends ReadonlyArray<unknown>, Y extends Scalar>(f: (...args: P) => Y): (...args: P) => readonly [Y, P[0]]
  <P extends ReadonlyArray<unknown>, Y extends Scalar, const N extends Argnums>(
    f: (...args: P) => Y,
    options: { readonly argnums: N; readonly hasAux?: false },
  ): (...args: P) => readonly [Y, GradOf<P, N>]
  <P extends ReadonlyArray<unknown>, Y extends Scalar, Aux, const N extends Argnums = 0>(
    f: (...args: P) => readonly [Y, Aux],
    options: { readonly argnums?: N; readonly hasAux: true },
  ): (...args: P) => readonly [readonly [Y, Aux], GradOf<P, N>]
}

/**
 * The value of a scalar function and its gradient: by default with respect
 * to the first argument, ∇ₓf — a tree of the same structure, leaf kinds and
 * shapes as x — with further arguments passed through as constants.
 *
 * - `{ argnums: 1 }` differentiates the second argument instead, and
 *   `{ argnums: [0, 2] }` the first and third, whose gradients come back as
 *   a pair;
 * - `{ hasAux: true }` is for a function that returns `[value, aux]`: the
 *   result is `[[value, aux], gradient]`, with `aux` as plain values.
 *
 * @example
 * const [loss, g] = valueAndGrad((p: { w: Matrix }, x: Matrix) => sum(square(matmul(p.w, x))))(params, batch)
 * const [, [gw, gb]] = valueAndGrad(loss2, { argnums: [0, 1] })(w, b, x)
 * @category transforms
 */
export const valueAndGrad: ValueAndGrad = ((
    f: (...args: ReadonlyArray<unknown>) => unknown,
    options: GradOptions = {},
  ) =>
  (...args: ReadonlyArray<unknown>) => {
    const [y, g, aux] = differentiate('valueAndGrad', f, args, options)
    return options.hasAux === true ? [[y, aux], g] : [y, g]
  }) as unknown as ValueAndGrad

/** The shape of `grad` with its overloads (see the function's documentation). */
export interface Grad {
  <P extends ReadonlyArray<unknown>>(f: (...args: P) => Scalar): (...args: P) => P[0]
  <P extends ReadonlyArray<unknown>, const N extends Argnums>(
    f: (...args: P) => Scalar,
    options: { readonly argnums: N; readonly hasAux?: false },
  ): (...args: P) => GradOf<P, N>
  <P extends ReadonlyArray<unknown>, Aux, const N extends Argnums = 0>(
    f: (...args: P) => readonly [Scalar, Aux],
    options: { readonly argnums?: N; readonly hasAux: true },
  ): (...args: P) => readonly [GradOf<P, N>, Aux]
}

/**
 * The gradient of a scalar function: by default ∇ₓf with respect to its
 * first argument, a tree of the same structure, leaf kinds and shapes as x
 * (a number for a number). `{ argnums }` chooses other arguments, `{ hasAux:
 * true }` returns `[gradient, aux]` for a function that returns `[value,
 * aux]` (see {@link valueAndGrad}). Nests: `grad(grad(f))`, `jvp(grad(f))`,
 * and `grad` inside the function of another transform.
 *
 * @example
 * grad((x: number) => mul(x, mul(x, x)))(2)   // 12
 * grad((w: Matrix, x: Matrix) => sum(matmul(w, x)), { argnums: 1 })(w, x)   // ∂/∂x
 * @category transforms
 */
export const grad: Grad = ((f: (...args: ReadonlyArray<unknown>) => unknown, options: GradOptions = {}) =>
  (...args: ReadonlyArray<unknown>) => {
    const [, g, aux] = differentiate('grad', f, args, options)
    return options.hasAux === true ? [g, aux] : g
  }) as unknown as Grad

/**
 * Like {@link valueAndGrad} for a function that returns `[loss, aux]`.
 *
 * @deprecated Use `valueAndGrad(f, { hasAux: true })`, which this is.
 * @returns `[[loss, aux], gradient]`
 * @category transforms
 */
export const valueAndGradWithAux =
  <X, Aux, A extends ReadonlyArray<unknown>, Y extends Scalar = number>(f: (x: X, ...rest: A) => readonly [Y, Aux]) =>
  (x: X, ...rest: A): readonly [readonly [Y, Aux], X] =>
    valueAndGrad(f, { hasAux: true })(x, ...rest)

/**
 * Like {@link grad} for a function that returns `[loss, aux]`.
 *
 * @deprecated Use `grad(f, { hasAux: true })`, which this is.
 * @returns `[gradient, aux]`
 * @category transforms
 */
export const gradWithAux =
  <X, Aux, A extends ReadonlyArray<unknown>>(f: (x: X, ...rest: A) => readonly [Scalar, Aux]) =>
  (x: X, ...rest: A): readonly [X, Aux] =>
    grad(f, { hasAux: true })(x, ...rest)
