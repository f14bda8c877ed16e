/**
 * The io-ts codec of a generator state.
 *
 * @module
 */
import * as t from 'io-ts'
import { fromState } from './Random.js'
import { stateProblem, type Rng } from './rngState.js'

/**
 * The io-ts codec of a generator state ({@link Rng}): its five words as a
 * JSON array, `[k₀, k₁, k₂, k₃, n]` — four key words, integers in
 * [0, 2³²), and the counter, an integer in [0, 2⁵³ − 1].
 * `decode(encode(rng))` draws exactly what `rng` draws.
 *
 * `decode` checks every word and never throws; anything else is a `Left`
 * that says what is wrong. That includes the four-word xoroshiro128+
 * states of earlier versions, which decode to a `Left` saying so: this
 * generator cannot continue their streams, and resuming with a different
 * stream would give a run that is neither the old one nor a fresh one.
 *
 * @category codec
 */
export const RngC: t.Type<Rng, ReadonlyArray<number>> = new t.Type<Rng, ReadonlyArray<number>>(
  'Rng',
  (u): u is Rng =>
    typeof u === 'object' &&
    u !== null &&
    (u as { _tag?: unknown })._tag === 'Rng' &&
    stateProblem((u as { state?: unknown }).state) === undefined,
  (u, c) => {
    const problem = stateProblem(u)
    return problem === undefined ? t.success(fromState(u as ReadonlyArray<number>)) : t.failure(u, c, problem)
  },
  (rng) => [...rng.state],
)
