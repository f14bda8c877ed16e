// The refined number codecs of src/matrix/json.ts, the laws of every number codec, and a broken codec the laws catch.
import * as t from 'io-ts'
import { either as E } from 'fp-ts'
import { describe, expect, it } from 'vitest'
import { Matrix } from 'nabla'
import { NonNegativeIntC, NonNegativeNumberC, PositiveIntC, UnitIntervalC, refined } from '../../src/matrix/json.js'
import { acceptedNumbersReadBack, checkLaw, numberCodecLaws } from 'nabla/laws'
import { messageOf } from '../../src/matrix/json.js'
import { testLaw } from './prop.js'

describe('the laws of the number codecs', () => {
  numberCodecLaws().forEach((law) => {
    testLaw(law, 200)
  })
})

describe('refined', () => {
  const PercentC = refined('Percent', (x) => x >= 0 && x <= 100, 'expected a number in [0, 100]')

  it('accepts the numbers of its predicate as themselves, and refuses the rest with its message', () => {
    expect(PercentC.decode(42)).toEqual(E.right(42))
    expect(PercentC.encode(42)).toBe(42)
    expect(Matrix.decodeWith(PercentC)(101)).toEqual(
      E.left('invalid Percent:\n  (root): expected a number in [0, 100] (got 101)'),
    )
    expect(E.isLeft(PercentC.decode('42'))).toBe(true)
    expect(PercentC.is(42) && !PercentC.is(101) && !PercentC.is('42')).toBe(true)
  })

  it('refuses −0, NaN and ±∞ whatever the predicate says: JSON would not give them back', () => {
    const any = refined('Any', () => true, 'expected a number')
    ;[-0, Number.NaN, Infinity, -Infinity].forEach((x) => {
      expect(E.isLeft(any.decode(x))).toBe(true)
      expect(any.is(x)).toBe(false)
    })
    expect(Object.is((any.decode(0) as E.Right<number>).right, 0)).toBe(true)
  })

  it('the named refinements: [0, 1), integers ≥ 0 and ≥ 1, numbers ≥ 0', () => {
    expect([0, 0.5, 1 - 2 ** -53].every((x) => E.isRight(UnitIntervalC.decode(x)))).toBe(true)
    expect([1, -0, -1e-300].some((x) => E.isRight(UnitIntervalC.decode(x)))).toBe(false)
    expect([0, 3, 2 ** 53 - 1].every((x) => E.isRight(NonNegativeIntC.decode(x)))).toBe(true)
    expect([-0, 1.5, 2 ** 53, -1].some((x) => E.isRight(NonNegativeIntC.decode(x)))).toBe(false)
    expect(E.isLeft(PositiveIntC.decode(0))).toBe(true)
    expect(Matrix.decodeWith(NonNegativeNumberC)(-0)).toEqual(
      E.left('invalid NonNegativeNumber:\n  (root): expected a finite number ≥ 0 (and not -0) (got -0)'),
    )
  })
})

describe('a law that can fail', () => {
  it('a non-negative codec that accepts −0 (as JSON writes it back as 0) breaks acceptedNumbersReadBack, on −0', () => {
    const lax = new t.Type<number, number>(
      'LaxNonNegative',
      (u): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0,
      (u, c) => (typeof u === 'number' && Number.isFinite(u) && u >= 0 ? t.success(u) : t.failure(u, c)),
      (x) => x,
    )
    const report = checkLaw(acceptedNumbersReadBack(lax), { numRuns: 200 })
    expect(report.failed).toBe(true)
    expect(Object.is(report.counterexample?.[0], -0)).toBe(true)
  })

  it('a number codec that accepts NaN breaks it too, on NaN', () => {
    const nan = new t.Type<number, number>(
      'WithNaN',
      (u): u is number => typeof u === 'number',
      (u, c) => (typeof u === 'number' ? t.success(u) : t.failure(u, c)),
      (x) => x,
    )
    const report = checkLaw(acceptedNumbersReadBack(nan), { numRuns: 200 })
    expect(report.failed).toBe(true)
    const x = report.counterexample?.[0] as number
    expect(Number.isNaN(x) || !Number.isFinite(x) || Object.is(x, -0)).toBe(true)
  })
})

describe('messageOf', () => {
  it("is an Error's message, or anything else as a string", () => {
    expect(messageOf(new RangeError('too far'))).toBe('too far')
    expect(messageOf('plain')).toBe('plain')
    expect(messageOf(42)).toBe('42')
    expect(messageOf(undefined)).toBe('undefined')
  })
})
