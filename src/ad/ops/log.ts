import { bind } from '../bind.js'
import { elementwise } from './elementwise.js'
import { div } from './div.js'
import type { Operand, Same } from './types.js'

/**
 * y = ln x, entrywise; ln 0 = −∞ and ln of a negative number is NaN, as in Math.log. Derivative: 1/x.
 */
export const logPrim = elementwise({
  name: 'log',
  f: Math.log,
  derivative: (x) => div(1, x),
  domain: { min: 0.2, max: 5 },
})

/** ln x, entrywise (ln 0 = −∞). @category elementwise */
export const log = <A extends Operand>(x: A): Same<A> => bind(logPrim, [x], undefined) as Same<A>
