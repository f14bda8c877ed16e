import { bind } from '../bind.js'
import type { AnyValue } from '../core.js'
import { binaryImpl, sampleBroadcastPair, type DeclaredPrimitive } from '../declare.js'
import { broadcastTo, unbroadcast } from './sums.js'
import { neg } from './neg.js'
import type { Broadcast, Broadcastable, Operand } from './types.js'

/**
 * a − b, entrywise, with broadcasting.
 *
 * - JVP: (ȧ, ḃ) ↦ broadcast(ȧ) − broadcast(ḃ), stretched to the output's shape
 * - VJP: c ↦ (unbroadcast(c, a), −unbroadcast(c, b))
 */
export const subPrim: DeclaredPrimitive<undefined> = {
  name: 'sub',
  impl: binaryImpl('sub', (x, y) => x - y, 'sub'),
  jvp: [(t, _, y) => broadcastTo(t, y), (t, _, y) => neg(broadcastTo(t, y))],
  vjp: [(c, [a]) => unbroadcast(c, a as AnyValue), (c, [, b]) => neg(unbroadcast(c, b as AnyValue))],
  sample: (d) => ({ args: sampleBroadcastPair(d, {}, {}), params: undefined }),
}

/** a − b, entrywise, with broadcasting. @category operations */
export const sub = <A extends Operand, B extends Operand>(a: A, b: B & Broadcastable<'sub', A, B>): Broadcast<A, B> =>
  bind(subPrim, [a, b], undefined) as Broadcast<A, B>
