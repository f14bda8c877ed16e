import type { AnyValue, PartialRule } from '../core.js'
import { unaryImpl, type DeclaredPrimitive, type Range } from '../declare.js'
import { mul } from './mul.js'

/**
 * Declares an entrywise unary primitive y = f(x) from f and its derivative
 * f′ written with differentiable ops (as a function of x and of y = f(x),
 * whichever is cheaper). Both rules are then multiplications by f′:
 * JVP ẏ = f′(x) ⊙ ẋ and VJP x̄ = f′(x) ⊙ ȳ — the "⊙ σ′(z)" of BP1 and BP2.
 */
export const elementwise = (spec: {
  readonly name: string
  readonly f: (x: number) => number
  readonly kernel?: (a: Float64Array) => Float64Array
  readonly derivative: (x: AnyValue, y: AnyValue) => AnyValue
  readonly domain?: Range
  readonly kinks?: ReadonlyArray<number>
}): DeclaredPrimitive<undefined> => {
  const rule: PartialRule<undefined> = (t, args, out) => mul(t, spec.derivative(args[0] as AnyValue, out))
  return {
    name: spec.name,
    ...(spec.kinks === undefined ? {} : { kinks: spec.kinks }),
    impl: unaryImpl(spec.f, spec.kernel),
    jvp: [rule],
    vjp: [rule],
    sample: (d) => {
      const scalar = d.oneOf([true, false])
      const range = spec.domain ?? { min: -3, max: 3 }
      return {
        args: [scalar ? d.number(range) : d.matrix(d.size(1, 4), d.size(1, 4), range)],
        params: undefined,
      }
    },
  }
}
