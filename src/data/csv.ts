/**
 * Regression data from CSV text: a header row of column names, then one
 * example per row, every cell a number. One named column is the target
 * (the value to predict); the features are the other columns, or a chosen
 * list of them. The result is a regression {@link Dataset} with the
 * examples as columns: x is features×n, y is 1×n.
 *
 * The format is RFC 4180's: fields separated by commas, rows by CRLF or LF
 * (a lone CR too), and a field may be quoted — `"a, b"`, with `""` for a
 * quote inside it, and line breaks inside the quotes. An unquoted field is
 * trimmed of surrounding spaces; a quoted one is taken as it is (a name may
 * keep its spaces), except that a number may have spaces around it either
 * way. A UTF-8 byte-order mark at the start and blank lines at the end are
 * ignored.
 *
 * Anything else is one `Left` naming the file, the line and the column,
 * before any matrix is made: an empty file, a header without data rows, a
 * column without a name or two with the same name, a missing target or
 * feature column, a row with more or fewer fields than the header, a blank
 * line between rows, a stray quote, and a cell that is not a decimal
 * number (shown, cut to 40 characters) — `NaN`, `Infinity` and numbers
 * beyond the range of float64 (`1e999`) included. Column names are plain
 * names, looked up in a list, never as an object's keys: `__proto__` and
 * `constructor` are columns like any other.
 *
 * {@link formatCsv} writes a data set back as such text; parsing what it
 * writes gives the same numbers, bit for bit.
 *
 * @module
 */
import { either as E, function as F } from 'fp-ts'
import { generate } from '../matrix/construct.js'
import { buffer } from '../matrix/internal.js'
import { regression, size, type Dataset } from './Dataset.js'

const { pipe } = F

/** Options of {@link parseCsv}. @category CSV */
export interface CsvOptions {
  /** The name of the column to predict. */
  readonly target: string
  /** The feature columns, in this order; default: every column but the target, in the file's order. */
  readonly features?: ReadonlyArray<string>
  /** The file's name, for the messages and as the data set's name; default `'csv'`. */
  readonly name?: string
}

/** A field of the file: its text (unquoted), whether it was quoted, and where it starts. */
interface Field {
  readonly text: string
  readonly quoted: boolean
  readonly at: number
}

/** One field and the separator after it (a comma, a line break, or '' at the end of the text). */
const FIELD = /(?:"((?:[^"]|"")*)"|([^",\r\n]*))(,|\r\n|\n|\r|$)/gy

/** The 1-based line of an offset of the text (quoted line breaks count, as an editor shows them). */
const lineAt = (text: string, at: number): number => text.slice(0, at).split(/\r\n|\n|\r/).length

/** Text as a message shows it: quoted, its first 40 characters (a cell of a bad file may be megabytes long). */
const shown = (s: string): string => JSON.stringify(s.length <= 40 ? s : `${s.slice(0, 39)}…`)

/** A list of names as a message shows it: at most 8 of them. */
const shownNames = (names: ReadonlyArray<string>): string =>
  names.length <= 8
    ? names.map(shown).join(', ')
    : `${names.slice(0, 8).map(shown).join(', ')} and ${String(names.length - 8)} more`

/** Why the text cannot be cut into fields at `at`, where the field pattern stopped matching. */
const strayQuote = (text: string, at: number, name: string): string => {
  const where = `${name} line ${String(lineAt(text, at))}`
  if (text[at] !== '"')
    return `${where}: a quote inside an unquoted field (quote the whole field, and double the quote)`
  return /"(?:[^"]|"")*"/y.test(text.slice(at))
    ? `${where}: text after the closing quote of a field (a quoted field ends at a comma or a line break)`
    : `${where}: a quoted field that is never closed`
}

/** The rows of fields of CSV text, or where it is not CSV. */
const rowsOf = (text: string, name: string): E.Either<string, ReadonlyArray<ReadonlyArray<Field>>> => {
  const matches = Array.from(text.matchAll(FIELD))
  const end = matches.findIndex((m) => m[3] === '')
  if (end < 0) {
    const last = matches[matches.length - 1]
    return E.left(strayQuote(text, last === undefined ? 0 : last.index + last[0].length, name))
  }
  const used = matches.slice(0, end + 1)
  const fields = used.map((m): Field =>
    m[1] !== undefined
      ? { text: m[1].replaceAll('""', '"'), quoted: true, at: m.index }
      : { text: (m[2] ?? '').trim(), quoted: false, at: m.index },
  )
  const rowEnds = used.flatMap((m, k) => (m[3] === ',' ? [] : [k]))
  return E.right(rowEnds.map((e, r) => fields.slice(r === 0 ? 0 : (rowEnds[r - 1] as number) + 1, e + 1)))
}

/** Whether a row is a blank line: one empty unquoted field. */
const isBlank = (row: ReadonlyArray<Field>): boolean =>
  row.length === 1 && row[0]?.quoted === false && row[0].text === ''

/** The rows without the blank lines at the end. */
const withoutTrailingBlanks = (rows: ReadonlyArray<ReadonlyArray<Field>>): ReadonlyArray<ReadonlyArray<Field>> => {
  const blanks = [...rows].reverse().findIndex((r) => !isBlank(r))
  return blanks < 0 ? [] : rows.slice(0, rows.length - blanks)
}

/** The column names of the header, or why they cannot name columns (no name, the same name twice). */
const headerNames = (header: ReadonlyArray<Field>, name: string): E.Either<string, ReadonlyArray<string>> => {
  const names = header.map((f) => f.text)
  const where = `${name} line 1 (the header)`
  const unnamed = names.findIndex((n) => n.trim() === '')
  if (unnamed >= 0) return E.left(`${where}: column ${String(unnamed + 1)} has no name`)
  // the first column of each name: later entries of a Map's source win, so the names go in from the last
  const firstOf = new Map(names.map((n, k) => [n, k] as const).reverse())
  const twice = names.findIndex((n, k) => firstOf.get(n) !== k)
  if (twice < 0) return E.right(names)
  const repeated = names[twice] as string
  return E.left(
    `${where}: columns ${String((firstOf.get(repeated) ?? 0) + 1)} and ${String(twice + 1)} are both named ${shown(repeated)}`,
  )
}

/** The indices of the target column and the feature columns, or which one is missing or misused. */
const chosenColumns = (
  names: ReadonlyArray<string>,
  options: CsvOptions,
  name: string,
): E.Either<string, { readonly target: number; readonly features: ReadonlyArray<number> }> => {
  const target = names.indexOf(options.target)
  const columns = `the columns are ${shownNames(names)}`
  if (target < 0) return E.left(`${name}: no column named ${shown(options.target)} to predict (${columns})`)
  const chosen = options.features ?? names.filter((_, k) => k !== target)
  if (chosen.length === 0) return E.left(`${name}: no feature columns besides the target ${shown(options.target)}`)
  const missing = chosen.find((f) => !names.includes(f))
  if (missing !== undefined) return E.left(`${name}: no feature column named ${shown(missing)} (${columns})`)
  if (chosen.includes(options.target)) {
    return E.left(`${name}: the target ${shown(options.target)} cannot also be a feature`)
  }
  const repeated = chosen.find((f, k) => chosen.indexOf(f) !== k)
  if (repeated !== undefined) return E.left(`${name}: the feature ${shown(repeated)} is chosen twice`)
  return E.right({ target, features: chosen.map((f) => names.indexOf(f)) })
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i
const NOT_FINITE = /^[+-]?(nan|inf|infinity|∞)$/i

/** A cell's number, or why it is not one (`where` names the cell, and is only worked out for a message). */
const cellNumber = (f: Field, where: () => string): E.Either<string, number> => {
  const s = f.text.trim()
  if (NUMBER.test(s)) {
    const v = Number(s)
    return Number.isFinite(v) ? E.right(v) : E.left(`${where()} is ${shown(s)}, beyond the range of float64 numbers`)
  }
  if (s === '') return E.left(`${where()} is empty, not a number`)
  if (NOT_FINITE.test(s)) return E.left(`${where()} is ${shown(s)}: only finite numbers are accepted`)
  return E.left(`${where()} is ${shown(s)}, not a decimal number`)
}

/**
 * A regression data set from CSV text (see the module's notes for the
 * format and every `Left`): x holds the feature columns (one row per
 * feature, one column per example), y the target column (1×n, named after
 * it). Never throws.
 *
 * @example
 * parseCsv('slept,studied,score\n3,5,75\n5,1,82\n10,2,93\n', { target: 'score', name: 'scores.csv' })
 * // Right: x = [[3, 5, 10], [5, 1, 2]], y = [[75, 82, 93]]
 * @category CSV
 */
export const parseCsv = (text: string, options: CsvOptions): E.Either<string, Dataset> => {
  const name = options.name ?? 'csv'
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  if (body.trim() === '') return E.left(`${name}: the file is empty (a header row of column names comes first)`)
  return pipe(
    rowsOf(body, name),
    E.map(withoutTrailingBlanks),
    E.chain((rows) => {
      const [header = [], ...data] = rows
      return pipe(
        headerNames(header, name),
        E.chain((names) =>
          pipe(
            chosenColumns(names, options, name),
            E.chain((cols) => {
              if (data.length === 0) return E.left(`${name}: no examples (the file has only its header row)`)
              const used = [...cols.features, cols.target]
              return pipe(
                data,
                E.traverseReadonlyArrayWithIndex((_, row) => {
                  // the line is counted only for a message: counting it for every row would be quadratic
                  const line = (): string => `${name} line ${String(lineAt(body, row[0]?.at ?? 0))}`
                  if (isBlank(row)) {
                    return E.left(`${line()} is blank (rows of a CSV file are not separated by blank lines)`)
                  }
                  if (row.length !== names.length) {
                    return E.left(
                      `${line()} has ${String(row.length)} fields, but the header names ${String(names.length)} columns`,
                    )
                  }
                  return E.traverseReadonlyArrayWithIndex((_k, k: number) =>
                    cellNumber(
                      row[k] as Field,
                      () => `${line()}, column ${String(k + 1)} (${shown(names[k] as string)})`,
                    ),
                  )(used)
                }),
                E.chain((values) => {
                  const d = cols.features.length
                  return regression({
                    name,
                    x: generate(d, values.length, (p, i) => (values[i] as ReadonlyArray<number>)[p] as number),
                    y: generate(1, values.length, (_, i) => (values[i] as ReadonlyArray<number>)[d] as number),
                    targetNames: [options.target],
                  })
                }),
              )
            }),
          ),
        ),
      )
    }),
  )
}

/** A name as a CSV field: quoted when it holds a comma, a quote, a line break or surrounding spaces. */
const nameField = (n: string): string => (/[",\r\n]|^\s|\s$/.test(n) || n === '' ? `"${n.replaceAll('"', '""')}"` : n)

/** A number as a CSV field that reads back as the same float64 (`String` keeps every bit, but not the sign of −0). */
const numberField = (v: number): string => {
  if (!Number.isFinite(v)) throw new RangeError(`formatCsv: ${String(v)} has no CSV form (only finite numbers do)`)
  return Object.is(v, -0) ? '-0' : String(v)
}

/**
 * A regression data set as CSV text: a header of the feature names and
 * the target names, then one row per example (its features, then its
 * targets), LF line ends. Names are quoted where CSV needs it; numbers are
 * written so that {@link parseCsv} reads back the same float64 values.
 * Throws a `RangeError` for a data set without real-valued targets, a
 * wrong number of feature names, or an entry that is not finite.
 *
 * @example
 * formatCsv(scores, ['slept', 'studied']) // 'slept,studied,score\n3,5,75\n…'
 * @category CSV
 */
export const formatCsv = (d: Dataset, featureNames: ReadonlyArray<string>): string => {
  const { x, y } = d
  if (y === undefined) throw new RangeError(`formatCsv: ${d.name} has no real-valued targets (it is a classifier's)`)
  if (featureNames.length !== x.rows) {
    throw new RangeError(`formatCsv: ${String(featureNames.length)} feature names for ${String(x.rows)} features`)
  }
  const [xs, ys] = [buffer(x), buffer(y)]
  const n = size(d)
  const cells = (data: Float64Array, rows: number, i: number): ReadonlyArray<string> =>
    Array.from({ length: rows }, (_, p) => numberField(data[p * n + i] as number))
  const header = [...featureNames, ...(d.targetNames ?? [])].map(nameField).join(',')
  const lines = Array.from({ length: n }, (_, i) => [...cells(xs, x.rows, i), ...cells(ys, y.rows, i)].join(','))
  return [header, ...lines, ''].join('\n')
}
