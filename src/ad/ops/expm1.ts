import { bind } from '../bind.js'
import { add } from './add.js'
import { elementwise } from './elementwise.js'
import type { Operand, Same } from './types.js'

/**
 * y = eˣ − 1, entrywise, accurate for small x where eˣ rounds to 1.
 * Derivative: eˣ = y + 1.
 */
export const expm1Prim = elementwise({
  name: 'expm1',
  f: Math.expm1,
  derivative: (_x, y) => add(y, 1),
})

/** eˣ − 1, entrywise, accurate near 0. @category elementwise */
export const expm1 = <A extends Operand>(x: A): Same<A> => bind(expm1Prim, [x], undefined) as Same<A>
