import { bind } from '../bind.js'
import { elementwise } from './elementwise.js'
import { step } from './step.js'
import type { Operand, Same } from './types.js'

/**
 * y = max(x, 0), entrywise. Derivative: the step function H(x) (1 for x > 0, 0 otherwise; at the kink x = 0 we take 0, which lies between the one-sided derivatives 0 and 1).
 */
export const reluPrim = elementwise({
  name: 'relu',
  f: (x) => (x > 0 ? x : 0),
  derivative: (x) => step(x),
  domain: { min: -3, max: 3, avoid: [0], margin: 0.5 },
  kinks: [0],
})

/** max(x, 0), entrywise. @category elementwise */
export const relu = <A extends Operand>(x: A): Same<A> => bind(reluPrim, [x], undefined) as Same<A>
