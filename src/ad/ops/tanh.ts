import { bind } from '../bind.js'
import { elementwise } from './elementwise.js'
import { sub } from './sub.js'
import { mul } from './mul.js'
import type { Operand, Same } from './types.js'

/**
 * y = tanh x, entrywise (±1 at |x| = 1000, never NaN). Derivative: 1 − y².
 */
export const tanhPrim = elementwise({
  name: 'tanh',
  f: Math.tanh,
  derivative: (_x, y) => sub(1, mul(y, y)),
})

/** tanh x, entrywise. @category elementwise */
export const tanh = <A extends Operand>(x: A): Same<A> => bind(tanhPrim, [x], undefined) as Same<A>
