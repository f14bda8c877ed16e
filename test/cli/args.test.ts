import { fc, test } from '@fast-check/vitest'
import { either as E } from 'fp-ts'
import { describe, expect, it } from 'vitest'
import { Random } from 'nabla'
import { parseCommandLine, shown } from '../../src/cli/args.js'
import { parseSeedText, rngOfSeed } from '../../src/cli/seed.js'
import { trainFlags } from '../../src/cli/train/flags.js'

const LOW = -(2n ** 63n)
const HIGH = 2n ** 64n - 1n

describe('seeds', () => {
  test.prop([fc.bigInt({ min: LOW, max: HIGH })])('every 64-bit seed reads back exactly from its decimal text', (s) => {
    expect(parseSeedText(s.toString())).toEqual(E.right(s))
  })

  test.prop([fc.oneof(fc.bigInt({ min: HIGH + 1n, max: 2n ** 80n }), fc.bigInt({ min: -(2n ** 80n), max: LOW - 1n }))])(
    'a seed outside [-(2^63), 2^64) is refused',
    (s) => {
      expect(E.isLeft(parseSeedText(s.toString()))).toBe(true)
    },
  )

  it('a seed reaches Random.seed with all its bits: 2^32 is not 0, and 2^64 - 1 is not -1', () => {
    expect(rngOfSeed(7n)).toEqual(Random.seed(7n))
    expect(rngOfSeed(-5n)).toEqual(Random.seed(-5))
    expect(rngOfSeed(2n ** 32n)).not.toEqual(rngOfSeed(0n))
    expect(rngOfSeed(2n ** 64n - 1n)).not.toEqual(rngOfSeed(-1n))
  })
})

describe('reading a command line', () => {
  test.prop([fc.string({ maxLength: 2000 })])('a value shown in a message is one line of bounded length', (raw) => {
    const s = shown(raw)
    expect(s).not.toMatch(/[\n\r]/)
    // two quotes, at most 40 characters of 6 each once escaped, and an ellipsis
    expect(s.length).toBeLessThanOrEqual(2 + 6 * 40 + 1)
  })

  test.prop(
    [
      fc.array(
        fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('--lr', '--seed', '-h', '--', '--epochs=3', '-x')),
        { maxLength: 12 },
      ),
    ],
    {
      numRuns: 200,
    },
  )('any argv gives values or one-line problems, never a throw', (argv) => {
    const r = parseCommandLine('nabla train', trainFlags, argv)
    if (E.isLeft(r)) {
      expect(r.left.length).toBeGreaterThan(0)
      r.left.forEach((p) => {
        expect(p).not.toMatch(/\n/)
      })
    }
  })

  test.prop([fc.constantFrom(...Object.values(trainFlags).map((f) => f.name)), fc.integer({ min: 2, max: 4 })])(
    'a flag given more than once is one problem, whatever its values',
    (name, times) => {
      const argv = Array.from({ length: times }, () => `--${name}`)
      const r = parseCommandLine('nabla train', trainFlags, argv)
      expect(E.isLeft(r) && r.left.filter((p) => p.includes('given more than once'))).toEqual([
        `--${name} is given more than once: give each flag once`,
      ])
    },
  )
})
