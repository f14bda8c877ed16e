import { bind } from '../bind.js'
import * as K from '../../matrix/kernels.js'
import { elementwise } from './elementwise.js'
import { sub } from './sub.js'
import { mul } from './mul.js'
import type { Operand, Same } from './types.js'

/**
 * y = σ(x) = 1 / (1 + e⁻ˣ), entrywise, evaluated as eˣ/(1 + eˣ) for x < 0
 * so that it is exact in the tails (σ(1000) = 1, σ(−1000) = 0, never NaN).
 * Derivative: σ′(x) = σ(x)(1 − σ(x)) = y ⊙ (1 − y).
 */
export const sigmoidPrim = elementwise({
  name: 'sigmoid',
  f: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  kernel: K.sigmoid,
  derivative: (_x, y) => mul(y, sub(1, y)),
})

/** σ(x) = 1 / (1 + e⁻ˣ), entrywise, stable for any x. @category elementwise */
export const sigmoid = <A extends Operand>(x: A): Same<A> => bind(sigmoidPrim, [x], undefined) as Same<A>
