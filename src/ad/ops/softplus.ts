import { bind } from '../bind.js'
import { elementwise } from './elementwise.js'
import { sigmoid } from './sigmoid.js'
import type { Operand, Same } from './types.js'

/**
 * y = ln(1 + eˣ), entrywise, evaluated as max(x, 0) + ln(1 + e^(−|x|)) so that softplus(1000) = 1000 and softplus(−1000) = e^(−1000) ≈ 0 without overflow. Derivative: σ(x).
 */
export const softplusPrim = elementwise({
  name: 'softplus',
  f: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  derivative: (x) => sigmoid(x),
})

/** ln(1 + eˣ), entrywise, stable for any x. @category elementwise */
export const softplus = <A extends Operand>(x: A): Same<A> => bind(softplusPrim, [x], undefined) as Same<A>
