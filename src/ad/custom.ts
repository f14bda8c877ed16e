import { bind } from './bind.js'
import { linearizeReverse } from './reverse.js'
import { zerosLike } from './core.js'
import type { AnyValue, Primitive, Value } from './core.js'
import { isMatrix } from '../matrix/construct.js'
import { leaves, rebuild } from './Tree.js'

/**
 * A user's rule for the JVP of f: given the input x, a tangent v of the same
 * structure, and y = f(x), return ẏ = ∂f/∂x · v. It must be linear in v and
 * written with nabla's operations.
 */
export type JvpRule<X, Y extends Value> = (x: X, v: X, y: Y) => Y

/**
 * A user's rule for the VJP of f: given the input x, y = f(x) and a
 * cotangent c of the output, return x̄ = cᵀ·∂f/∂x, a tree shaped like x. It
 * must be linear in c and written with nabla's operations.
 */
export type VjpRule<X, Y extends Value> = (x: X, y: Y, c: Y) => X

const withZeros = <X>(template: X, tangents: ReadonlyArray<AnyValue | undefined>): X =>
  rebuild(
    template,
    leaves(template).map((leaf, i) => tangents[i] ?? zerosLike(leaf)),
  )

/** The two rules of a custom primitive, over the input tree x (rebuilt from the primitive's arguments). */
interface CustomRules<X, Y extends Value> {
  readonly jvp: (x: X, tangents: ReadonlyArray<AnyValue | undefined>, y: Y) => AnyValue
  readonly vjp: (x: X, c: Y, y: Y) => ReadonlyArray<AnyValue | undefined>
}

/**
 * f as a primitive created for the structure of its argument: the leaves of
 * x are its arguments, f runs on plain values only, and the rules take over
 * under every transform.
 */
const customPrimitive =
  <X, Y extends Value>(f: (x: X) => Y, rules: CustomRules<X, Y>, name: string) =>
  (x: X): Y => {
    const prim: Primitive<undefined> = {
      name,
      impl: (args) => f(rebuild(x, args)),
      jvp: [],
      vjp: [],
      jvpAll: (tangents, args, out) => rules.jvp(rebuild(x, args), tangents, out as Y),
      vjpAll: (c, args, out) => rules.vjp(rebuild(x, args), c as Y, out as Y),
    }
    return bind(prim, leaves(x), undefined) as Y
  }

/**
 * f with its derivative given by a JVP rule instead of by differentiating
 * its body — for a numerically better formula, or for a function whose body
 * uses raw matrix code that nabla cannot trace. f itself only ever sees
 * plain values.
 *
 * Forward mode uses the rule directly. Reverse mode needs its transpose:
 * because the rule is linear in the tangent and built from nabla's
 * operations, nabla obtains it by differentiating the rule with respect to
 * the tangent (the VJP of a linear map is its transpose). Rules are
 * differentiated like any other code, so custom functions nest in
 * higher-order transforms. Check a rule with `nabla/laws`.
 *
 * @example
 * const safeLog = customJvp((x: number) => Math.log(x), (x, v) => div(v, x))
 * @category custom rules
 */
export const customJvp = <X, Y extends Value>(f: (x: X) => Y, rule: JvpRule<X, Y>, name = 'customJvp'): ((x: X) => Y) =>
  customPrimitive(
    f,
    {
      jvp: (x, tangents, y) => rule(x, withZeros(x, tangents), y),
      vjp: (x, c, y) => {
        const [, pullback] = linearizeReverse((v: X) => rule(x, v, y), withZeros(x, []))
        return leaves(pullback(c))
      },
    },
    name,
  )

/**
 * f with its derivative given by a VJP rule (a pullback) instead of by
 * differentiating its body. Reverse mode uses the rule directly; forward
 * mode transposes it, by differentiating the rule with respect to its
 * cotangent (the rule is linear in it). See {@link customJvp}.
 *
 * @example
 * // softmax cross-entropy from logits z with one-hot targets t, with the textbook gradient softmax(z) − t
 * const xent = customVjp(
 *   ([z, t]: readonly [Matrix, Matrix]) => neg(sum(mul(t, logSoftmax(z)))),
 *   ([z, t], _y, c) => [mul(c, sub(softmax(z), t)), mul(c, neg(logSoftmax(z)))],
 * )
 * @category custom rules
 */
export const customVjp = <X, Y extends Value>(f: (x: X) => Y, rule: VjpRule<X, Y>, name = 'customVjp'): ((x: X) => Y) =>
  customPrimitive(
    f,
    {
      vjp: (x, c, y) => {
        const parts = leaves(rule(x, y, c), 'cotangent')
        const want = leaves(x).length
        if (parts.length !== want) {
          throw new TypeError(
            `the VJP rule of ${name} returned ${String(parts.length)} cotangent leaves for an input of ${String(want)}: ` +
              'it must return a tree shaped like the input',
          )
        }
        return parts
      },
      jvp: (x, tangents, y) => {
        const [, pullback] = linearizeReverse((c: Y) => rule(x, y, c), zerosLike(y) as Y)
        return pullback(withZeros(x, tangents))
      },
    },
    name,
  )

/**
 * The forward rule of {@link customVjpWithResiduals}: the value y = f(x) and
 * residuals, any tree of values the backward rule will need (an
 * intermediate result, a mask, a normaliser), computed once.
 */
export type FwdRule<X, Y extends Value, R> = (x: X) => readonly [Y, R]

/**
 * The backward rule of {@link customVjpWithResiduals}: from the residuals
 * and a cotangent c of the output, x̄ = cᵀ·∂f/∂x, a tree shaped like x. It
 * must be linear in c and written with nabla's operations.
 */
export type BwdRule<X, Y extends Value, R> = (residuals: R, c: Y) => X

/** Whether any leaf of the arguments is a value being differentiated by an outer transform. */
const traced = (args: ReadonlyArray<AnyValue>): boolean => args.some((a) => typeof a === 'object' && !isMatrix(a))

/**
 * f given by a forward rule that also returns residuals and a backward rule
 * that receives them (JAX's `custom_vjp` with `fwd` and `bwd`), so the
 * backward pass need not recompute what the forward pass had: f(x) is
 * `fwd(x)[0]`, and under reverse mode the pullback of c is `bwd(residuals,
 * c)`. fwd runs once per call on plain values; only where the arguments are
 * themselves being differentiated by an enclosing transform (a second
 * derivative) does nabla run fwd again on them, so that the residuals carry
 * that dependence too (so residuals must be computed from x with nabla's
 * operations, not cut off with `stopGradient`, for second derivatives to be
 * right). Forward mode transposes bwd, which is linear in c, as
 * {@link customVjp} does. Check the rules with `nabla/laws`.
 *
 * @example
 * // log Σ exp, keeping the softmax for the backward pass
 * const lse = customVjpWithResiduals(
 *   (z: Matrix) => [logSumExp(z), softmax(z)] as const,
 *   (p, c) => mul(c, p),
 * )
 * @category custom rules
 */
export const customVjpWithResiduals =
  <X, Y extends Value, R>(fwd: FwdRule<X, Y, R>, bwd: BwdRule<X, Y, R>, name = 'customVjp') =>
  (x: X): Y => {
    // the residuals of this call, kept by the innermost evaluation (on plain values), local to the call
    // eslint-disable-next-line functional/no-let -- written once per call, read by that call's rules only
    let kept: { readonly args: ReadonlyArray<AnyValue>; readonly residuals: R } | undefined
    const residualsAt = (args: ReadonlyArray<AnyValue>): R =>
      kept !== undefined && !traced(args) && args.every((a, i) => a === kept?.args[i])
        ? kept.residuals
        : fwd(rebuild(x, args))[1]
    const vjpOf = (args: ReadonlyArray<AnyValue>, c: Y): ReadonlyArray<AnyValue | undefined> => {
      const parts = leaves(bwd(residualsAt(args), c), 'cotangent')
      if (parts.length !== args.length) {
        throw new TypeError(
          `the backward rule of ${name} returned ${String(parts.length)} cotangent leaves for an input of ${String(args.length)}: ` +
            'it must return a tree shaped like the input',
        )
      }
      return parts
    }
    const prim: Primitive<undefined> = {
      name,
      impl: (args) => {
        const [y, residuals] = fwd(rebuild(x, args))
        kept = { args, residuals }
        return y
      },
      jvp: [],
      vjp: [],
      vjpAll: (c, args) => vjpOf(args, c as Y),
      jvpAll: (tangents, args, out) => {
        const [, pullback] = linearizeReverse((c: Y) => vjpOf(args, c), zerosLike(out) as Y)
        return pullback(tangents.map((t, i) => t ?? zerosLike(args[i] as AnyValue)))
      },
    }
    return bind(prim, leaves(x), undefined) as Y
  }
