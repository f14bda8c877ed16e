import { bind } from '../bind.js'
import { unaryImpl, type DeclaredPrimitive } from '../declare.js'
import type { Operand, Same } from './types.js'

/**
 * sign(x): −1, 0 or 1 (the derivative of abs). Its derivative is 0 wherever it exists (it jumps at 0, where no derivative exists and the laws do not sample), so it has no rules.
 */
export const signPrim: DeclaredPrimitive<undefined> = {
  name: 'sign',
  impl: unaryImpl(Math.sign),
  jvp: [undefined],
  vjp: [undefined],
  sample: (d) => ({
    args: [d.matrix(d.size(1, 4), d.size(1, 4), { min: -3, max: 3, avoid: [0], margin: 0.5 })],
    params: undefined,
  }),
}

/** sign(x), entrywise. Its derivative is taken as 0. @category elementwise */
export const sign = <A extends Operand>(x: A): Same<A> => bind(signPrim, [x], undefined) as Same<A>
