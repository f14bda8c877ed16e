import { describe, expect, it } from 'vitest'
import { either as E } from 'fp-ts'
import { Matrix } from 'nabla'
import {
  codecDecodesArraysOfRows,
  codecRoundTrips,
  decodeNeverThrows,
  decodeReportsWhereJsonIsInvalid,
} from 'nabla/laws'
import { testLaw } from './prop.js'

describe('the Matrix codec', () => {
  testLaw(codecRoundTrips())
  testLaw(codecDecodesArraysOfRows())
  testLaw(decodeNeverThrows(), 300)
  testLaw(decodeReportsWhereJsonIsInvalid(), 300)
})

describe('the Matrix codec, on examples whose report is read by people', () => {
  const decode = Matrix.decodeWith(Matrix.codec)

  it('keeps −0 through JSON text', () => {
    const m = Matrix.fromRows([[-0, 0, 5e-324]])
    const back = decode(JSON.parse(JSON.stringify(Matrix.codec.encode(m))))
    expect(E.isRight(back) && Array.from(Matrix.toFloat64Array(back.right))).toEqual([-0, 0, 5e-324])
    expect(E.isRight(back) && Object.is(Matrix.toFloat64Array(back.right)[0], -0)).toBe(true)
  })

  it.each([
    ['data: data has 3 entries, a 2×2 matrix needs 4 (got [1,2,3])', { rows: 2, cols: 2, data: [1, 2, 3] }],
    ['data/1: entries must be finite numbers (got null)', { rows: 1, cols: 2, data: [1, null] }],
    ['rows: rows must be a non-negative integer (got -1)', { rows: -1, cols: 2, data: [] }],
    ['rows: rows must be a non-negative integer (got 1.5)', { rows: 1.5, cols: 2, data: [] }],
    ['1: row 1 must be an array of 2 numbers, like row 0 (got [3])', [[1, 2], [3]]],
    [
      '1/1: entries must be finite numbers (got "x")',
      [
        [1, 2],
        [3, 'x'],
      ],
    ],
    ['data/0: entries must be finite numbers (got 10n)', { rows: 1, cols: 1, data: [10n] }],
    ['data/0: entries must be finite numbers (got a function)', { rows: 1, cols: 1, data: [() => 1] }],
    ['(root): expected { rows, cols, data } or an array of rows (got 7)', 7],
  ])('reports %s', (line, json: unknown) => {
    expect(decode(json)).toEqual(E.left(`invalid Matrix:\n  ${line}`))
  })
})
