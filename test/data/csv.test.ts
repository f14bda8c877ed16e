import { describe, expect, it } from 'vitest'
import { Matrix } from 'nabla'
import { dataset, formatCsv, parseCsv, regression, type CsvOptions } from 'nabla/dataset'
import {
  MAX_CSV_MESSAGE,
  checkLaw,
  csvLaws,
  csvParserNeverThrows,
  csvRoundTripsBitForBit,
  type CsvCase,
  type CsvCodec,
  type NamedDataset,
} from 'nabla/laws'
import { left, right } from '../helpers/either.js'
import { testLaw } from '../matrix/prop.js'

const codec: CsvCodec = { parse: parseCsv, format: formatCsv }
const score: CsvOptions = { target: 'score', name: 'scores.csv' }

/** Welch Labs' three examples as a file: hours slept, hours studied, test score. */
const welch = 'slept,studied,score\n3,5,75\n5,1,82\n10,2,93\n'

describe('the CSV laws', () => {
  csvLaws(codec).forEach((law) => {
    testLaw(law, 300)
  })

  it('a reader that throws on a stray carriage return breaks csvParserNeverThrows, shrunk to a tiny text', () => {
    const throwing: CsvCodec = {
      ...codec,
      parse: (text, options) => {
        if (text.includes('\r')) throw new Error('unexpected CR')
        return parseCsv(text, options)
      },
    }
    const report = checkLaw(csvParserNeverThrows(throwing), { numRuns: 300, seed: 7 })
    expect(report.failed).toBe(true)
    const { text } = report.counterexample?.[0] as CsvCase
    expect(text).toContain('\r')
    // at seed 7 shrinking ends at the smallest file with the character ("\rx"; over seeds 1–30,
    // "\rx" 23 times and "\r" alone 7 times)
    expect(text).toBe('\rx')
  })

  it('a writer that prints 15 significant digits breaks csvRoundTripsBitForBit, shrunk to one number', () => {
    const rounding: CsvCodec = {
      ...codec,
      format: (d, names) =>
        formatCsv(d, names).replace(/-?\d[\d.e+-]*/g, (s) => String(Number(Number(s).toPrecision(15)))),
    }
    const report = checkLaw(csvRoundTripsBitForBit(rounding), { numRuns: 300, seed: 7 })
    expect(report.failed).toBe(true)
    const { data } = report.counterexample?.[0] as NamedDataset
    // shrunk to one feature of one example (at seed 7; over seeds 1–30, 1×1 24 times, 2×1 or 1×2 otherwise)
    expect([data.x.rows, data.x.cols]).toEqual([1, 1])
  })

  it('a writer that loses the sign of −0 breaks csvRoundTripsBitForBit', () => {
    const unsigned: CsvCodec = {
      ...codec,
      format: (d, names) => formatCsv(d, names).replace(/(^|[,\n])-0(?=[,\n])/g, '$10'),
    }
    const zero = right(
      regression({ name: 'z', x: Matrix.fromRows([[-0]]), y: Matrix.fromRows([[1]]), targetNames: ['score'] }),
    )
    const law = csvRoundTripsBitForBit(unsigned)
    expect(law.holds({ data: zero, featureNames: ['x'], target: 'score' })).toBe(false)
    expect(csvRoundTripsBitForBit(codec).holds({ data: zero, featureNames: ['x'], target: 'score' })).toBe(true)
  })
})

describe('parseCsv', () => {
  it("reads Welch Labs' data: features as rows, examples as columns, the target as a 1×n y", () => {
    const d = right(parseCsv(welch, score))
    expect(Matrix.toRows(d.x)).toEqual([
      [3, 5, 10],
      [5, 1, 2],
    ])
    expect(Matrix.toRows(d.y!)).toEqual([[75, 82, 93]])
    expect(d.targetNames).toEqual(['score'])
    expect([d.labels, d.classes, d.name]).toEqual([[], 0, 'scores.csv'])
  })

  it('reads the chosen features in the chosen order, and leaves other columns unread', () => {
    const d = right(
      parseCsv('name,studied,slept,score\nann,5,3,75\nbob,1,5,82\n', {
        target: 'score',
        features: ['slept', 'studied'],
      }),
    )
    expect(Matrix.toRows(d.x)).toEqual([
      [3, 5],
      [5, 1],
    ])
  })

  it('takes RFC 4180 quotes, CRLF, a byte-order mark, spaces around numbers and blank lines at the end', () => {
    const d = right(parseCsv('\uFEFF"a, ""b""",score\r\n" 1.5 ", -2e3 \r\n"7",8\r\n\r\n\n', { target: 'score' }))
    expect(Matrix.toRows(d.x)).toEqual([[1.5, 7]])
    expect(Matrix.toRows(d.y!)).toEqual([[-2000, 8]])
  })

  it('a quoted name keeps its spaces and may hold a line break; the next line is counted as an editor does', () => {
    expect(right(parseCsv('x,"my\nscore"\n1,2\n', { target: 'my\nscore' })).targetNames).toEqual(['my\nscore'])
    expect(left(parseCsv('x," score "\n1,2\n', { target: 'score' }))).toMatch(/no column named "score"/)
    expect(left(parseCsv('"a\nb",score\n1,oops\n', { target: 'score' }))).toBe(
      'csv line 3, column 2 ("score") is "oops", not a decimal number',
    )
  })

  it('treats __proto__ and constructor as plain column names', () => {
    const d = right(parseCsv('__proto__,constructor\n1,2\n3,4\n', { target: 'constructor' }))
    expect(Matrix.toRows(d.x)).toEqual([[1, 3]])
    expect(Matrix.toRows(d.y!)).toEqual([[2, 4]])
    expect(left(parseCsv('a,b\n1,2\n', { target: '__proto__' }))).toBe(
      'csv: no column named "__proto__" to predict (the columns are "a", "b")',
    )
    expect(left(parseCsv('a,b\n1,2\n', { target: 'b', features: ['toString'] }))).toBe(
      'csv: no feature column named "toString" (the columns are "a", "b")',
    )
  })

  it.each([
    ['', 'scores.csv: the file is empty (a header row of column names comes first)'],
    [' \n\r\n', 'scores.csv: the file is empty (a header row of column names comes first)'],
    ['slept,studied,score\n', 'scores.csv: no examples (the file has only its header row)'],
    ['slept,studied\n1,2\n', 'scores.csv: no column named "score" to predict (the columns are "slept", "studied")'],
    ['score\n1\n', 'scores.csv: no feature columns besides the target "score"'],
    ['a,a,score\n1,2,3\n', 'scores.csv line 1 (the header): columns 1 and 2 are both named "a"'],
    ['a,,score\n1,2,3\n', 'scores.csv line 1 (the header): column 2 has no name'],
    ['a,score\n1,2\n3\n', 'scores.csv line 3 has 1 fields, but the header names 2 columns'],
    ['a,score\n1,2,3\n', 'scores.csv line 2 has 3 fields, but the header names 2 columns'],
    ['a,score\n1,2\n\n3,4\n', 'scores.csv line 3 is blank (rows of a CSV file are not separated by blank lines)'],
    ['a,score\n1,\n', 'scores.csv line 2, column 2 ("score") is empty, not a number'],
    ['a,score\nNaN,1\n', 'scores.csv line 2, column 1 ("a") is "NaN": only finite numbers are accepted'],
    [
      'a,score\n1,-Infinity\n',
      'scores.csv line 2, column 2 ("score") is "-Infinity": only finite numbers are accepted',
    ],
    ['a,score\n1,∞\n', 'scores.csv line 2, column 2 ("score") is "∞": only finite numbers are accepted'],
    ['a,score\n1,1e999\n', 'scores.csv line 2, column 2 ("score") is "1e999", beyond the range of float64 numbers'],
    ['a,score\n0x10,1\n', 'scores.csv line 2, column 1 ("a") is "0x10", not a decimal number'],
    ['a,score\n1 2,1\n', 'scores.csv line 2, column 1 ("a") is "1 2", not a decimal number'],
    [
      'a,score\n1,2"\n',
      'scores.csv line 2: a quote inside an unquoted field (quote the whole field, and double the quote)',
    ],
    [
      'a,score\n"1" ,2\n',
      'scores.csv line 2: text after the closing quote of a field (a quoted field ends at a comma or a line break)',
    ],
    ['a,score\n1,"2\n3,4\n', 'scores.csv line 2: a quoted field that is never closed'],
  ])('refuses %j: %s', (text, message) => {
    expect(left(parseCsv(text, score))).toBe(message)
  })

  it('refuses a target that is also a feature, and a feature chosen twice', () => {
    expect(left(parseCsv('a,score\n1,2\n', { target: 'score', features: ['a', 'score'] }))).toBe(
      'csv: the target "score" cannot also be a feature',
    )
    expect(left(parseCsv('a,score\n1,2\n', { target: 'score', features: ['a', 'a'] }))).toBe(
      'csv: the feature "a" is chosen twice',
    )
  })

  it('shows a long cell cut to 40 characters and lists at most 8 column names', () => {
    const long = 'z'.repeat(100_000)
    const message = left(parseCsv(`a,score\n1,${long}\n`, score))
    expect(message).toBe(`scores.csv line 2, column 2 ("score") is "${'z'.repeat(39)}…", not a decimal number`)
    const wide = `${Array.from({ length: 50 }, (_, k) => `c${String(k)}`).join(',')}\n`
    expect(left(parseCsv(wide, score))).toBe(
      'scores.csv: no column named "score" to predict (the columns are "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7" and 42 more)',
    )
    expect(message.length).toBeLessThanOrEqual(MAX_CSV_MESSAGE)
  })

  it('reports the first bad row, whatever comes after it', () => {
    const rows = Array.from({ length: 1000 }, (_, k) => (k === 499 ? 'x,1' : `${String(k)},1`))
    expect(left(parseCsv(`a,score\n${rows.join('\n')}\n`, score))).toBe(
      'scores.csv line 501, column 1 ("a") is "x", not a decimal number',
    )
  })
})

describe('formatCsv', () => {
  it("writes Welch Labs' data as the file it came from", () => {
    expect(formatCsv(right(parseCsv(welch, score)), ['slept', 'studied'])).toBe(welch)
  })

  it('quotes names that need it and keeps every bit of the numbers', () => {
    const d = right(
      regression({
        name: 'q',
        x: Matrix.fromRows([[-0, 5e-324, Number.MAX_VALUE]]),
        y: Matrix.fromRows([[0.1, 1 / 3, -1e21]]),
        targetNames: ['say "hi"'],
      }),
    )
    const text = formatCsv(d, ['a, b'])
    expect(text).toBe('"a, b","say ""hi"""\n-0,0.1\n5e-324,0.3333333333333333\n1.7976931348623157e+308,-1e+21\n')
    const back = right(parseCsv(text, { target: 'say "hi"' }))
    expect(Object.is(Matrix.get(back.x, 0, 0), -0)).toBe(true)
  })

  it('refuses a classifier data set, the wrong number of names and entries that are not finite', () => {
    const d = right(regression({ name: 'r', x: Matrix.fromRows([[1]]), y: Matrix.fromRows([[2]]) }))
    expect(() => formatCsv(d, [])).toThrow('formatCsv: 0 feature names for 1 features')
    const nan = { ...d, x: Matrix.fromRows([[Number.NaN]]) }
    expect(() => formatCsv(nan, ['a'])).toThrow('formatCsv: NaN has no CSV form')
    const classifier = right(dataset({ name: 'c', x: Matrix.fromRows([[1]]), labels: [0], classes: 1 }))
    expect(() => formatCsv(classifier, ['a'])).toThrow('formatCsv: c has no real-valued targets')
  })
})
