import { bind } from '../bind.js'
import * as K from '../../matrix/kernels.js'
import { unaryImpl, type DeclaredPrimitive } from '../declare.js'
import type { Operand, Same } from './types.js'

/**
 * −a.
 *
 * - JVP: ȧ ↦ −ȧ
 * - VJP: c ↦ −c
 */
export const negPrim: DeclaredPrimitive<undefined> = {
  name: 'neg',
  impl: unaryImpl(
    (x) => -x,
    (a) => K.scale(a, -1),
  ),
  jvp: [(t) => neg(t)],
  vjp: [(c) => neg(c)],
  sample: (d) => ({
    args: [d.oneOf([true, false]) ? d.number() : d.matrix(d.size(1, 4), d.size(1, 4))],
    params: undefined,
  }),
}

/** −a. @category operations */
export const neg = <A extends Operand>(a: A): Same<A> => bind(negPrim, [a], undefined) as Same<A>
