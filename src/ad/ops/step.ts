import { bind } from '../bind.js'
import { unaryImpl, type DeclaredPrimitive } from '../declare.js'
import type { Operand, Same } from './types.js'

/**
 * H(x): 1 for x > 0, else 0 (the derivative of relu). Its derivative is 0 wherever it exists (it jumps at 0, where no derivative exists and the laws do not sample), so it has no rules: tangents and cotangents through it are zero.
 */
export const stepPrim: DeclaredPrimitive<undefined> = {
  name: 'step',
  impl: unaryImpl((x) => (x > 0 ? 1 : 0)),
  jvp: [undefined],
  vjp: [undefined],
  sample: (d) => ({
    args: [d.matrix(d.size(1, 4), d.size(1, 4), { min: -3, max: 3, avoid: [0], margin: 0.5 })],
    params: undefined,
  }),
}

/** H(x), the unit step: 1 for x > 0, else 0. Not differentiable at 0; its derivative is taken as 0. @category elementwise */
export const step = <A extends Operand>(x: A): Same<A> => bind(stepPrim, [x], undefined) as Same<A>
