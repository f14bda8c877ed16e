import { bind } from '../bind.js'
import { elementwise } from './elementwise.js'
import { neg } from './neg.js'
import type { Operand, Same } from './types.js'

// sin and cos are each other's derivatives, so they are declared together.

/** y = sin x, entrywise. Derivative: cos x, itself differentiable, so every order exists. */
export const sinPrim = elementwise({
  name: 'sin',
  f: Math.sin,
  derivative: (x) => cos(x),
})

/** y = cos x, entrywise. Derivative: −sin x. */
export const cosPrim = elementwise({
  name: 'cos',
  f: Math.cos,
  derivative: (x) => neg(sin(x)),
})

/** sin x, entrywise. @category elementwise */
export const sin = <A extends Operand>(x: A): Same<A> => bind(sinPrim, [x], undefined) as Same<A>

/** cos x, entrywise. @category elementwise */
export const cos = <A extends Operand>(x: A): Same<A> => bind(cosPrim, [x], undefined) as Same<A>
