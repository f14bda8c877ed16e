import { bind } from '../bind.js'
import type { AnyValue } from '../core.js'
import { binaryImpl, sampleBroadcastPair, type DeclaredPrimitive, type Draw, type Sample } from '../declare.js'
import { mul } from './mul.js'
import { neg } from './neg.js'
import { sub } from './sub.js'
import { unbroadcast } from './sums.js'
import type { Broadcast, Broadcastable, Operand } from './types.js'

/**
 * The share of a in max(a, b), entrywise: 1 where a > b, 0 where a < b,
 * and ½ at a tie (where max is not differentiable: ½ is the mean of the
 * one-sided derivatives, as JAX takes it). A constant: no derivative.
 */
export const maxSharePrim: DeclaredPrimitive<undefined> = {
  name: 'maxShare',
  impl: binaryImpl('maxShare', (a, b) => (a > b ? 1 : a < b ? 0 : a === b ? 0.5 : Number.NaN)),
  jvp: [undefined, undefined],
  vjp: [undefined, undefined],
  sample: (d) => untied(d),
}

const share = (a: AnyValue, b: AnyValue): AnyValue => bind(maxSharePrim, [a, b], undefined)

/**
 * Two broadcast-compatible operands a full unit apart, one above the other
 * (which one is drawn): the laws' steps never cross the kink at a = b.
 */
const untied = (d: Draw): Sample<undefined> => {
  const aAbove = d.oneOf([true, false])
  const high = { min: 0.5, max: 3 }
  const low = { min: -3, max: -0.5 }
  return { args: sampleBroadcastPair(d, aAbove ? high : low, aAbove ? low : high), params: undefined }
}

/**
 * max(a, b), entrywise, with broadcasting; NaN if either is NaN. With
 * s = [a > b] + ½[a = b] (see {@link maxSharePrim}):
 *
 * - JVP: (ȧ, ḃ) ↦ s ⊙ ȧ + (1 − s) ⊙ ḃ
 * - VJP: c ↦ (unbroadcast(s ⊙ c, a), unbroadcast((1 − s) ⊙ c, b))
 */
export const maximumPrim: DeclaredPrimitive<undefined> = {
  name: 'maximum',
  impl: binaryImpl('maximum', (a, b) => Math.max(a, b)),
  jvp: [
    (t, [a, b]) => mul(t, share(a as AnyValue, b as AnyValue)),
    (t, [a, b]) => mul(t, sub(1, share(a as AnyValue, b as AnyValue))),
  ],
  vjp: [
    (c, [a, b]) => unbroadcast(mul(c, share(a as AnyValue, b as AnyValue)), a as AnyValue),
    (c, [a, b]) => unbroadcast(mul(c, sub(1, share(a as AnyValue, b as AnyValue))), b as AnyValue),
  ],
  sample: (d) => untied(d),
}

/** max(a, b), entrywise, with broadcasting (NaN propagates). @category elementwise */
export const maximum = <A extends Operand, B extends Operand>(
  a: A,
  b: B & Broadcastable<'maximum', A, B>,
): Broadcast<A, B> => bind(maximumPrim, [a, b], undefined) as Broadcast<A, B>

/** min(a, b), entrywise, with broadcasting: −max(−a, −b), so ties share the derivative too. @category elementwise */
export const minimum = <A extends Operand, B extends Operand>(
  a: A,
  b: B & Broadcastable<'minimum', A, B>,
): Broadcast<A, B> => neg(bind(maximumPrim, [neg(a), neg(b)], undefined)) as Broadcast<A, B>

/**
 * x clipped to [lo, hi], entrywise: min(max(x, lo), hi). Its derivative is
 * 1 inside the interval, 0 outside, ½ at its ends. Throws a `RangeError` if
 * lo > hi.
 *
 * @category elementwise
 */
export const clip = <A extends Operand>(x: A, lo: number, hi: number): Broadcast<A, number> => {
  if (!(lo <= hi)) throw new RangeError(`clip: the interval [${String(lo)}, ${String(hi)}] is empty`)
  return minimum(maximum(x, lo) as Operand, hi) as Broadcast<A, number>
}
