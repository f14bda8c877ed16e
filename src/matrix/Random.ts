/* eslint-disable functional/no-loop-statements, functional/no-let, functional/immutable-data --
 * Each draw mutates a generator cloned from an immutable state inside the
 * call, and fills a buffer allocated in the call; neither escapes.
 */
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus'
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { uniformInt } from 'pure-rand/distribution/uniformInt'
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator'
import type { Matrix } from './Matrix.js'
import { assertSize, fromBuffer } from './internal.js'

/**
 * The immutable state of nabla's pseudo-random generator (xoroshiro128+,
 * from `pure-rand`, the generator fast-check uses). Every random function
 * takes a state and returns its result together with the next state, so the
 * same seed always gives bit-identical results and nothing is global.
 *
 * @category random
 */
export interface Rng {
  readonly _tag: 'Rng'
  /** The generator's internal words; plain numbers, so a state survives JSON. */
  readonly state: ReadonlyArray<number>
}

/**
 * A state seeded from an integer. Only the low 32 bits of the seed are used
 * (seeds that differ only above bit 31 give the same stream).
 *
 * @category random
 */
export const seed = (s: number): Rng => freeze(xoroshiro128plus(s | 0))

/** Restores a state from its words (as stored in a checkpoint). @category random */
export const fromState = (state: ReadonlyArray<number>): Rng => freeze(xoroshiro128plusFromState(state))

/**
 * Splits one state into two independent streams (the second one jumps 2⁶⁴
 * steps ahead), for handing randomness to two consumers.
 *
 * @category random
 */
export const split = (rng: Rng): readonly [Rng, Rng] => {
  const g = thaw(rng)
  const h = g.clone()
  h.jump()
  g.next()
  return [freeze(g), freeze(h)]
}

const freeze = (g: JumpableRandomGenerator): Rng =>
  Object.freeze({ _tag: 'Rng' as const, state: Object.freeze([...g.getState()]) })

const thaw = (rng: Rng): JumpableRandomGenerator => xoroshiro128plusFromState(rng.state)

/** A number uniform in [0, 1) and the next state. @category random */
export const nextFloat = (rng: Rng): readonly [number, Rng] => {
  const g = thaw(rng)
  const x = uniformFloat64(g)
  return [x, freeze(g)]
}

/** An integer uniform in [from, to] (both included) and the next state. @category random */
export const nextInt = (rng: Rng, from: number, to: number): readonly [number, Rng] => {
  const g = thaw(rng)
  const x = uniformInt(g, from, to)
  return [x, freeze(g)]
}

/**
 * A uniformly random permutation of 0 … n−1 (Fisher–Yates) and the next
 * state: the shuffle of a training epoch.
 *
 * @category random
 */
export const permutation = (n: number, rng: Rng): readonly [ReadonlyArray<number>, Rng] => {
  const g = thaw(rng)
  const out = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = uniformInt(g, 0, i)
    const t = out[i] as number
    out[i] = out[j] as number
    out[j] = t
  }
  return [Object.freeze(out), freeze(g)]
}

/**
 * A rows×cols matrix of independent draws uniform in [low, high) and the
 * next state. Throws a `RangeError` if high − low is not finite.
 *
 * @category random
 */
export const uniform = <R extends number, C extends number>(
  rows: R,
  cols: C,
  rng: Rng,
  options: { readonly low?: number; readonly high?: number } = {},
): readonly [Matrix<R, C>, Rng] => {
  assertSize('uniform', rows, cols)
  const low = options.low ?? 0
  const high = options.high ?? 1
  const width = high - low
  if (!Number.isFinite(width)) {
    throw new RangeError(`uniform: the range [${String(low)}, ${String(high)}) must be finite and not too wide`)
  }
  const g = thaw(rng)
  const out = new Float64Array(rows * cols)
  for (let i = 0; i < out.length; i++) {
    let x = low + width * uniformFloat64(g)
    // Rounding can land on `high` itself when [low, high) is only a few
    // float64s wide; draw again then (a draw of 0 always gives low < high).
    while (x >= high && width > 0) x = low + width * uniformFloat64(g)
    out[i] = x
  }
  return [fromBuffer(rows, cols, out), freeze(g)]
}

/**
 * A rows×cols matrix of independent draws from N(mean, std²) (Box–Muller
 * on two uniform draws per pair of entries) and the next state.
 *
 * @category random
 */
export const normal = <R extends number, C extends number>(
  rows: R,
  cols: C,
  rng: Rng,
  options: { readonly mean?: number; readonly std?: number } = {},
): readonly [Matrix<R, C>, Rng] => {
  assertSize('normal', rows, cols)
  const mean = options.mean ?? 0
  const std = options.std ?? 1
  const g = thaw(rng)
  const n = rows * cols
  const out = new Float64Array(n)
  for (let i = 0; i < n; i += 2) {
    // 1 − u lies in (0, 1], so the logarithm is finite
    const u = 1 - uniformFloat64(g)
    const v = uniformFloat64(g)
    const radius = Math.sqrt(-2 * Math.log(u))
    out[i] = mean + std * radius * Math.cos(2 * Math.PI * v)
    if (i + 1 < n) out[i + 1] = mean + std * radius * Math.sin(2 * Math.PI * v)
  }
  return [fromBuffer(rows, cols, out), freeze(g)]
}
