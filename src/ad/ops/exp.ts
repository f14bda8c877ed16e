import { bind } from '../bind.js'
import { elementwise } from './elementwise.js'
import type { Operand, Same } from './types.js'

/**
 * y = eˣ, entrywise. Derivative: y′ = eˣ = y, so ẏ = y ⊙ ẋ and x̄ = y ⊙ ȳ.
 */
export const expPrim = elementwise({
  name: 'exp',
  f: Math.exp,
  derivative: (_x, y) => y,
})

/** eˣ, entrywise. @category elementwise */
export const exp = <A extends Operand>(x: A): Same<A> => bind(expPrim, [x], undefined) as Same<A>
