import { bind } from '../bind.js'
import { binaryImpl, sampleBroadcastPair, type DeclaredPrimitive } from '../declare.js'
import type { AnyValue } from '../core.js'
import { mul } from './mul.js'
import { neg } from './neg.js'
import type { Broadcast, Broadcastable, Operand } from './types.js'
import { unbroadcast } from './sums.js'

/**
 * x / y, entrywise, defined as 0 wherever x = 0 (even where y = 0, but not
 * where y is NaN): the derivative of xlogy. With q = xdivy(x, y):
 *
 * - ∂/∂x: 1 / y, pushed forward as xdivy(ẋ, y)
 * - ∂/∂y: −x / y² = −q / y, pushed forward as −xdivy(q, y) ⊙ ẏ
 */
export const xdivyPrim: DeclaredPrimitive<undefined> = {
  name: 'xdivy',
  impl: binaryImpl('xdivy', (x, y) => (x === 0 && !Number.isNaN(y) ? 0 : x / y)),
  jvp: [(t, [, y]) => xdivy(t, y as Operand), (t, [, y], q) => neg(mul(t, xdivy(q, y as Operand)))],
  vjp: [
    (c, [x, y]) => unbroadcast(xdivy(c, y as Operand), x as AnyValue),
    (c, [, y], q) => neg(unbroadcast(mul(c, xdivy(q, y as Operand)), y as AnyValue)),
  ],
  sample: (d) => ({ args: sampleBroadcastPair(d, {}, { min: 0.2, max: 3 }), params: undefined }),
}

/** x / y, entrywise, with 0 where x = 0 (NaN where y is NaN). @category elementwise */
export const xdivy = <A extends Operand, B extends Operand>(
  x: A,
  y: B & Broadcastable<'xdivy', A, B>,
): Broadcast<A, B> => bind(xdivyPrim, [x, y], undefined) as Broadcast<A, B>
