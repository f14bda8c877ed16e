/**
 * The value of a generator state: its layout, the one check of what a
 * valid state is (shared by `Random.fromState`, which throws, and the
 * codec `RngC`, which returns a `Left`), and its frozen construction.
 *
 * @module
 */

/**
 * The immutable state of nabla's pseudo-random generator: a Threefry-4×32
 * key and a counter (see the `Random` module). Every random function takes
 * a state and returns its result together with the next state, so the same
 * seed always gives bit-identical results and nothing is global.
 *
 * @category random
 */
export interface Rng {
  readonly _tag: 'Rng'
  /**
   * The state's five words, plain numbers so that a state survives JSON:
   * the key k₀, k₁, k₂, k₃ (each an integer in [0, 2³²)) and the counter n
   * (an integer in [0, 2⁵³ − 1]): the state's stream has already given its
   * words 0 … n − 1, and word n is the next one drawn.
   */
  readonly state: readonly [number, number, number, number, number]
}

/** The counter's largest value: a stream has 2⁵³ − 1 words, 0 … 2⁵³ − 2. */
export const COUNTER_LIMIT: number = Number.MAX_SAFE_INTEGER

// −0 is refused too: it is not what nabla writes, and would not be written back as read
const isWord = (u: unknown): u is number =>
  typeof u === 'number' && Number.isInteger(u) && u >= 0 && u <= 0xffffffff && !Object.is(u, -0)

const isCounter = (u: unknown): u is number =>
  typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 && u <= COUNTER_LIMIT && !Object.is(u, -0)

const isOldState = (u: ReadonlyArray<unknown>): boolean =>
  u.length === 4 && u.every((w) => typeof w === 'number' && (w | 0) === w)

/**
 * Why `u` is not the words of a generator state (one readable sentence), or
 * `undefined` if it is. Never throws, whatever `u` is.
 */
export const stateProblem = (u: unknown): string | undefined => {
  if (!Array.isArray(u)) return 'expected the generator state: an array of five integers (four key words and a counter)'
  const words = u as ReadonlyArray<unknown>
  if (isOldState(words)) {
    return (
      // kept short enough for one line of a bounded report
      'this is a four-word xoroshiro128+ state of an earlier nabla, which cannot be continued: ' +
      'start the run again from its seed'
    )
  }
  if (words.length !== 5) {
    return `expected the generator state: five integers (four key words and a counter), got ${String(words.length)} entries`
  }
  const bad = words.slice(0, 4).findIndex((w) => !isWord(w))
  if (bad >= 0) return `key word ${String(bad)} must be an integer in [0, 4294967295]`
  if (!isCounter(words[4])) return 'the counter must be an integer in [0, 2^53 − 1]'
  return undefined
}

/** A frozen state from a key and a counter, which the caller has already checked. */
export const makeRng = (k0: number, k1: number, k2: number, k3: number, counter: number): Rng =>
  Object.freeze({
    _tag: 'Rng' as const,
    state: Object.freeze([k0 >>> 0, k1 >>> 0, k2 >>> 0, k3 >>> 0, counter] as const),
  })
