import { bind } from '../bind.js'
import { unaryImpl, type DeclaredPrimitive } from '../declare.js'
import { mul } from './mul.js'
import type { Operand, Same } from './types.js'

/** The constant exponent of {@link pow}. */
export interface PowParams {
  readonly p: number
}

/**
 * y = xᵖ, entrywise, for a constant exponent p. Derivative: p·xᵖ⁻¹, itself
 * a `pow`, so every order of derivative is available.
 */
export const powPrim: DeclaredPrimitive<PowParams> = {
  name: 'pow',
  impl: (args, { p }) => unaryImpl((x) => x ** p)(args),
  jvp: [(t, [x], _, { p }) => mul(t, mul(p, pow(x as Operand, p - 1)))],
  vjp: [(c, [x], _, { p }) => mul(c, mul(p, pow(x as Operand, p - 1)))],
  sample: (d) => ({
    args: [d.matrix(d.size(1, 4), d.size(1, 4), { min: 0.2, max: 3 })],
    params: { p: d.oneOf([-1.5, -1, 0.5, 2, 3]) },
  }),
}

/** xᵖ, entrywise, for a constant exponent p. @category elementwise */
export const pow = <A extends Operand>(x: A, p: number): Same<A> => bind(powPrim, [x], { p }) as Same<A>
