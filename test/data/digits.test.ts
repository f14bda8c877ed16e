import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { Matrix } from 'nabla'
import {
  DIGITS_COUNT,
  DIGITS_FEATURES,
  DIGITS_TEST_COUNT,
  digitsSplit,
  labelCounts,
  loadDigits,
  parseDigitsCsv,
  size,
  type Dataset,
} from 'nabla/dataset'
import { DIGITS_CSV_GZ_HEX, DIGITS_GZ_BYTES, DIGITS_GZ_SHA256 } from '../../src/data/digitsData.js'
import { left, right } from '../helpers/either.js'

/** Each example as a string of its raw pixel values (0…16) and label, for multiset comparisons. */
const examples = (d: Dataset): ReadonlyArray<string> =>
  Array.from({ length: size(d) }, (_, i) =>
    [...Array.from({ length: d.x.rows }, (_, p) => Matrix.get(d.x, p, i) * 16), d.labels[i]].join(','),
  )

describe('the embedded digits set', () => {
  const digits = right(loadDigits())

  it('has 1,797 examples of 64 features in 10 classes', () => {
    expect(Matrix.shape(digits.x)).toEqual([64, 1797])
    expect([DIGITS_COUNT, DIGITS_FEATURES]).toEqual([1797, 64])
    expect(digits.labels.length).toBe(1797)
    expect(digits.classes).toBe(10)
    expect(digits.name).toBe('digits')
  })

  it('has the class counts published by UCI for this set (optdigits.tes)', () => {
    expect(labelCounts(digits)).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
  })

  it('has pixels in [0, 1] that are sixteenths, using the whole range', () => {
    const data = Matrix.toFloat64Array(digits.x)
    expect(data.every((v) => v >= 0 && v <= 1 && Number.isInteger(v * 16))).toBe(true)
    expect(Math.min(...data)).toBe(0)
    expect(Math.max(...data)).toBe(1)
  })

  it('starts with the first line of the CSV (a zero)', () => {
    const first =
      '0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0,0'
    expect(examples(digits)[0]).toBe(first)
  })

  it('is embedded intact (the size and SHA-256 recorded by scripts/embed-digits.mjs)', () => {
    const bytes = Buffer.from(DIGITS_CSV_GZ_HEX, 'hex')
    expect(bytes.length).toBe(DIGITS_GZ_BYTES)
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(DIGITS_GZ_SHA256)
  })

  it('decodes to a fresh data set on each call', () => {
    const again = right(loadDigits())
    expect(again).not.toBe(digits)
    expect(Matrix.Eq.equals(again.x, digits.x)).toBe(true)
  })
})

describe('digitsSplit', () => {
  const digits = right(loadDigits())

  it('holds out 300 examples and trains on 1,497', () => {
    const { train, test } = right(digitsSplit())
    expect([size(train), size(test)]).toEqual([1797 - DIGITS_TEST_COUNT, 300])
    expect([train.name, test.name]).toEqual(['digits/train', 'digits/test'])
  })

  it('is deterministic for a seed and differs between seeds', () => {
    const a = right(digitsSplit(7))
    const b = right(digitsSplit(7))
    const c = right(digitsSplit(8))
    expect(Matrix.Eq.equals(a.test.x, b.test.x) && Matrix.Eq.equals(a.train.x, b.train.x)).toBe(true)
    expect(a.test.labels).toEqual(b.test.labels)
    expect(Matrix.Eq.equals(a.test.x, c.test.x)).toBe(false)
  })

  it('is a disjoint cover: train and test together are exactly the examples of the set', () => {
    const { train, test } = right(digitsSplit(3))
    expect([...examples(train), ...examples(test)].sort()).toEqual([...examples(digits)].sort())
  })
})

describe('parseDigitsCsv', () => {
  const line = (pixels: ReadonlyArray<number | string>, label: number | string): string => [...pixels, label].join(',')
  const zeros = Array.from({ length: 64 }, () => 0)

  it('parses lines of 64 pixels and a label, dividing pixels by 16', () => {
    const text = `${line(
      zeros.map((_, k) => k % 17),
      3,
    )}\n${line(zeros, 9)}\n`
    const d = right(parseDigitsCsv(text))
    expect(Matrix.shape(d.x)).toEqual([64, 2])
    expect(d.labels).toEqual([3, 9])
    expect(Matrix.get(d.x, 16, 0)).toBe(1)
    expect(Matrix.get(d.x, 5, 0)).toBe(5 / 16)
  })

  it('accepts CRLF line endings', () => {
    expect(right(parseDigitsCsv(`${line(zeros, 1)}\r\n${line(zeros, 2)}\r\n`)).labels).toEqual([1, 2])
  })

  it('reports a wrong column count with the line number', () => {
    expect(left(parseDigitsCsv(`${line(zeros, 1)}\n${line(zeros.slice(1), 2)}\n`, 'd.csv'))).toBe(
      'd.csv line 2: expected 65 comma-separated values (64 pixels and a label), got 64',
    )
  })

  it('reports a value that is not an integer', () => {
    expect(left(parseDigitsCsv(line(['x', ...zeros.slice(1)], 1), 'd.csv'))).toBe(
      'd.csv line 1: pixel 0 is "x", not an integer',
    )
    expect(left(parseDigitsCsv(line(zeros, '2.5'), 'd.csv'))).toBe('d.csv line 1: the label is "2.5", not an integer')
    expect(left(parseDigitsCsv(line([...zeros.slice(1), ''], 4), 'd.csv'))).toBe(
      'd.csv line 1: pixel 63 is "", not an integer',
    )
    expect(left(parseDigitsCsv(line([-1, ...zeros.slice(1)], 1)))).toMatch(/pixel 0 is "-1", not an integer/)
  })

  it('reports a label or pixel out of range', () => {
    expect(left(parseDigitsCsv(line(zeros, 10), 'd.csv'))).toBe('d.csv line 1: the label is 10, outside 0…9')
    expect(left(parseDigitsCsv(line([...zeros.slice(1), 17], 0), 'd.csv'))).toBe(
      'd.csv line 1: pixel 63 is 17, outside 0…16',
    )
  })

  it('shows at most 40 characters of a bad field, however long it is', () => {
    expect(left(parseDigitsCsv(line(['x'.repeat(1e6), ...zeros.slice(1)], 1), 'd.csv'))).toBe(
      `d.csv line 1: pixel 0 is "${'x'.repeat(39)}…", not an integer`,
    )
    expect(left(parseDigitsCsv(line(zeros, '1'.repeat(500)), 'd.csv'))).toBe(
      `d.csv line 1: the label is ${'1'.repeat(39)}…, outside 0…9`,
    )
  })

  it('reports an empty input', () => {
    expect(left(parseDigitsCsv('\n\n', 'd.csv'))).toBe('d.csv: no examples')
  })
})
