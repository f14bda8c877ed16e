import { bind } from '../bind.js'
import { elementwise } from './elementwise.js'
import { div } from './div.js'
import type { Operand, Same } from './types.js'

/**
 * y = √x, entrywise. Derivative: 1/(2√x) = 0.5 / y.
 */
export const sqrtPrim = elementwise({
  name: 'sqrt',
  f: Math.sqrt,
  derivative: (_x, y) => div(0.5, y),
  domain: { min: 0.2, max: 5 },
})

/** √x, entrywise. @category elementwise */
export const sqrt = <A extends Operand>(x: A): Same<A> => bind(sqrtPrim, [x], undefined) as Same<A>
