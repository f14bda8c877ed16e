/**
 * Laws of nabla's seeded random generator: a seed determines every draw;
 * distinct seeds, and seeds that differ only above bit 31, give different
 * streams; no two streams of a tree of splits and `foldIn`s share a run of
 * words; draws have the distribution they claim.
 *
 * The stream laws take the generator under test as an option (`streamAt`,
 * built with {@link streamAt} from any {@link SplittableGenerator}), so they
 * check other generators too.
 *
 * @module
 */
import * as fc from 'fast-check'
import { either as E } from 'fp-ts'
import type * as t from 'io-ts'
import { Matrix, Random, type Rng } from '../../src/index.js'
import { RngC } from '../../src/matrix/RandomCodec.js'
import type { Law } from '../law.js'
import { shape } from '../arbitraries/matrix.js'
import { identical, range } from './reference.js'

// seeds

const SEED_MIN = -(2n ** 63n)
const SEED_MAX = 2n ** 64n - 1n
const inSeedRange = (s: bigint): boolean => s >= SEED_MIN && s <= SEED_MAX

/**
 * Seeds from the whole range [−2⁶³, 2⁶⁴): small ones, 32-bit ones, and
 * bigints anywhere in the range.
 *
 * @category arbitraries
 */
export const anySeed = (): fc.Arbitrary<bigint> =>
  fc.oneof(
    fc.integer({ min: -1000, max: 1000 }).map(BigInt),
    fc.integer().map(BigInt),
    fc.bigInt({ min: SEED_MIN, max: SEED_MAX }),
  )

/** A seed as nabla takes it: a number where it is safe, else a bigint, or a bigint anyway. */
const seedValue: fc.Arbitrary<Random.Seed> = fc
  .tuple(anySeed(), fc.boolean())
  .map(([s, asNumber]) =>
    asNumber && s >= BigInt(Number.MIN_SAFE_INTEGER) && s <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(s) : s,
  )

/** The same seed in the other form (a safe number as a bigint and back). */
const twin = (s: Random.Seed): Random.Seed =>
  typeof s === 'number'
    ? BigInt(s)
    : s >= BigInt(Number.MIN_SAFE_INTEGER) && s <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(s)
      : s

// streams

/** One step down a tree of generator states: draw `skip` words, then take a child. @category laws */
export interface SplitStep {
  /** Words drawn from the state before taking the child (so that splitting after a draw is checked too). */
  readonly skip: number
  /** The first or second state of `split`, or `foldIn` with this integer. */
  readonly child: 'left' | 'right' | { readonly foldIn: bigint }
}

/** A path from a seed's state down a tree of splits and `foldIn`s; `[]` is the seed's own state. @category laws */
export type SplitPath = ReadonlyArray<SplitStep>

/** The first `count` 32-bit words of the stream at the end of a path from a seed. @category laws */
export type StreamAt = (seed: bigint, path: SplitPath, count: number) => ReadonlyArray<number>

/**
 * A splittable generator as the stream laws see it: seeding, the two
 * children of a split, `foldIn`, and one raw 32-bit word.
 *
 * @category laws
 */
export interface SplittableGenerator<S> {
  readonly seed: (s: bigint) => S
  readonly split: (state: S) => readonly [S, S]
  readonly foldIn: (state: S, data: bigint) => S
  /** A word in [0, 2³²) and the next state. */
  readonly nextUint32: (state: S) => readonly [number, S]
}

/** nabla's `Random`, as a {@link SplittableGenerator}. @category laws */
export const nablaGenerator: SplittableGenerator<Rng> = Object.freeze<SplittableGenerator<Rng>>({
  seed: (s) => Random.seed(s),
  split: (r) => Random.split(r),
  foldIn: (r, data) => Random.foldIn(r, data),
  nextUint32: (r) => Random.nextUint32(r),
})

const drawWords = <S>(g: SplittableGenerator<S>, state: S, count: number): readonly [ReadonlyArray<number>, S] =>
  range(count).reduce<readonly [ReadonlyArray<number>, S]>(
    ([words, s]) => {
      const [w, next] = g.nextUint32(s)
      return [[...words, w], next]
    },
    [[], state],
  )

/**
 * The {@link StreamAt} of a generator: walks the path from the seed's
 * state (for each step, `skip` words, then the child), then draws `count`
 * words.
 *
 * @category laws
 */
export const streamAt =
  <S>(g: SplittableGenerator<S>): StreamAt =>
  (seed, path, count) => {
    const node = path.reduce((state, { skip, child }) => {
      const s = drawWords(g, state, skip)[1]
      return child === 'left' ? g.split(s)[0] : child === 'right' ? g.split(s)[1] : g.foldIn(s, child.foldIn)
    }, g.seed(seed))
    return drawWords(g, node, count)[0]
  }

/**
 * How many consecutive words two streams must share to count as
 * overlapping. For an ideal generator a given pair of positions in two
 * streams agrees on 2 words with probability 2⁻⁶⁴; see each law for what
 * that makes its false-alarm rate.
 */
const RUN = 2

/** The words drawn from each stream. */
const WINDOW = 64

const runsOf = (words: ReadonlyArray<number>): ReadonlySet<string> =>
  new Set(range(Math.max(0, words.length - RUN + 1)).map((p) => words.slice(p, p + RUN).join(',')))

/** Whether some run of {@link RUN} consecutive words of one stream also appears in another. */
const someTwoShareARun = (streams: ReadonlyArray<ReadonlyArray<number>>): boolean => {
  const runs = streams.map(runsOf)
  return runs.some((a, i) => runs.slice(i + 1).some((b) => [...b].some((r) => a.has(r))))
}

/** Options of the stream laws. @category laws */
export interface StreamLawOptions {
  /** The generator under test (default nabla's: `streamAt(nablaGenerator)`). */
  readonly streamAt?: StreamAt
}

/** Options of {@link splitTreeStreamsDoNotOverlap}. @category laws */
export interface SplitTreeOptions extends StreamLawOptions {
  /** Whether paths take `foldIn` steps besides splits (default true; false for generators without one). */
  readonly foldIn?: boolean
}

/** A case of {@link splitTreeStreamsDoNotOverlap}: a seed and distinct paths from it. @category laws */
export interface SplitTree {
  readonly seed: bigint
  readonly paths: ReadonlyArray<SplitPath>
}

/** Integers for `foldIn`: small ones (epochs, layers) and any in [−2⁶³, 2⁶⁴). */
const foldInData: fc.Arbitrary<bigint> = fc.oneof(fc.integer({ min: -3, max: 100 }).map(BigInt), anySeed())

const pathKey = (path: SplitPath): string =>
  path
    .map(
      ({ skip, child }) => `${String(skip)}${typeof child === 'string' ? child : `fold(${child.foldIn.toString()})`}`,
    )
    .join('/')

const splitTree = (foldIn: boolean): fc.Arbitrary<SplitTree> => {
  const child: fc.Arbitrary<SplitStep['child']> = foldIn
    ? fc.oneof(
        fc.constant('left' as const),
        fc.constant('right' as const),
        foldInData.map((n) => ({ foldIn: n })),
      )
    : fc.constantFrom('left' as const, 'right' as const)
  const step = fc.record({ skip: fc.nat({ max: 3 }), child })
  return fc.record({
    seed: anySeed(),
    paths: fc.uniqueArray(fc.array(step, { maxLength: 5 }), { minLength: 2, maxLength: 10, selector: pathKey }),
  })
}

/**
 * The states of a random tree of splits and `foldIn`s (up to 10 distinct
 * paths from a seed, each up to 5 steps, each step drawing 0 to 3 words
 * before it takes its child) have streams that never overlap: of the first
 * 64 words of every node, no two consecutive ones appear in another node's
 * 64. Ancestors are compared with their descendants too: a parent's own
 * stream must not reappear in its children.
 *
 * Why runs of 2 words: for independent uniform words, one pair of positions
 * matches on 2 consecutive words with probability 2⁻⁶⁴. A case has at most
 * 10·63 runs, so fewer than 2¹⁸ pairs of runs from different nodes: a
 * correct generator fails a case with probability below 2⁻⁴⁶, and 100 runs
 * of the law below 2⁻³⁹ (single equal words, at 2⁻³² per pair, would
 * fail about one correct case in 2¹⁴). A generator whose split hands out
 * shifted copies of one stream shares 62 of 63 runs.
 *
 * @category laws
 */
export const splitTreeStreamsDoNotOverlap = (options: SplitTreeOptions = {}): Law<SplitTree> => {
  const at = options.streamAt ?? streamAt(nablaGenerator)
  return {
    name: 'splitTreeStreamsDoNotOverlap',
    arbitrary: splitTree(options.foldIn ?? true),
    holds: ({ seed, paths }) => !someTwoShareARun(paths.map((path) => at(seed, path, WINDOW))),
  }
}

/** How the second integer of a pair relates to the first: n + d, −n, or any other. */
type Relation = { readonly plus: bigint } | { readonly negate: true } | { readonly other: bigint }

/** Pairs of distinct integers for `foldIn`, many of them related: n ± 1, −n, and n plus a multiple of 2³² or 2⁶⁴. */
const distinctData: fc.Arbitrary<readonly [bigint, bigint]> = fc
  .tuple(
    foldInData,
    fc.oneof(
      fc
        .bigInt({ min: -(2n ** 32n), max: 2n ** 32n })
        .filter((k) => k !== 0n)
        .map((k): Relation => ({ plus: k * 2n ** 32n })),
      fc.constantFrom(1n, -1n, 2n ** 64n, -(2n ** 64n)).map((d): Relation => ({ plus: d })),
      fc.constant<Relation>({ negate: true }),
      foldInData.map((m): Relation => ({ other: m })),
    ),
  )
  .map(([n, r]) => [n, 'plus' in r ? n + r.plus : 'negate' in r ? -n : r.other] as const)
  .filter(([n, m]) => n !== m && inSeedRange(m))

/**
 * `foldIn` with distinct integers gives distinct streams: from one seed's
 * state, `foldIn(n)` and `foldIn(m)` for n ≠ m share no run of 2 words in
 * their first 64 (false-alarm rate below 63²·2⁻⁶⁴ < 2⁻⁵² per case, see
 * {@link splitTreeStreamsDoNotOverlap}). The pairs include n and n + k·2³²
 * (equal low 32 bits), n and n ± 2⁶⁴ (equal low 64 bits), n ± 1 and −n.
 *
 * @category laws
 */
export const foldInGivesDistinctStreams = (
  options: StreamLawOptions = {},
): Law<readonly [bigint, readonly [bigint, bigint]]> => {
  const at = options.streamAt ?? streamAt(nablaGenerator)
  const fold = (n: bigint): SplitPath => [{ skip: 0, child: { foldIn: n } }]
  return {
    name: 'foldInGivesDistinctStreams',
    arbitrary: fc.tuple(anySeed(), distinctData),
    holds: ([seed, [n, m]]) => !someTwoShareARun([at(seed, fold(n), WINDOW), at(seed, fold(m), WINDOW)]),
  }
}

/** Pairs of distinct seeds with the same low 32 bits: s and s + k·2³², or s and s ∓ 2⁶⁴ (a 64-bit pattern read unsigned and signed). */
const sameLowWord: fc.Arbitrary<readonly [bigint, bigint]> = fc
  .tuple(
    anySeed(),
    fc.oneof(
      fc
        .bigInt({ min: -(2n ** 32n), max: 2n ** 32n })
        .filter((k) => k !== 0n)
        .map((k) => k * 2n ** 32n),
      fc.constantFrom(2n ** 64n, -(2n ** 64n)),
    ),
  )
  .map(([s, d]) => [s, s + d] as const)
  .filter(([, t]) => inSeedRange(t))

/**
 * Seeds that differ only above bit 31 give different streams: the first
 * 64 words of s and of t = s + k·2³² (or t = s ∓ 2⁶⁴, as −1 and 2⁶⁴ − 1)
 * share no run of 2 words (false-alarm rate below 2⁻⁵² per case).
 *
 * @category laws
 */
export const seedsDifferingAboveBit31GiveDifferentStreams = (
  options: StreamLawOptions = {},
): Law<readonly [bigint, bigint]> => {
  const at = options.streamAt ?? streamAt(nablaGenerator)
  return {
    name: 'seedsDifferingAboveBit31GiveDifferentStreams',
    arbitrary: sameLowWord,
    holds: ([s, t]) => !someTwoShareARun([at(s, [], WINDOW), at(t, [], WINDOW)]),
  }
}

// determinism

/** Everything one state produces: draws of every kind, chained, then the states of a split and a foldIn. */
const drawAll = (rng: Rng, rows: number, cols: number) => {
  const [uniform, r1] = Random.uniform(rows, cols, rng, { low: -3, high: 5 })
  const [normal, r2] = Random.normal(rows, cols, r1, { mean: 1, std: 2 })
  const [permutation, r3] = Random.permutation(rows * cols, r2)
  const [float, r4] = Random.nextFloat(r3)
  const [int, r5] = Random.nextInt(r4, -5, 5)
  const [word, r6] = Random.nextUint32(r5)
  const [left, right] = Random.split(r6)
  const folded = Random.foldIn(r6, rows)
  return { uniform, normal, permutation, float, int, word, states: [left, right, folded].flatMap((r) => r.state) }
}

const sameNumbers = (xs: ReadonlyArray<number>, ys: ReadonlyArray<number>): boolean =>
  xs.length === ys.length && xs.every((x, i) => Object.is(x, ys[i]))

/**
 * The same seed gives bit-identical draws of every kind (uniform and normal
 * matrices, permutations, floats, integers, words, split and folded
 * states), whether it is given as a number or as a bigint.
 *
 * @category laws
 */
export const sameSeedGivesIdenticalDraws = (): Law<readonly [Random.Seed, readonly [number, number]]> => ({
  name: 'sameSeedGivesIdenticalDraws',
  arbitrary: fc.tuple(seedValue, shape()),
  holds: ([s, [rows, cols]]) => {
    const x = drawAll(Random.seed(s), rows, cols)
    const y = drawAll(Random.seed(twin(s)), rows, cols)
    return (
      identical(x.uniform, y.uniform) &&
      identical(x.normal, y.normal) &&
      sameNumbers(x.permutation, y.permutation) &&
      Object.is(x.float, y.float) &&
      x.int === y.int &&
      x.word === y.word &&
      sameNumbers(x.states, y.states)
    )
  },
})

/** Four uniform draws: equal for two states only if the states are (all but) the same. */
const fingerprint = (rng: Rng): ReadonlyArray<number> => Matrix.toArray(Random.uniform(1, 4, rng)[0])

/**
 * Different seeds give different draws, anywhere in [−2⁶³, 2⁶⁴).
 *
 * @category laws
 */
export const differentSeedsGiveDifferentDraws = (): Law<readonly [Random.Seed, Random.Seed]> => ({
  name: 'differentSeedsGiveDifferentDraws',
  arbitrary: fc.tuple(seedValue, seedValue).filter(([s, t]) => BigInt(s) !== BigInt(t)),
  holds: ([s, t]) => !sameNumbers(fingerprint(Random.seed(s)), fingerprint(Random.seed(t))),
})

/**
 * `split` gives two streams that differ from each other and from the stream
 * of the state they were split from.
 *
 * @category laws
 */
export const splitStreamsDiffer = (): Law<bigint> => ({
  name: 'splitStreamsDiffer',
  arbitrary: anySeed(),
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
export const rngStateSurvivesJson = (): Law<readonly [bigint, number]> => ({
  name: 'rngStateSurvivesJson',
  arbitrary: fc.tuple(anySeed(), fc.nat({ max: 9 })),
  holds: ([s, draws]) => {
    const rng = Random.uniform(1, draws, Random.split(Random.seed(s))[1])[1]
    const restored = Random.fromState(JSON.parse(JSON.stringify(rng.state)) as ReadonlyArray<number>)
    return sameNumbers(fingerprint(rng), fingerprint(restored))
  },
})

// distributions

/**
 * `permutation(n)` contains each of 0 … n − 1 exactly once.
 *
 * @category laws
 */
export const permutationIsAPermutation = (): Law<readonly [bigint, number]> => ({
  name: 'permutationIsAPermutation',
  arbitrary: fc.tuple(anySeed(), fc.integer({ min: 0, max: 300 })),
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
export const uniformStaysInRange = (): Law<readonly [bigint, readonly [number, number]]> => ({
  name: 'uniformStaysInRange',
  arbitrary: fc.tuple(anySeed(), interval),
  holds: ([s, [low, high]]) =>
    Matrix.toArray(Random.uniform(16, 16, Random.seed(s), { low, high })[0]).every((x) => low <= x && x < high),
})

/** The sample mean and (biased) sample variance. */
const moments = (xs: ReadonlyArray<number>): readonly [number, number] => {
  const mean = xs.reduce((acc, x) => acc + x, 0) / xs.length
  return [mean, xs.reduce((acc, x) => acc + (x - mean) ** 2, 0) / xs.length]
}

/** Whether draws z of U[0, 1) have its mean, variance and median (6σ bounds; see {@link uniformHasTheRequestedMoments}). */
const looksUniform = (z: ReadonlyArray<number>): boolean => {
  const n = z.length
  const [mean, variance] = moments(z)
  const below = z.filter((x) => x < 0.5).length / n
  return (
    Math.abs(mean - 0.5) <= 6 * Math.sqrt(1 / (12 * n)) &&
    Math.abs(variance - 1 / 12) <= 6 * Math.sqrt(1 / (180 * n)) &&
    Math.abs(below - 0.5) <= 6 * Math.sqrt(1 / (4 * n))
  )
}

/** A seed, a location in [−10, 10] and a scale in [0.1, 10]: the cases of the moment laws. */
const seedLocationScale: fc.Arbitrary<readonly [bigint, number, number]> = fc.tuple(
  anySeed(),
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.double({ min: 0.1, max: 10, noNaN: true }),
)

/** The signature of `Random.uniform`, for laws that take another. @category laws */
export type UniformDraw = (
  rows: number,
  cols: number,
  rng: Rng,
  options: { readonly low: number; readonly high: number },
) => readonly [Matrix, Rng]

/**
 * `uniform(rows, cols, rng, { low, high })` has the moments of U[low, high):
 * over n = 2¹⁶ draws, z = (x − low) / (high − low) has a mean within
 * 0.0068 of 1/2, a variance within 0.0018 of 1/12 and half its values below
 * 1/2 within 0.012 (6 standard deviations each; see the bounds below). A
 * wrong shape (u² for u, say) or a wrong range is many bands away.
 *
 * Bounds: for uniform draws each statistic is approximately normal with
 * standard deviation √(1/(12n)) (the mean), √(1/(180n)) (the variance:
 * Var (U − 1/2)² = 1/80 − 1/144 = 1/180) and √(1/(4n)) (the binomial
 * fraction), so a correct generator fails a case with probability about
 * 6·10⁻⁹; the draws are seeded, so a failure replays.
 *
 * @category laws
 */
export const uniformHasTheRequestedMoments = (
  options: { readonly uniform?: UniformDraw } = {},
): Law<readonly [bigint, number, number]> => {
  const draw = options.uniform ?? ((rows, cols, rng, o) => Random.uniform(rows, cols, rng, o))
  return {
    name: 'uniformHasTheRequestedMoments',
    arbitrary: seedLocationScale,
    holds: ([s, low, width]) => {
      const [m] = draw(256, 256, Random.seed(s), { low, high: low + width })
      return looksUniform(Matrix.toArray(m).map((x) => (x - low) / width))
    },
  }
}

/** The number of consecutive seeds {@link consecutiveSeedsGiveUniformFirstDraws} looks at. */
const CONSECUTIVE = 4096

/**
 * The first draws of consecutive seeds s, s + 1, …, s + 4095 look like
 * 4096 independent U[0, 1) draws: mean within 0.027 of 1/2, variance within
 * 0.0070 of 1/12, and half below 1/2 within 0.047 (the 6σ bounds of
 * {@link uniformHasTheRequestedMoments} for n = 4096). Seeds 0, 1, 2, …
 * are the ones people use, so a generator whose first output follows its
 * seed (as xoroshiro128+ seeded with (−1, ¬s, s, 0) does: its first word
 * is ¬s) fails here, though its later draws pass every other law.
 *
 * `firstFloat(s)` is the first uniform draw of seed s (default nabla's
 * `Random.nextFloat(Random.seed(s))[0]`).
 *
 * @category laws
 */
export const consecutiveSeedsGiveUniformFirstDraws = (
  options: { readonly firstFloat?: (seed: bigint) => number } = {},
): Law<bigint> => {
  const first = options.firstFloat ?? ((s) => Random.nextFloat(Random.seed(s))[0])
  return {
    name: 'consecutiveSeedsGiveUniformFirstDraws',
    arbitrary: anySeed().filter((s) => s + BigInt(CONSECUTIVE) <= SEED_MAX),
    holds: (s) => looksUniform(range(CONSECUTIVE).map((i) => first(s + BigInt(i)))),
  }
}

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
export const normalHasTheRequestedMoments = (): Law<readonly [bigint, number, number]> => ({
  name: 'normalHasTheRequestedMoments',
  arbitrary: seedLocationScale,
  holds: ([s, mean, std]) => {
    const z = Matrix.toArray(Random.normal(256, 256, Random.seed(s), { mean, std })[0]).map((x) => (x - mean) / std)
    const n = z.length
    const [zMean, zVar] = moments(z)
    const within = z.filter((x) => Math.abs(x) <= 1).length / n
    const p = 0.6826894921370859
    return (
      Math.abs(zMean) <= 6 / Math.sqrt(n) &&
      Math.abs(zVar - 1) <= 6 * Math.sqrt(2 / n) &&
      Math.abs(within - p) <= 6 * Math.sqrt((p * (1 - p)) / n)
    )
  },
})

// the codec

/** Options of the codec laws of generator states: the codec under test (nabla's `RngC` by default). @category laws */
export interface RngCodecLawOptions {
  readonly codec?: t.Type<Rng, unknown>
}

/** States reached from a seed by a path of splits and `foldIn`s and then some draws (so counters are not all 0). */
const reachedState: fc.Arbitrary<Rng> = fc
  .tuple(splitTree(true), fc.nat({ max: 40 }))
  .map(([{ seed, paths }, draws]) => {
    const node = (paths[0] ?? []).reduce<Rng>(
      (r, { child }) =>
        child === 'left' ? Random.split(r)[0] : child === 'right' ? Random.split(r)[1] : Random.foldIn(r, child.foldIn),
      Random.seed(seed),
    )
    return Random.uniform(1, draws, node)[1]
  })

/**
 * `decode(encode(rng))`, also through JSON text, is a state that draws
 * exactly what `rng` draws, for states anywhere in a split tree and at any
 * counter.
 *
 * @category laws
 */
export const rngCodecRoundTrips = (options: RngCodecLawOptions = {}): Law<Rng> => {
  const codec = options.codec ?? RngC
  const drawsLike = (rng: Rng, result: t.Validation<Rng>): boolean =>
    E.isRight(result) && sameNumbers(fingerprint(rng), fingerprint(result.right))
  return {
    name: 'rngCodecRoundTrips',
    arbitrary: reachedState,
    holds: (rng) => {
      const json = codec.encode(rng)
      return drawsLike(rng, codec.decode(json)) && drawsLike(rng, codec.decode(JSON.parse(JSON.stringify(json))))
    },
  }
}

/** Values that are not a word or not a counter: out of range, fractional, not numbers. */
const badNumber = (limit: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(-1, limit + 1, 0.5, Number.NaN, Infinity, -0.5, '7', null, 7n),
    fc.double({ min: 0, max: limit, noNaN: true }).filter((x) => !Number.isInteger(x)),
  )

/** Spoiled states: one word or the counter replaced by a bad value, a word dropped or added, the old four-word form, or no array at all. */
const spoiledState: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(reachedState, fc.nat({ max: 3 }), badNumber(0xffffffff))
    .map(([r, i, bad]) => r.state.map((w, j) => (j === i ? bad : w))),
  fc.tuple(reachedState, badNumber(Number.MAX_SAFE_INTEGER)).map(([r, bad]) => [...r.state.slice(0, 4), bad]),
  reachedState.map((r) => r.state.slice(0, 4)),
  fc.tuple(reachedState, fc.nat()).map(([r, w]) => [...r.state, w]),
  fc.array(fc.integer(), { minLength: 4, maxLength: 4 }),
  fc.oneof(fc.constant(null), fc.string(), fc.record({ state: fc.array(fc.nat()) })),
)

/**
 * A spoiled state (a key word outside [0, 2³²) or fractional, a counter
 * outside [0, 2⁵³ − 1], a missing or extra word, the four-word state of the
 * earlier xoroshiro128+ generator, no array) decodes to a `Left` with a
 * readable message, and decoding never throws.
 *
 * @category laws
 */
export const rngDecodeRejectsSpoiledStates = (options: RngCodecLawOptions = {}): Law<unknown> => {
  const codec = options.codec ?? RngC
  return {
    name: 'rngDecodeRejectsSpoiledStates',
    arbitrary: spoiledState,
    holds: (u) => {
      const report = Matrix.decodeWith(codec)(u)
      return E.isLeft(report) && report.left.length > 0
    },
  }
}
