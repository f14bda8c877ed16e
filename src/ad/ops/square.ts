import { bind } from '../bind.js'
import { elementwise } from './elementwise.js'
import { mul } from './mul.js'
import type { Operand, Same } from './types.js'

/**
 * y = x², entrywise. Derivative: 2x.
 */
export const squarePrim = elementwise({
  name: 'square',
  f: (x) => x * x,
  derivative: (x) => mul(2, x),
})

/** x², entrywise. @category elementwise */
export const square = <A extends Operand>(x: A): Same<A> => bind(squarePrim, [x], undefined) as Same<A>
