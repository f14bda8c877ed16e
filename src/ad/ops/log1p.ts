import { bind } from '../bind.js'
import { add } from './add.js'
import { div } from './div.js'
import { elementwise } from './elementwise.js'
import type { Operand, Same } from './types.js'

/**
 * y = ln(1 + x), entrywise, accurate for small x where 1 + x would round
 * (log1p(1e-17) = 1e-17, where ln(1 + 1e-17) = 0). Derivative: 1/(1 + x).
 */
export const log1pPrim = elementwise({
  name: 'log1p',
  f: Math.log1p,
  derivative: (x) => div(1, add(1, x)),
  domain: { min: -0.8, max: 4 },
})

/** ln(1 + x), entrywise, accurate near 0. @category elementwise */
export const log1p = <A extends Operand>(x: A): Same<A> => bind(log1pPrim, [x], undefined) as Same<A>
