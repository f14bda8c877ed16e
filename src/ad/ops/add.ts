import { bind } from '../bind.js'
import type { AnyValue } from '../core.js'
import { binaryImpl, sampleBroadcastPair, type DeclaredPrimitive } from '../declare.js'
import { broadcastTo, unbroadcast } from './sums.js'
import type { Broadcast, Broadcastable, Operand } from './types.js'

/**
 * a + b, entrywise, with broadcasting (a number, a row or a column
 * stretches to the other operand's shape).
 *
 * - JVP: (ȧ, ḃ) ↦ broadcast(ȧ) + broadcast(ḃ), each tangent stretched to the
 *   output's shape as its operand was (a constant matrix plus a traced number
 *   has a tangent in every entry)
 * - VJP: c ↦ (unbroadcast(c, a), unbroadcast(c, b))
 */
export const addPrim: DeclaredPrimitive<undefined> = {
  name: 'add',
  impl: binaryImpl('add', (x, y) => x + y, 'add'),
  jvp: [(t, _, y) => broadcastTo(t, y), (t, _, y) => broadcastTo(t, y)],
  vjp: [(c, [a]) => unbroadcast(c, a as AnyValue), (c, [, b]) => unbroadcast(c, b as AnyValue)],
  sample: (d) => ({ args: sampleBroadcastPair(d, {}, {}), params: undefined }),
}

/**
 * a + b, entrywise. Numbers broadcast against matrices, and an n×1 column
 * (a bias) is added to every column of an n×m matrix (a mini-batch).
 *
 * @example
 * add(matmul(w, x), b)   // wx + b for every example (column) of x
 * @category operations
 */
export const add = <A extends Operand, B extends Operand>(a: A, b: B & Broadcastable<'add', A, B>): Broadcast<A, B> =>
  bind(addPrim, [a, b], undefined) as Broadcast<A, B>
