import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import * as fc from 'fast-check'
import { either as E } from 'fp-ts'
import * as t from 'io-ts'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator'
import { Matrix, Random, type Rng } from 'nabla'
import { RngC } from '../../src/matrix/RandomCodec.js'
import {
  checkLaw,
  consecutiveSeedsGiveUniformFirstDraws,
  differentSeedsGiveDifferentDraws,
  foldInGivesDistinctStreams,
  nablaGenerator,
  normalHasTheRequestedMoments,
  permutationIsAPermutation,
  rngCodecRoundTrips,
  rngDecodeRejectsSpoiledStates,
  rngStateSurvivesJson,
  sameSeedGivesIdenticalDraws,
  seedsDifferingAboveBit31GiveDifferentStreams,
  splitStreamsDiffer,
  splitTreeStreamsDoNotOverlap,
  streamAt,
  uniformHasTheRequestedMoments,
  uniformStaysInRange,
  type SplitPath,
  type SplitTree,
  type SplittableGenerator,
} from 'nabla/laws'
import { testLaw } from './prop.js'

describe('Random', () => {
  testLaw(sameSeedGivesIdenticalDraws())
  testLaw(differentSeedsGiveDifferentDraws())
  testLaw(splitStreamsDiffer())
  testLaw(rngStateSurvivesJson())
  testLaw(permutationIsAPermutation())
  testLaw(uniformStaysInRange())
  // up to 10 streams of 64 words per run
  testLaw(splitTreeStreamsDoNotOverlap())
  testLaw(foldInGivesDistinctStreams())
  testLaw(seedsDifferingAboveBit31GiveDifferentStreams())
  // 2¹⁶ draws per run
  testLaw(normalHasTheRequestedMoments(), 20)
  testLaw(uniformHasTheRequestedMoments(), 20)
  // 4096 seeds per run
  testLaw(consecutiveSeedsGiveUniformFirstDraws(), 20)
  testLaw(rngCodecRoundTrips())
  testLaw(rngDecodeRejectsSpoiledStates())

  it('refuses a uniform range too wide for float64 instead of drawing infinities', () => {
    expect(() => Random.uniform(1, 1, Random.seed(1), { low: -Number.MAX_VALUE, high: Number.MAX_VALUE })).toThrow(
      RangeError,
    )
  })
})

/** The stream of a state, `count` words. */
const words = (rng: Rng, count: number): ReadonlyArray<number> =>
  Array.from({ length: count }).reduce<readonly [ReadonlyArray<number>, Rng]>(
    ([ws, r]) => {
      const [w, next] = Random.nextUint32(r)
      return [[...ws, w], next]
    },
    [[], rng],
  )[0]

describe('the defects of the earlier generator are gone', () => {
  it('in the loop [r, sub] = split(r), no sub is the previous one shifted by a draw', () => {
    const subs = Array.from({ length: 8 }).reduce<readonly [ReadonlyArray<Rng>, Rng]>(
      ([acc, r]) => {
        const [next, sub] = Random.split(r)
        return [[...acc, sub], next]
      },
      [[], Random.seed(7)],
    )[0]
    const streams = subs.map((s) => words(s, 4))
    streams.slice(1).forEach((stream, k) => {
      expect(stream.slice(0, 3)).not.toEqual(streams[k]!.slice(1))
    })
    expect(new Set(streams.flat()).size).toBe(32)
  })

  it('seeds 2³² and 0 differ (only the low 32 bits were used), and so do −1 and 2⁶⁴ − 1', () => {
    expect(Random.seed(4294967296).state).not.toEqual(Random.seed(0).state)
    expect(words(Random.seed(4294967296), 4)).not.toEqual(words(Random.seed(0), 4))
    expect(words(Random.seed(-1), 4)).not.toEqual(words(Random.seed(2n ** 64n - 1n), 4))
  })

  it('the first draw of a small seed is not within a few 2⁻²⁶ of 1', () => {
    // xoroshiro128+ seeded with (−1, ¬s, s, 0) gave ≈ 1 − (s + 1)·2⁻²⁶ for seed s
    const firsts = [0, 1, 2, 3, 7, 42].map((s) => Random.nextFloat(Random.seed(s))[0])
    expect(firsts.filter((x) => x > 1 - 2 ** -20)).toEqual([])
  })
})

describe('seeds', () => {
  it('a number and a bigint of the same value are the same seed', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (s) => {
        expect(Random.seed(s).state).toEqual(Random.seed(BigInt(s)).state)
      }),
    )
  })

  it('the key is the seed in 128-bit two’s complement, lowest word first, at counter 0', () => {
    expect(Random.seed(0).state).toEqual([0, 0, 0, 0, 0])
    expect(Random.seed(2 ** 32 + 5).state).toEqual([5, 1, 0, 0, 0])
    expect(Random.seed(-1).state).toEqual([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0])
    expect(Random.seed(2n ** 64n - 1n).state).toEqual([0xffffffff, 0xffffffff, 0, 0, 0])
    expect(Random.seed(-(2n ** 63n)).state).toEqual([0, 0x80000000, 0xffffffff, 0xffffffff, 0])
  })

  it.each([
    [1.5, /1\.5 is not an integer/],
    [Number.NaN, /NaN is not an integer/],
    [Infinity, /Infinity is not an integer/],
    [2 ** 53, /9007199254740992 is beyond the safe integers.*bigint/],
    [2n ** 64n, /18446744073709551616n is outside \[-2\^63, 2\^64\)/],
    [-(2n ** 63n) - 1n, /-9223372036854775809n is outside/],
    ['7', /expected a safe integer, or a bigint .* got a string/],
  ])('seed(%s) throws a RangeError naming it', (s, message) => {
    expect(() => Random.seed(s as Random.Seed)).toThrow(RangeError)
    expect(() => Random.seed(s as Random.Seed)).toThrow(message)
  })

  it('foldIn checks its integer the same way', () => {
    expect(() => Random.foldIn(Random.seed(0), 0.5)).toThrow(/Random\.foldIn: 0\.5 is not an integer/)
    expect(() => Random.foldIn(Random.seed(0), 2n ** 64n)).toThrow(RangeError)
    expect(Random.foldIn(Random.seed(0), 2n ** 64n - 1n).state).not.toEqual(Random.foldIn(Random.seed(0), -1).state)
  })
})

describe('parseSeed', () => {
  it.each([
    ['0', 0n],
    ['7', 7n],
    ['+7', 7n],
    ['-7', -7n],
    ['007', 7n],
    ['4294967296', 4294967296n],
    ['18446744073709551615', 2n ** 64n - 1n],
    ['-9223372036854775808', -(2n ** 63n)],
  ])('reads %s', (text, expected) => {
    expect(Random.parseSeed(text)).toEqual(E.right(expected))
  })

  it.each([
    ['', /a seed must be a decimal integer, got ""/],
    [' 7', /decimal integer, got " 7"/],
    ['7.0', /decimal integer/],
    ['1e3', /decimal integer/],
    ['0x10', /decimal integer/],
    ['-', /decimal integer/],
    [
      '18446744073709551616',
      /the seed "18446744073709551616" is out of range: a seed is an integer from -9223372036854775808 to 18446744073709551615/,
    ],
    ['-9223372036854775809', /out of range/],
  ])('refuses %j with a readable message', (text, message) => {
    const result = Random.parseSeed(text)
    expect(E.isLeft(result) && result.left).toMatch(message)
  })

  it('keeps its message short for long text, and does not parse a huge number to find it out of range', () => {
    const result = Random.parseSeed('9'.repeat(100_000))
    expect(E.isLeft(result) && result.left.length).toBeLessThan(200)
    expect(E.isLeft(Random.parseSeed('x'.repeat(100_000))) && true).toBe(true)
    expect(Random.parseSeed(`${'0'.repeat(50)}7`)).toEqual(E.right(7n))
  })

  it('never throws, and reads exactly the decimal integers in [−2⁶³, 2⁶⁴), as BigInt does', () => {
    const decimal = fc.oneof(fc.bigInt().map(String), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String))
    fc.assert(
      fc.property(fc.oneof(decimal, fc.string()), (text) => {
        const reference = /^[+-]?[0-9]+$/.test(text) ? BigInt(text) : undefined
        const expected =
          reference !== undefined && reference >= -(2n ** 63n) && reference < 2n ** 64n ? reference : undefined
        const result = Random.parseSeed(text)
        return expected === undefined ? E.isLeft(result) : E.isRight(result) && result.right === expected
      }),
    )
  })

  it('gives the seed that Random.seed takes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }), (s) => {
        const parsed = Random.parseSeed(s.toString())
        return E.isRight(parsed) && words(Random.seed(parsed.right), 2).join() === words(Random.seed(s), 2).join()
      }),
    )
  })
})

describe('draws', () => {
  it('nextInt over all of [0, 2³²) is the raw word: one word, no rejection', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (s) => {
        const r = Random.seed(s)
        expect(Random.nextInt(r, 0, 2 ** 32 - 1)).toEqual(Random.nextUint32(r))
      }),
    )
  })

  it('nextInt over ranges wider than 2³² stays in range and gives integers', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.integer({ min: -(2 ** 53) + 1, max: 0 }),
        fc.integer({ min: 2 ** 32, max: 2 ** 53 - 1 }),
        (s, from, width) => {
          const to = Math.min(from + width, Number.MAX_SAFE_INTEGER)
          const [x] = Random.nextInt(Random.seed(s), from, to)
          return Number.isSafeInteger(x) && from <= x && x <= to
        },
      ),
    )
  })

  it('refuses ranges and sizes that are not integers, or empty ranges', () => {
    const r = Random.seed(0)
    expect(() => Random.nextInt(r, 3, 2)).toThrow(/Random\.nextInt: \[3, 2\]/)
    expect(() => Random.nextInt(r, 0, 1.5)).toThrow(RangeError)
    expect(() => Random.nextInt(r, 0, 2 ** 53)).toThrow(RangeError)
    expect(() => Random.permutation(-1, r)).toThrow(/Random\.permutation: n must be an integer/)
    expect(() => Random.permutation(2.5, r)).toThrow(RangeError)
  })

  it('a stream ends after 2⁵³ − 1 words with a RangeError that says what to do', () => {
    const last = Random.fromState([1, 2, 3, 4, Number.MAX_SAFE_INTEGER - 1])
    const [, end] = Random.nextUint32(last)
    expect(end.state[4]).toBe(Number.MAX_SAFE_INTEGER)
    expect(() => Random.nextUint32(end)).toThrow(/all 2\^53 − 1 words.*split/)
    expect(Random.split(end)[0].state[4]).toBe(0)
  })

  it('splitting is pure: the same state gives the same children, and a state after a draw other children', () => {
    const r = Random.seed(3)
    expect(Random.split(r)).toEqual(Random.split(Random.seed(3)))
    expect(Random.split(Random.nextUint32(r)[1])[0].state).not.toEqual(Random.split(r)[0].state)
    expect(Random.foldIn(r, 5)).toEqual(Random.foldIn(Random.seed(3), 5n))
    expect(Object.isFrozen(Random.foldIn(r, 5).state)).toBe(true)
  })
})

describe('fromState', () => {
  it.each([
    [[1, 2, 3], /five integers/],
    [[1, 2, 3, 4], /four-word xoroshiro128\+ state of an earlier nabla/],
    [[1, 2, -3, 4, 0], /key word 2 must be an integer in \[0, 4294967295\]/],
    [[1, 2, 3, 2 ** 32, 0], /key word 3/],
    [[1, 2, 3, 4, -1], /the counter must be an integer in \[0, 2\^53 − 1\]/],
    [[1, 2, 3, 4, 0.5], /the counter/],
  ])('refuses %j with a RangeError', (state, message) => {
    expect(() => Random.fromState(state)).toThrow(RangeError)
    expect(() => Random.fromState(state)).toThrow(message)
  })
})

describe('RngC', () => {
  it('encodes a state as its five words and decodes them back', () => {
    const r = Random.uniform(1, 3, Random.foldIn(Random.seed(9), 2))[1]
    expect(RngC.encode(r)).toEqual([...r.state])
    expect(RngC.decode([...r.state])).toEqual(E.right(r))
    expect(RngC.is(r)).toBe(true)
    expect(RngC.is({ _tag: 'Rng', state: [1, 2, 3, 4] })).toBe(false)
  })

  it('reports an old four-word state as such, at its path', () => {
    const report = Matrix.decodeWith(t.type({ rng: RngC }))({ rng: [-1, 7, -8, 0] })
    expect(E.isLeft(report) && report.left).toMatch(
      /rng: this is a four-word xoroshiro128\+ state.*start the run again from its seed/,
    )
  })
})

// Each law family above, given a deliberately broken generator, fails and shrinks.

/** pure-rand's xoroshiro128+ with the split nabla had before: the parent advanced by one draw, and the parent jumped 2⁶⁴ ahead. */
const earlierGenerator: SplittableGenerator<JumpableRandomGenerator> = {
  // the earlier seed(s) was xoroshiro128plus(s | 0): the low 32 bits only
  seed: (s) => xoroshiro128plus(Number(BigInt.asIntN(32, s))),
  split: (g) => {
    const left = g.clone()
    left.next()
    const right = g.clone()
    right.jump()
    return [left, right]
  },
  foldIn: () => {
    throw new Error('the earlier generator had no foldIn')
  },
  nextUint32: (g) => {
    const h = g.clone()
    return [h.next() >>> 0, h]
  },
}

/**
 * The smallest distinct integers x and x + d with the same low 32 bits, as
 * [x, d]: 0 and ±2³², or the two readings of a 64-bit pattern, −1 and
 * 2⁶⁴ − 1, and 2⁶³ and −2⁶³ (the least x in range for d = −2⁶⁴).
 */
const smallestSameLowWord = [
  [0n, 2n ** 32n],
  [0n, -(2n ** 32n)],
  [-1n, 2n ** 64n],
  [2n ** 63n, -(2n ** 64n)],
]

describe('the random laws catch deliberately broken generators', () => {
  it('the earlier split breaks splitTreeStreamsDoNotOverlap, shrunk to seed 0 and a stream that is another shifted by a few draws', () => {
    const at = streamAt(earlierGenerator)
    const report = checkLaw(splitTreeStreamsDoNotOverlap({ streamAt: at, foldIn: false }))
    expect(report.failed).toBe(true)
    const [tree] = report.counterexample!
    expect(tree.seed).toBe(0n)
    expect(tree.paths.length).toBeLessThanOrEqual(3)
    const streams = tree.paths.map((p) => at(tree.seed, p, 64))
    const shifted = (a: ReadonlyArray<number>, b: ReadonlyArray<number>, d: number): boolean =>
      a.slice(d).join() === b.slice(0, 64 - d).join()
    expect(
      streams.some((a) =>
        streams.some((b) => Array.from({ length: 8 }, (_, d) => d + 1).some((d) => shifted(a, b, d))),
      ),
    ).toBe(true)
  })

  it('the earlier split fails the loop [r, sub] = split(r) itself: the second sub is the first shifted by one draw', () => {
    const law = splitTreeStreamsDoNotOverlap({ streamAt: streamAt(earlierGenerator), foldIn: false })
    const loop: SplitTree = {
      seed: 7n,
      paths: [
        [{ skip: 0, child: 'right' }],
        [
          { skip: 0, child: 'left' },
          { skip: 0, child: 'right' },
        ],
      ],
    }
    expect(law.holds(loop)).toBe(false)
    expect(splitTreeStreamsDoNotOverlap().holds(loop)).toBe(true)
  })

  it('a split that ignores the counter breaks splitTreeStreamsDoNotOverlap, shrunk to the same split before and after a draw', () => {
    const keyOnly: SplittableGenerator<Rng> = {
      ...nablaGenerator,
      split: (r) => Random.split(Random.fromState([...r.state.slice(0, 4), 0])),
    }
    const report = checkLaw(splitTreeStreamsDoNotOverlap({ streamAt: streamAt(keyOnly) }))
    expect(report.failed).toBe(true)
    const [tree] = report.counterexample!
    expect(tree.paths.length).toBeLessThanOrEqual(3)
    // two paths that take the same children, one of them after drawing first
    const children = (p: SplitPath): string =>
      p.map(({ child }) => (typeof child === 'string' ? child : `fold ${child.foldIn.toString()}`)).join()
    const skips = (p: SplitPath): string => p.map((step) => step.skip).join()
    expect(tree.paths.some((a) => tree.paths.some((b) => children(a) === children(b) && skips(a) !== skips(b)))).toBe(
      true,
    )
  })

  it('a foldIn that keeps only the low 32 bits breaks foldInGivesDistinctStreams, shrunk to the smallest such pair', () => {
    const low32: SplittableGenerator<Rng> = {
      ...nablaGenerator,
      foldIn: (r, n) => Random.foldIn(r, BigInt.asUintN(32, n)),
    }
    const report = checkLaw(foldInGivesDistinctStreams({ streamAt: streamAt(low32) }))
    expect(report.failed).toBe(true)
    const [[seed, [n, m]]] = report.counterexample!
    expect(seed).toBe(0n)
    expect(smallestSameLowWord).toContainEqual([n, m - n])
  })

  it('the earlier 32-bit seed breaks seedsDifferingAboveBit31GiveDifferentStreams, shrunk to the smallest such pair', () => {
    const report = checkLaw(seedsDifferingAboveBit31GiveDifferentStreams({ streamAt: streamAt(earlierGenerator) }))
    expect(report.failed).toBe(true)
    const [[s, t]] = report.counterexample!
    expect(smallestSameLowWord).toContainEqual([s, t - s])
  })

  it('squared uniform draws break uniformHasTheRequestedMoments, shrunk to seed 0 and the simplest range', () => {
    const squared = (rows: number, cols: number, rng: Rng, o: { readonly low: number; readonly high: number }) => {
      const [m, next] = Random.uniform(rows, cols, rng)
      return [Matrix.map(m, (u) => o.low + (o.high - o.low) * u * u), next] as const
    }
    const report = checkLaw(uniformHasTheRequestedMoments({ uniform: squared }), { numRuns: 5 })
    expect(report.failed).toBe(true)
    expect(report.counterexample).toEqual([[0n, 0, 0.1]])
  })

  it('the earlier seeding breaks consecutiveSeedsGiveUniformFirstDraws, shrunk to seeds 0 … 4095', () => {
    const report = checkLaw(
      consecutiveSeedsGiveUniformFirstDraws({ firstFloat: (s) => uniformFloat64(earlierGenerator.seed(s)) }),
      { numRuns: 5 },
    )
    expect(report.failed).toBe(true)
    expect(report.counterexample).toEqual([0n])
  })

  it('a codec that drops the counter breaks rngCodecRoundTrips, shrunk to a state one draw in', () => {
    const forgetful = new t.Type<Rng, unknown>('Rng', RngC.is, RngC.validate, (r) => [...r.state.slice(0, 4), 0])
    const report = checkLaw(rngCodecRoundTrips({ codec: forgetful }))
    expect(report.failed).toBe(true)
    // shrunk to a state that has drawn one float (two words): at counter 0 nothing is lost
    expect(report.counterexample![0].state[4]).toBe(2)
  })

  it('a codec that takes any five numbers breaks rngDecodeRejectsSpoiledStates, shrunk to one bad word', () => {
    const lax = new t.Type<Rng, unknown>(
      'Rng',
      RngC.is,
      (u, c) =>
        Array.isArray(u) && u.length === 5 && u.every((w) => typeof w === 'number')
          ? t.success(Random.seed(0))
          : RngC.validate(u, c),
      RngC.encode,
    )
    const report = checkLaw(rngDecodeRejectsSpoiledStates({ codec: lax }))
    expect(report.failed).toBe(true)
    // shrunk to five numbers of which exactly one is not a key word (the first four) or a counter (the last)
    const [spoiled] = report.counterexample as [ReadonlyArray<number>]
    const valid = (w: number, i: number): boolean =>
      Number.isInteger(w) && w >= 0 && (i < 4 ? w < 2 ** 32 : Number.isSafeInteger(w))
    expect(spoiled).toHaveLength(5)
    expect(spoiled.filter((w, i) => !valid(w, i))).toHaveLength(1)
  })
})

const sourceFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )

describe('randomness is explicit', () => {
  const src = fileURLToPath(new URL('../../src', import.meta.url))

  it('no source file calls Math.random', () => {
    const files = sourceFiles(src)
    expect(files.length).toBeGreaterThan(5)
    expect(files.filter((f) => /Math\s*\.\s*random/.test(readFileSync(f, 'utf8')))).toEqual([])
  })
})
