import { bind } from '../bind.js'
import type { AnyValue } from '../core.js'
import {
  binaryImpl,
  sampleBroadcastPair,
  type DeclaredPrimitive,
} from '../declare.js'
import type { Broadcast, Broadcastable, Operand, Same } from './types.js'
import { unbroadcast } from './sums.js'

/**
 * a ⊙ b, the entrywise (Hadamard) product, with broadcasting; with a number
 * it is scaling.
 *
 * - JVP: (ȧ, ḃ) ↦ ȧ ⊙ b + a ⊙ ḃ
 * - VJP: c ↦ (unbroadcast(c ⊙ b, a), unbroadcast(c ⊙ a, b))
 */
export const mulPrim: DeclaredPrimitive<undefined> = {
  name: 'mul',
  impl: binaryImpl('mul', (x, y) => x * y, 'mul'),
  jvp: [(t, [, b]) => mul(t, b as Operand), (t, [a]) => mul(a as Operand, t)],
  vjp: [
    (c, [a, b]) => unbroadcast(mul(c, b as Operand), a as AnyValue),
    (c, [a, b]) => unbroadcast(mul(c, a as Operand), b as AnyValue),
  ],
  sample: (d) => ({ args: sampleBroadcastPair(d, {}, {}), params: undefined }),
}

/**
 * a ⊙ b, entrywise, with broadcasting: `mul(m, 2)` scales, `mul(a, b)` of
 * equal shapes is the Hadamard product.
 *
 * @category operations
 */
export const mul = <A extends Operand, B extends Operand>(
  a: A,
  b: B & Broadcastable<'mul', A, B>,
): Broadcast<A, B> => bind(mulPrim, [a, b], undefined) as Broadcast<A, B>

/** s·x for a number (or scalar) s. @category operations */
export const scale = <A extends Operand>(x: A, s: number): Same<A> => mul(x, s)
