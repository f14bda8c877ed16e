import { bind } from '../bind.js'
import { elementwise } from './elementwise.js'
import { sign } from './sign.js'
import type { Operand, Same } from './types.js'

/**
 * y = |x|, entrywise. Derivative: sign(x) (0 at the kink, between the one-sided derivatives −1 and 1).
 */
export const absPrim = elementwise({
  name: 'abs',
  f: Math.abs,
  derivative: (x) => sign(x),
  domain: { min: -3, max: 3, avoid: [0], margin: 0.5 },
  kinks: [0],
})

/** |x|, entrywise. @category elementwise */
export const abs = <A extends Operand>(x: A): Same<A> => bind(absPrim, [x], undefined) as Same<A>
