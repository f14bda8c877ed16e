import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { Random } from 'nabla'
import {
  differentSeedsGiveDifferentDraws,
  normalHasTheRequestedMoments,
  permutationIsAPermutation,
  rngStateSurvivesJson,
  sameSeedGivesIdenticalDraws,
  splitStreamsDiffer,
  uniformStaysInRange,
} from 'nabla/laws'
import { testLaw } from './prop.js'

describe('Random', () => {
  testLaw(sameSeedGivesIdenticalDraws())
  testLaw(differentSeedsGiveDifferentDraws())
  testLaw(splitStreamsDiffer())
  testLaw(rngStateSurvivesJson())
  testLaw(permutationIsAPermutation())
  testLaw(uniformStaysInRange())
  // 2¹⁶ normal draws per run
  testLaw(normalHasTheRequestedMoments(), 20)

  it('refuses a uniform range too wide for float64 instead of drawing infinities', () => {
    expect(() => Random.uniform(1, 1, Random.seed(1), { low: -Number.MAX_VALUE, high: Number.MAX_VALUE })).toThrow(
      RangeError,
    )
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
