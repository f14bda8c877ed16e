/* eslint-disable functional/no-loop-statements, functional/no-let, functional/immutable-data --
 * Each draw advances a cursor created inside the call and fills a buffer
 * allocated in the call; neither escapes.
 */
/**
 * Seeded random numbers as pure functions: every function takes an
 * immutable generator state ({@link Rng}) and returns its result together
 * with the next state. The same seed gives bit-identical results, on every
 * machine; nothing is global.
 *
 * ## The generator: Threefry-4×32, a key and a counter
 *
 * A state is a 128-bit key K and a counter n. The key names a stream of
 * 32-bit words: word i is word i mod 4 of the block T_K(⌊i/4⌋, 0, 0, 0),
 * where T_K is Threefry-4×32-20 (Salmon et al., SC 2011; the generator
 * behind JAX's `random`), a bijection of 128-bit blocks for each key. The
 * counter says how far the state has read its stream. Drawing advances the
 * counter; the key never changes.
 *
 * ## Splitting: a tree of keys
 *
 * `split` and `foldIn` give states with *new keys*, each the encryption,
 * under the parent's key, of a block that draws never encrypt:
 *
 * | use | block encrypted under K (n: the parent's counter) |
 * | --- | --- |
 * | draws | (b mod 2³², ⌊b / 2³²⌋, 0, 0) for block b < 2⁵¹ |
 * | child i ∈ {0, 1} of `split` | (n mod 2³², ⌊n / 2³²⌋ + 1·2²⁴, i, 0) |
 * | `foldIn(d)` | (n mod 2³², ⌊n / 2³²⌋ + (2 or 3, for d < 0)·2²⁴, d mod 2³², ⌊d / 2³²⌋ mod 2³²) |
 *
 * and a new state starts at counter 0. So splitting is a tree with no depth
 * limit: every key that `split` or `foldIn` makes is a pseudo-random
 * 128-bit value, and since T_K
 * is a bijection, the keys that one state gives its children (and the
 * blocks it draws) are always distinct. For nodes in different branches,
 * the keys coincide only by chance: among N keys, with probability at most
 * N²/2¹²⁹. Distinct keys give streams that, by the cipher's strength, are
 * as independent as random words: the law `splitTreeStreamsDoNotOverlap`
 * checks that no two consecutive words of one stream appear in another.
 * The parent stays usable: its own draws are independent of its children's.
 * The counter takes part in the blocks, so splitting a state and splitting
 * it after one more draw give different children.
 *
 * Why not jumps of the earlier xoroshiro128+: one cycle of 2¹²⁸ states
 * cut into disjoint segments can give each split only half of its
 * parent's segment, so the tree's depth is bounded (the loop
 * `[r, sub] = split(r)` nests one level per turn) and `foldIn` with 2⁶⁴
 * possible values does not fit at all. A key per stream has neither limit.
 *
 * Why the streams of small seeds changed too, although published runs are
 * pinned to seeds: the earlier seeding, xoroshiro128+ from (−1, ¬s, s, 0),
 * made the first word of seed s equal to ¬s, so the first uniform draw of
 * seed s was within (s + 1)·2⁻²⁶ of 1, and the first two normal draws of
 * seed 0 were 3.4·10⁻⁷ and −7.16: a 7σ weight w¹₁₂ in every network
 * initialised from it. Keeping those streams would have kept that. States of the earlier generator
 * (four words) are refused by `fromState` and `RngC` with a message saying
 * so, rather than continued with a different stream.
 *
 * ## Seeds
 *
 * A seed is a safe integer (a `number`) or a `bigint` in [−2⁶³, 2⁶⁴), so
 * that signed and unsigned 64-bit seeds both work. Its key is the seed
 * itself in 128-bit two's complement (k₀ the lowest 32 bits; k₂ = k₃ = 0
 * for s ≥ 0 and 2³² − 1 for s < 0), so distinct seeds always give distinct
 * keys, and −1 and 2⁶⁴ − 1 are different seeds. `parseSeed` reads a seed
 * from text, for command lines and config files.
 *
 * Cost, measured on Node 20 on a loaded 2-core machine: one block (four
 * words) takes about 30 ns; a 100×784 matrix of normal draws about 5 ms, of
 * uniform draws about 3 ms, a permutation of 60,000 about 5 ms. That is
 * 2–4 times the earlier xoroshiro128+ for matrices and the same for
 * permutations: small next to the training it feeds.
 *
 * Limits: a stream has 2⁵³ − 1 words; drawing past that throws a
 * `RangeError` (split or `foldIn` for fresh streams). Invalid seeds, ranges
 * and sizes throw a `RangeError` that names the value: they are programmer
 * errors.
 *
 * @example
 * import { Random } from 'nabla'
 *
 * const root = Random.seed(7)
 * const [initKey, shuffleKey] = Random.split(root)
 * const [w] = Random.normal(30, 64, initKey, { std: 0.125 })
 * const epoch3 = Random.foldIn(shuffleKey, 3)
 * const [order] = Random.permutation(1000, epoch3)
 *
 * @module
 */
import { either as E } from 'fp-ts'
import type { Matrix } from './Matrix.js'
import { assertSize, fromBuffer } from './internal.js'
import { COUNTER_LIMIT, makeRng, stateProblem, type Rng } from './rngState.js'
import { keySchedule, threefry4x32 } from './threefry.js'

export type { Rng } from './rngState.js'

// seeds

/**
 * A seed: a safe integer, or a bigint in [−2⁶³, 2⁶⁴).
 *
 * @category random
 */
export type Seed = number | bigint

const SEED_MIN = -(2n ** 63n)
const SEED_MAX = 2n ** 64n - 1n
const TWO_32 = 4294967296

/** What a seed may be, for messages. */
const SEED_RANGE = 'a safe integer, or a bigint in [-2^63, 2^64)'

/** The integer a seed (or `foldIn` datum) stands for; throws a `RangeError` naming the value otherwise. */
const seedInteger = (op: string, s: unknown): bigint => {
  if (typeof s === 'bigint') {
    if (s >= SEED_MIN && s <= SEED_MAX) return s
    throw new RangeError(`${op}: ${s.toString()}n is outside [-2^63, 2^64)`)
  }
  if (typeof s !== 'number') throw new RangeError(`${op}: expected ${SEED_RANGE}, got a ${typeof s}`)
  if (Number.isSafeInteger(s)) return BigInt(s)
  throw new RangeError(
    Number.isInteger(s)
      ? `${op}: ${String(s)} is beyond the safe integers (±(2^53 − 1)); pass an integer that large as a bigint`
      : `${op}: ${String(s)} is not an integer; expected ${SEED_RANGE}`,
  )
}

/** The four 32-bit words of x in 128-bit two's complement, lowest first. */
const words128 = (x: bigint): readonly [number, number, number, number] => {
  const u = BigInt.asUintN(128, x)
  return [Number(u & 0xffffffffn), Number((u >> 32n) & 0xffffffffn), Number((u >> 64n) & 0xffffffffn), Number(u >> 96n)]
}

/**
 * The state of a seed: its key is the seed in 128-bit two's complement, its
 * counter 0. Distinct seeds give distinct streams. Throws a `RangeError`
 * naming the value for a seed that is not a safe integer or a bigint in
 * [−2⁶³, 2⁶⁴) (a fraction, NaN, ±∞, 2⁵³ as a number).
 *
 * @category random
 */
export const seed = (s: Seed): Rng => {
  const [k0, k1, k2, k3] = words128(seedInteger('Random.seed', s))
  return makeRng(k0, k1, k2, k3, 0)
}

/** Text, shortened for a message: at most 40 characters, quoted and escaped. */
const quote = (text: string): string => JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text)

/**
 * A seed from text, for boundaries (command-line flags, config files):
 * `Right(seed)` for a decimal integer (an optional sign, then digits) in
 * [−2⁶³, 2⁶⁴), `Left(message)` otherwise. Never throws.
 *
 * @example
 * Random.parseSeed('18446744073709551615') // Right(18446744073709551615n)
 * Random.parseSeed('-7')                   // Right(-7n)
 * Random.parseSeed('1e3')                  // Left('a seed must be a decimal integer, got "1e3"')
 *
 * @category random
 */
export const parseSeed = (text: string): E.Either<string, bigint> => {
  if (!/^[+-]?[0-9]+$/.test(text)) return E.left(`a seed must be a decimal integer, got ${quote(text)}`)
  // more than 20 significant digits is out of range; do not parse a huge number to find that out
  const digits = text.replace(/^[+-]?0*/, '')
  const s = digits.length > 20 ? undefined : BigInt(text)
  return s !== undefined && s >= SEED_MIN && s <= SEED_MAX
    ? E.right(s)
    : E.left(
        `the seed ${quote(text)} is out of range: a seed is an integer from ${SEED_MIN.toString()} to ${SEED_MAX.toString()}`,
      )
}

/**
 * Restores a state from its five words (as stored in a checkpoint). Throws a
 * `RangeError` if they are not a valid state (see `Rng.state`); use the
 * codec `RngC` to read untrusted JSON.
 *
 * @category random
 */
export const fromState = (state: ReadonlyArray<number>): Rng => {
  const problem = stateProblem(state)
  if (problem !== undefined) throw new RangeError(`Random.fromState: ${problem}`)
  const [k0, k1, k2, k3, n] = state as Rng['state']
  return makeRng(k0, k1, k2, k3, n)
}

// splitting

/** Domain tags, in bits 24–25 of the second block word. */
const TAG = 2 ** 24
const SPLIT = 1
const FOLD = 2
const FOLD_NEGATIVE = 3

/** The state whose key is the encryption of (n mod 2³², ⌊n/2³²⌋ + tag·2²⁴, d₀, d₁) under the key of rng, at counter 0. */
const derive = (rng: Rng, tag: number, d0: number, d1: number): Rng => {
  const [k0, k1, k2, k3, n] = rng.state
  const key = new Uint32Array(4)
  threefry4x32(keySchedule(k0, k1, k2, k3), n % TWO_32, Math.floor(n / TWO_32) + tag * TAG, d0, d1, key)
  return makeRng(key[0] as number, key[1] as number, key[2] as number, key[3] as number, 0)
}

/**
 * Two new states with keys of their own, for handing randomness to two
 * consumers. The streams of both, of their own splits at any depth, and of
 * the state split, never share a run of words (except by a chance
 * that a 128-bit key makes negligible; see the module doc). Splitting the
 * same state twice gives the same pair; splitting it after a draw gives
 * another.
 *
 * @category random
 */
export const split = (rng: Rng): readonly [Rng, Rng] => [derive(rng, SPLIT, 0, 0), derive(rng, SPLIT, 1, 0)]

/**
 * A new state derived from a state and an integer (JAX's `fold_in`): one
 * independent stream per epoch, per layer, per example, without threading
 * states through. Distinct integers give distinct streams, independent of
 * each other, of the state's own stream and of its splits. The integer is
 * a safe integer or a bigint in [−2⁶³, 2⁶⁴); anything else throws a
 * `RangeError` naming it.
 *
 * @category random
 */
export const foldIn = (rng: Rng, data: Seed): Rng => {
  const d = seedInteger('Random.foldIn', data)
  const u = BigInt.asUintN(64, d)
  return derive(rng, d < 0n ? FOLD_NEGATIVE : FOLD, Number(u & 0xffffffffn), Number(u >> 32n))
}

// drawing

/** A reader of a state's stream, created inside one call. */
interface Cursor {
  /** The next word of the stream, an integer in [0, 2³²). */
  readonly next: () => number
  /** The state after the words read so far. */
  readonly rng: () => Rng
}

const cursor = (rng: Rng): Cursor => {
  const [k0, k1, k2, k3, start] = rng.state
  const ks = keySchedule(k0, k1, k2, k3)
  const block = new Uint32Array(4)
  // the next word is word i of block b: the counter is 4b + i
  let b = Math.floor(start / 4)
  let i = start - 4 * b
  let loaded = false
  return {
    next: () => {
      if (4 * b + i >= COUNTER_LIMIT) {
        throw new RangeError('Random: this state has drawn all 2^53 − 1 words of its stream; split it for fresh ones')
      }
      if (!loaded) {
        threefry4x32(ks, b % TWO_32, Math.floor(b / TWO_32), 0, 0, block)
        loaded = true
      }
      const word = block[i] as number
      if (++i === 4) {
        i = 0
        b++
        loaded = false
      }
      return word
    },
    rng: () => makeRng(k0, k1, k2, k3, 4 * b + i),
  }
}

/** A float uniform on the multiples of 2⁻⁵³ in [0, 1): the top 27 bits of one word, then the top 26 of the next. */
const unitFloat = (c: Cursor): number => ((c.next() >>> 5) * 67108864 + (c.next() >>> 6)) / 9007199254740992

/** An integer uniform in [0, size), 1 ≤ size ≤ 2³²: one word, drawn again while it falls in the incomplete last block of `size` values. */
const below32 = (c: Cursor, size: number): number => {
  const limit = size * Math.floor(TWO_32 / size)
  let w = c.next()
  while (w >= limit) w = c.next()
  return w % size
}

/** An integer uniform in [0, size), 2³² < size ≤ 2⁵⁴: the same with two words. */
const below64 = (c: Cursor, size: bigint): bigint => {
  const limit = (2n ** 64n / size) * size
  const word64 = (): bigint => (BigInt(c.next()) << 32n) | BigInt(c.next())
  let w = word64()
  while (w >= limit) w = word64()
  return w % size
}

/** A 32-bit word, an integer uniform in [0, 2³²), and the next state: the generator's raw output. @category random */
export const nextUint32 = (rng: Rng): readonly [number, Rng] => {
  const c = cursor(rng)
  const x = c.next()
  return [x, c.rng()]
}

/** A number uniform on the multiples of 2⁻⁵³ in [0, 1), and the next state. @category random */
export const nextFloat = (rng: Rng): readonly [number, Rng] => {
  const c = cursor(rng)
  const x = unitFloat(c)
  return [x, c.rng()]
}

/**
 * An integer uniform in [from, to] (both included) and the next state.
 * Throws a `RangeError` unless from and to are safe integers with
 * from ≤ to.
 *
 * @category random
 */
export const nextInt = (rng: Rng, from: number, to: number): readonly [number, Rng] => {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from > to) {
    throw new RangeError(
      `Random.nextInt: [${String(from)}, ${String(to)}] must be a range of safe integers with from ≤ to`,
    )
  }
  const c = cursor(rng)
  const x =
    to - from < TWO_32
      ? from + below32(c, to - from + 1)
      : Number(BigInt(from) + below64(c, BigInt(to) - BigInt(from) + 1n))
  return [x, c.rng()]
}

/**
 * A uniformly random permutation of 0 … n−1 (Fisher–Yates) and the next
 * state: the shuffle of a training epoch. Throws a `RangeError` unless n is
 * an integer in [0, 2³²].
 *
 * @category random
 */
export const permutation = (n: number, rng: Rng): readonly [ReadonlyArray<number>, Rng] => {
  if (!Number.isInteger(n) || n < 0 || n > TWO_32) {
    throw new RangeError(`Random.permutation: n must be an integer in [0, 2^32], got ${String(n)}`)
  }
  const c = cursor(rng)
  const out = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = below32(c, i + 1)
    const t = out[i] as number
    out[i] = out[j] as number
    out[j] = t
  }
  return [Object.freeze(out), c.rng()]
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
  const c = cursor(rng)
  const out = new Float64Array(rows * cols)
  for (let i = 0; i < out.length; i++) {
    let x = low + width * unitFloat(c)
    // Rounding can land on `high` itself when [low, high) is only a few
    // float64s wide; draw again then (a draw of 0 always gives low < high).
    while (x >= high && width > 0) x = low + width * unitFloat(c)
    out[i] = x
  }
  return [fromBuffer(rows, cols, out), c.rng()]
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
  const c = cursor(rng)
  const n = rows * cols
  const out = new Float64Array(n)
  for (let i = 0; i < n; i += 2) {
    // 1 − u lies in (0, 1], so the logarithm is finite
    const u = 1 - unitFloat(c)
    const v = unitFloat(c)
    const radius = Math.sqrt(-2 * Math.log(u))
    out[i] = mean + std * radius * Math.cos(2 * Math.PI * v)
    if (i + 1 < n) out[i + 1] = mean + std * radius * Math.sin(2 * Math.PI * v)
  }
  return [fromBuffer(rows, cols, out), c.rng()]
}
