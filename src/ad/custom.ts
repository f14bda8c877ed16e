import { bind } from './bind.js'
import { linearizeReverse } from './reverse.js'
import { zerosLike } from './core.js'
import type { AnyValue, Primitive, Value } from './core.js'
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
