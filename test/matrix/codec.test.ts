import { describe, expect, it } from 'vitest'
import { either as E } from 'fp-ts'
import { Matrix } from 'nabla'
import * as fc from 'fast-check'
import { anyShapeMatrix, matrixCodecLaws } from 'nabla/laws'
import { testLaw } from './prop.js'

describe('the Matrix codec', () => {
  matrixCodecLaws().forEach((law) => {
    testLaw(law, 200)
  })
})

describe('the Matrix codec, on examples whose report is read by people', () => {
  const decode = Matrix.decodeWith(Matrix.codec)
  const entries = 'entries must be finite numbers or one of "-0", "NaN", "Infinity", "-Infinity"'
  const size = 'must be a non-negative integer of at most 2147483647'

  it('keeps −0, NaN and ±∞ through JSON text, as "-0", "NaN", "Infinity", "-Infinity"', () => {
    const m = Matrix.fromRows([[-0, 0, 5e-324, Number.NaN, Infinity, -Infinity]])
    const text = JSON.stringify(Matrix.codec.encode(m))
    expect(text).toBe('{"rows":1,"cols":6,"data":["-0",0,5e-324,"NaN","Infinity","-Infinity"]}')
    const back = decode(JSON.parse(text))
    expect(E.isRight(back) && Matrix.toArray(back.right)).toEqual([-0, 0, 5e-324, Number.NaN, Infinity, -Infinity])
    expect(E.isRight(back) && Object.is(Matrix.toArray(back.right)[0], -0)).toBe(true)
  })

  it.each([
    ['data: data has 3 entries, a 2×2 matrix needs 4 (got [1,2,3])', { rows: 2, cols: 2, data: [1, 2, 3] }],
    [`data/1: ${entries} (got null)`, { rows: 1, cols: 2, data: [1, null] }],
    [`data/0: ${entries} (got NaN)`, { rows: 1, cols: 1, data: [Number.NaN] }],
    [`rows: rows ${size} (got -1)`, { rows: -1, cols: 2, data: [] }],
    [`rows: rows ${size} (got 1.5)`, { rows: 1.5, cols: 2, data: [] }],
    [`rows: rows ${size} (got 1e+300)`, { rows: 1e300, cols: 0, data: [] }],
    [`cols: cols ${size} (got 9007199254740992)`, { rows: 0, cols: 2 ** 53, data: [] }],
    ['rows: a matrix without entries may have at most 1048576 rows (got 1000000000)', { rows: 1e9, cols: 0, data: [] }],
    [
      'cols: a matrix without entries may have at most 1048576 cols (got 1048577)',
      { rows: 0, cols: 2 ** 20 + 1, data: [] },
    ],
    ['extra: unknown key (expected only rows, cols, data) (got 1)', { rows: 0, cols: 0, data: [], extra: 1 }],
    ['1: row 1 must be an array of 2 numbers, like row 0 (got [3])', [[1, 2], [3]]],
    [
      `1/1: ${entries} (got "x")`,
      [
        [1, 2],
        [3, 'x'],
      ],
    ],
    [`0/1: ${entries} (got undefined)`, [Object.assign(new Array<number>(3), { 0: 1, 2: 3 })]], // a hole is not skipped
    [`data/0: ${entries} (got 10n)`, { rows: 1, cols: 1, data: [10n] }],
    [`data/0: ${entries} (got a function)`, { rows: 1, cols: 1, data: [() => 1] }],
    ['(root): expected { rows, cols, data } or an array of rows (got 7)', 7],
  ])('reports %s', (line, json: unknown) => {
    expect(decode(json)).toEqual(E.left(`invalid Matrix:\n  ${line}`))
  })

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'refuses the prototype name %s as an entry, and as a key',
    (name) => {
      expect(decode({ rows: 1, cols: 1, data: [name] })).toEqual(
        E.left(`invalid Matrix:\n  data/0: ${entries} (got "${name}")`),
      )
      const keyed = JSON.parse(`{"rows":0,"cols":0,"data":[],"${name}":0}`) as unknown
      expect(decode(keyed)).toEqual(
        E.left(`invalid Matrix:\n  ${name}: unknown key (expected only rows, cols, data) (got 0)`),
      )
    },
  )

  it('a million bad entries are reported once, at the first', () => {
    const report = decode({ rows: 1000, cols: 1000, data: Array.from({ length: 1e6 }, () => 'x') })
    expect(report).toEqual(E.left(`invalid Matrix:\n  data/0: ${entries} (got "x")`))
  })
})

describe('JSON.stringify of a matrix', () => {
  it('writes what the codec reads back, bit for bit, never a record without the entries', () => {
    fc.assert(
      fc.property(anyShapeMatrix({ entries: fc.double() }), (m) => {
        const back = Matrix.decodeWith(Matrix.codec)(JSON.parse(JSON.stringify(m)))
        return (
          E.isRight(back) &&
          back.right.rows === m.rows &&
          back.right.cols === m.cols &&
          Matrix.toArray(back.right).every((x, i) => Object.is(x, Matrix.toArray(m)[i]))
        )
      }),
      { numRuns: 200 },
    )
  })
})
