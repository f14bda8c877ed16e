import { bind } from '../bind.js'
import type { AnyValue } from '../core.js'
import { binaryImpl, sampleBroadcastPair, type DeclaredPrimitive } from '../declare.js'
import { mul } from './mul.js'
import { neg } from './neg.js'
import type { Broadcast, Broadcastable, Operand } from './types.js'
import { unbroadcast } from './sums.js'

/**
 * a ⊘ b, the entrywise quotient, with broadcasting. With y = a ⊘ b:
 *
 * - JVP: (ȧ, ḃ) ↦ ȧ ⊘ b − ḃ ⊙ y ⊘ b
 * - VJP: c ↦ (unbroadcast(c ⊘ b, a), −unbroadcast(c ⊙ y ⊘ b, b))
 */
export const divPrim: DeclaredPrimitive<undefined> = {
  name: 'div',
  impl: binaryImpl('div', (x, y) => x / y, 'div'),
  jvp: [(t, [, b]) => div(t, b as Operand), (t, [, b], y) => neg(div(mul(t, y), b as Operand))],
  vjp: [
    (c, [a, b]) => unbroadcast(div(c, b as Operand), a as AnyValue),
    (c, [, b], y) => neg(unbroadcast(div(mul(c, y), b as Operand), b as AnyValue)),
  ],
  sample: (d) => ({
    args: sampleBroadcastPair(d, {}, { min: -3, max: 3, avoid: [0], margin: 0.5 }),
    params: undefined,
  }),
}

/** a ⊘ b, entrywise, with broadcasting. @category operations */
export const div = <A extends Operand, B extends Operand>(a: A, b: B & Broadcastable<'div', A, B>): Broadcast<A, B> =>
  bind(divPrim, [a, b], undefined) as Broadcast<A, B>
