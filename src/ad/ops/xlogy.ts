import { bind } from '../bind.js'
import { binaryImpl, sampleBroadcastPair, type DeclaredPrimitive } from '../declare.js'
import type { AnyValue } from '../core.js'
import { mul } from './mul.js'
import type { Broadcast, Broadcastable, Operand } from './types.js'
import { unbroadcast } from './sums.js'
import { xdivy } from './xdivy.js'

/**
 * x·ln y, entrywise, defined as 0 wherever x = 0 (even where y = 0, but not
 * where y is NaN: a NaN always propagates): the terms of a cross-entropy,
 * where a target of 0 must contribute nothing however confident the
 * output. Derivatives:
 *
 * - ∂/∂x: ln y, pushed forward as xlogy(ẋ, y) (so a zero tangent stays 0)
 * - ∂/∂y: x / y, pushed forward as xdivy(x, y) ⊙ ẏ (0 where x = 0)
 */
export const xlogyPrim: DeclaredPrimitive<undefined> = {
  name: 'xlogy',
  impl: binaryImpl('xlogy', (x, y) => (x === 0 && !Number.isNaN(y) ? 0 : x * Math.log(y))),
  jvp: [(t, [, y]) => xlogy(t, y as Operand), (t, [x, y]) => mul(t, xdivy(x as Operand, y as Operand))],
  vjp: [
    (c, [x, y]) => unbroadcast(xlogy(c, y as Operand), x as AnyValue),
    (c, [x, y]) => unbroadcast(mul(c, xdivy(x as Operand, y as Operand)), y as AnyValue),
  ],
  sample: (d) => ({ args: sampleBroadcastPair(d, {}, { min: 0.2, max: 3 }), params: undefined }),
}

/** x·ln y, entrywise, with 0 where x = 0 (NaN where y is NaN). @category elementwise */
export const xlogy = <A extends Operand, B extends Operand>(
  x: A,
  y: B & Broadcastable<'xlogy', A, B>,
): Broadcast<A, B> => bind(xlogyPrim, [x, y], undefined) as Broadcast<A, B>
