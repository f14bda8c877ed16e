/**
 * Laws of nabla's seeded random generator: a seed determines every draw,
 * different seeds and split streams differ, draws have the distribution they
 * claim.
 *
 * @module
 */
import * as fc from 'fast-check'
import { Matrix, Random, type Rng } from '../../src/index.js'
import type { Law } from '../law.js'
import { shape } from '../arbitraries/matrix.js'
import { identical, range } from './reference.js'

/** A seed: `Random.seed` takes a 32-bit integer (it truncates anything else with `| 0`). */
const seed = fc.integer()

/** Everything one state produces: draws of every kind, chained, then the final state. */
const drawAll = (rng: Rng, rows: number, cols: number) => {
  const [uniform, r1] = Random.uniform(rows, cols, rng, { low: -3, high: 5 })
  const [normal, r2] = Random.normal(rows, cols, r1, { mean: 1, std: 2 })
  const [permutation, r3] = Random.permutation(rows * cols, r2)
  const [float, r4] = Random.nextFloat(r3)
  const [int, r5] = Random.nextInt(r4, -5, 5)
  const [left, right] = Random.split(r5)
  return { uniform, normal, permutation, float, int, left: left.state, right: right.state }
}

const sameNumbers = (xs: ReadonlyArray<number>, ys: ReadonlyArray<number>): boolean =>
  xs.length === ys.length && xs.every((x, i) => Object.is(x, ys[i]))

/**
 * The same seed gives bit-identical draws of every kind (uniform and normal
 * matrices, permutations, floats, integers, split states).
 *
 * @category laws
 */
export const sameSeedGivesIdenticalDraws = (): Law<readonly [number, readonly [number, number]]> => ({
  name: 'sameSeedGivesIdenticalDraws',
  arbitrary: fc.tuple(seed, shape()),
  holds: ([s, [rows, cols]]) => {
    const x = drawAll(Random.seed(s), rows, cols)
    const y = drawAll(Random.seed(s), rows, cols)
    return (
      identical(x.uniform, y.uniform) &&
      identical(x.normal, y.normal) &&
      sameNumbers(x.permutation, y.permutation) &&
      Object.is(x.float, y.float) &&
      x.int === y.int &&
      sameNumbers(x.left, y.left) &&
      sameNumbers(x.right, y.right)
    )
  },
})

/** Four uniform draws: equal for two states only if the states are (all but) the same. */
const fingerprint = (rng: Rng): ReadonlyArray<number> => Matrix.toArray(Random.uniform(1, 4, rng)[0])

/**
 * Different 32-bit seeds give different draws.
 *
 * @category laws
 */
export const differentSeedsGiveDifferentDraws = (): Law<readonly [number, number]> => ({
  name: 'differentSeedsGiveDifferentDraws',
  arbitrary: fc.tuple(seed, seed).filter(([s, t]) => s !== t),
  holds: ([s, t]) => !sameNumbers(fingerprint(Random.seed(s)), fingerprint(Random.seed(t))),
})

/**
 * `split` gives two streams that differ from each other and from the stream
 * of the state they were split from.
 *
 * @category laws
 */
export const splitStreamsDiffer = (): Law<number> => ({
  name: 'splitStreamsDiffer',
  arbitrary: seed,
  holds: (s) => {
    const parent = Random.seed(s)
    const [a, b] = Random.split(parent)
    const [p, x, y] = [fingerprint(parent), fingerprint(a), fingerprint(b)]
    return !sameNumbers(p, x) && !sameNumbers(p, y) && !sameNumbers(x, y)
  },
})

/**
 * A state written to JSON and read back with `Random.fromState` draws
 * exactly what the original does (so a checkpoint can resume a run).
 *
 * @category laws
 */
export const rngStateSurvivesJson = (): Law<number> => ({
  name: 'rngStateSurvivesJson',
  arbitrary: seed,
  holds: (s) => {
    const rng = Random.split(Random.seed(s))[1]
    const restored = Random.fromState(JSON.parse(JSON.stringify(rng.state)) as ReadonlyArray<number>)
    return sameNumbers(fingerprint(rng), fingerprint(restored))
  },
})

/**
 * `permutation(n)` contains each of 0 … n − 1 exactly once.
 *
 * @category laws
 */
export const permutationIsAPermutation = (): Law<readonly [number, number]> => ({
  name: 'permutationIsAPermutation',
  arbitrary: fc.tuple(seed, fc.integer({ min: 0, max: 300 })),
  holds: ([s, n]) => {
    const [p] = Random.permutation(n, Random.seed(s))
    return p.length === n && range(n).every((i) => p.includes(i))
  },
})

/** The next float64 above x (x finite, not the largest). */
const nextUp = (x: number): number => {
  const bits = new BigInt64Array(Float64Array.of(x === 0 ? 0 : x).buffer)[0] ?? 0n
  return new Float64Array(BigInt64Array.of(x >= 0 ? bits + 1n : bits - 1n).buffer)[0] ?? Number.NaN
}

/** [low, high) ranges, wide ones and ones only a few float64s wide, where rounding decides. */
const interval: fc.Arbitrary<readonly [number, number]> = fc.oneof(
  fc
    .tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }))
    .filter(([a, b]) => a < b && Number.isFinite(b - a)),
  fc
    .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 3 }))
    .map(([low, k]) => [low, range(k).reduce(nextUp, low)] as const),
)

/**
 * `uniform(rows, cols, rng, { low, high })` draws every entry from
 * [low, high): never below low, never high itself, for any finite
 * low < high whose width is finite, ranges a few float64s wide included.
 *
 * @category laws
 */
export const uniformStaysInRange = (): Law<readonly [number, readonly [number, number]]> => ({
  name: 'uniformStaysInRange',
  arbitrary: fc.tuple(seed, interval),
  holds: ([s, [low, high]]) =>
    Matrix.toArray(Random.uniform(16, 16, Random.seed(s), { low, high })[0]).every((x) => low <= x && x < high),
})

/**
 * `normal(rows, cols, rng, { mean, std })` has the requested moments: over
 * n = 2¹⁶ draws, the standardized values z = (x − mean) / std have a
 * sample mean within 6/√n ≈ 0.023 of 0, a sample variance within
 * 6·√(2/n) ≈ 0.033 of 1, and a fraction within one standard deviation
 * within 6·√(p(1 − p)/n) ≈ 0.011 of p = 0.6827.
 *
 * Why these tolerances: each statistic is, for a correct generator,
 * approximately normal with the standard deviation quoted inside the square
 * root (1/√n for the mean, √(2/n) for the variance of normal data, the
 * binomial √(p(1 − p)/n) for the fraction), so a 6σ band wrongly rejects a
 * correct generator with probability about 2·10⁻⁹ per check — and because
 * the draws are seeded, a run is reproducible anyway. A wrong scale (e.g.
 * std² for std), a missing mean, or uniform draws are many bands away.
 *
 * @category laws
 */
export const normalHasTheRequestedMoments = (): Law<readonly [number, number, number]> => ({
  name: 'normalHasTheRequestedMoments',
  arbitrary: fc.tuple(
    seed,
    fc.double({ min: -10, max: 10, noNaN: true }),
    fc.double({ min: 0.1, max: 10, noNaN: true }),
  ),
  holds: ([s, mean, std]) => {
    const [m] = Random.normal(256, 256, Random.seed(s), { mean, std })
    const n = Matrix.size(m)
    const z = Array.from(Matrix.toFloat64Array(m), (x) => (x - mean) / std)
    const zMean = z.reduce((acc, x) => acc + x, 0) / n
    const zVar = z.reduce((acc, x) => acc + (x - zMean) ** 2, 0) / n
    const within = z.filter((x) => Math.abs(x) <= 1).length / n
    const p = 0.6826894921370859
    return (
      Math.abs(zMean) <= 6 / Math.sqrt(n) &&
      Math.abs(zVar - 1) <= 6 * Math.sqrt(2 / n) &&
      Math.abs(within - p) <= 6 * Math.sqrt((p * (1 - p)) / n)
    )
  },
})
