/**
 * Laws of a CSV reader of regression data: on any text at all — random
 * characters, or a valid file with quotes, commas, line breaks and digits
 * put in anywhere — it returns a `Right` or one bounded line of `Left`
 * naming the file, and never throws; and a data set written as CSV reads
 * back as the same numbers, bit for bit (−0, subnormals and the largest
 * doubles included), whatever its column names hold (commas, quotes, line
 * breaks, spaces, `__proto__`).
 *
 * The reader and the writer are parameters (with nabla, `parseCsv` and
 * `formatCsv` of `nabla/data`), so a suite can break one and watch the law
 * fail.
 *
 * @module
 */
import * as fc from 'fast-check'
import { either as E } from 'fp-ts'
import { Matrix } from '../../src/index.js'
import { regression, type Dataset } from '../../src/data/Dataset.js'
import type { CsvOptions } from '../../src/data/csv.js'
import type { Law } from '../law.js'

/**
 * The CSV reader and writer under test.
 *
 * @category CSV laws
 */
export interface CsvCodec {
  /** Parses CSV text into a regression data set (nabla: `parseCsv`). */
  readonly parse: (text: string, options: CsvOptions) => E.Either<string, Dataset>
  /** Writes a regression data set with these feature names as CSV (nabla: `formatCsv`). */
  readonly format: (d: Dataset, featureNames: ReadonlyArray<string>) => string
}

/** The longest `Left` the laws accept: a message names a line, a column and a cell cut short, never a whole file. */
export const MAX_CSV_MESSAGE: number = 600

/** A CSV text and the target column to read from it. @category CSV laws */
export interface CsvCase {
  readonly text: string
  readonly target: string
}

/** Column names, tricky ones included: CSV's special characters, spaces, and names of `Object.prototype`. */
const columnName = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom('x', 'score', '__proto__', 'constructor', 'a,b', 'say "hi"', ' spaced ', 'two\nlines', 'é∂'),
    fc.string({ minLength: 1, maxLength: 6 }),
  )

/** Small files: a header of 1–4 names and up to 4 rows of 1–4 numbers (ragged rows too), all mapped, to shrink well. */
const smallFile = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.array(fc.constantFrom('x', 'y', 'score', '__proto__', 'a b'), { minLength: 1, maxLength: 4 }),
      fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 4 }), {
        maxLength: 4,
      }),
    )
    .map(([names, rows]) => [names.join(','), ...rows.map((r) => r.map(String).join(','))].join('\n'))

/** Characters that matter to CSV put in at some places of a text. */
const editedFile = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      smallFile(),
      fc.array(
        fc.tuple(fc.nat(), fc.constantFrom('"', ',', '\n', '\r', ' ', '""', '1', 'e', '-', '.', 'NaN', '\uFEFF')),
        {
          maxLength: 4,
        },
      ),
    )
    .map(([text, edits]) =>
      edits.reduce((t, [at, s]) => {
        const k = at % (t.length + 1)
        return `${t.slice(0, k)}${s}${t.slice(k)}`
      }, text),
    )

/**
 * Texts for the reader: arbitrary strings, and valid files after a few
 * insertions of quotes, commas, line breaks and number characters; the
 * target is `score` or another column name.
 *
 * @category CSV laws
 */
export const csvTexts = (): fc.Arbitrary<CsvCase> =>
  fc.record({
    text: fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), editedFile()),
    target: fc.constantFrom('score', 'x', '__proto__'),
  })

/** Whether a `Left` is one bounded line naming the file. */
const isReport = (message: string, name: string): boolean =>
  message.startsWith(name) && !/[\r\n]/.test(message) && message.length <= MAX_CSV_MESSAGE

/**
 * The reader never throws: any text gives a `Right` or a `Left` of one
 * line, at most {@link MAX_CSV_MESSAGE} characters, that starts with the
 * file's name.
 *
 * @category CSV laws
 */
export const csvParserNeverThrows = (codec: CsvCodec): Law<CsvCase> => ({
  name: 'csvParserNeverThrows',
  arbitrary: csvTexts(),
  holds: ({ text, target }) => {
    try {
      const r = codec.parse(text, { target, name: 'in.csv' })
      return E.isRight(r) || isReport(r.left, 'in.csv')
    } catch {
      return false
    }
  },
})

/** A regression data set and the names of its columns. @category CSV laws */
export interface NamedDataset {
  readonly data: Dataset
  readonly featureNames: ReadonlyArray<string>
  readonly target: string
}

/**
 * Regression data sets of 1–3 features and 1–5 examples with any finite
 * doubles (−0, subnormals and ±Number.MAX_VALUE come up), and distinct
 * column names (see `columnName`).
 *
 * @category CSV laws
 */
export const namedDatasets = (): fc.Arbitrary<NamedDataset> =>
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 }))
    .chain(([d, n]) =>
      fc.record({
        names: fc.uniqueArray(
          columnName().filter((s) => s.trim() !== ''),
          { minLength: d + 1, maxLength: d + 1 },
        ),
        x: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: d * n, maxLength: d * n }),
        y: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n }),
      }),
    )
    .map(({ names, x, y }) => {
      const target = names[names.length - 1] as string
      const d = names.length - 1
      const built = regression({
        name: 'generated',
        x: Matrix.fromArray(d, y.length, x),
        y: Matrix.fromArray(1, y.length, y),
        targetNames: [target],
      })
      if (E.isLeft(built)) throw new Error(built.left)
      return { data: built.right, featureNames: names.slice(0, d), target }
    })

/** Whether two lists of numbers are the same float64 values, bit for bit (−0 is not 0). */
const sameBits = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): boolean =>
  a.length === b.length && a.every((v, k) => Object.is(v, b[k]))

/**
 * Writing a data set as CSV and reading it back with its target column
 * gives the same features and targets, bit for bit, in the same shape,
 * with the target's name.
 *
 * @category CSV laws
 */
export const csvRoundTripsBitForBit = (codec: CsvCodec): Law<NamedDataset> => ({
  name: 'csvRoundTripsBitForBit',
  arbitrary: namedDatasets(),
  holds: ({ data, featureNames, target }) => {
    const back = codec.parse(codec.format(data, featureNames), { target })
    if (E.isLeft(back) || back.right.y === undefined || data.y === undefined) return false
    const d = back.right
    return (
      d.x.rows === data.x.rows &&
      d.x.cols === data.x.cols &&
      sameBits(Matrix.toArray(d.x), Matrix.toArray(data.x)) &&
      sameBits(Matrix.toArray(back.right.y), Matrix.toArray(data.y)) &&
      d.targetNames?.[0] === target
    )
  },
  explain: ({ data, featureNames }) => {
    const text = codec.format(data, featureNames)
    return `written: ${JSON.stringify(text)}`
  },
})

/**
 * The CSV laws, for one reader and writer.
 *
 * @category CSV laws
 */
export const csvLaws = (codec: CsvCodec): ReadonlyArray<Law<never>> =>
  [csvParserNeverThrows(codec), csvRoundTripsBitForBit(codec)] as unknown as ReadonlyArray<Law<never>>
