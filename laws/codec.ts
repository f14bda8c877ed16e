/**
 * Laws of any io-ts codec at a JSON boundary: decoding never throws, keeps
 * exactly what it reads, survives edits of valid encodings, reports in
 * bounded space, and round-trips bit for bit. Each law takes the codec
 * under test (and arbitraries of its values), so they check your codecs as
 * well as nabla's; `nabla/laws` instantiates them for the matrix, model,
 * checkpoint and optimizer-spec codecs.
 *
 * @module
 */
import * as fc from 'fast-check'
import { either as E } from 'fp-ts'
import type * as t from 'io-ts'
import { Matrix, type MatrixJson } from '../src/index.js'
import type { Law } from './law.js'
import { hostileJson, manyErrorsJson, mutatedJson, type MutatedJson } from './arbitraries/json.js'

/**
 * The most lines a `decodeWith` report has: `invalid <name>:`, the first
 * `REPORT_MAX_ERRORS` (10) errors and a line counting the rest — 12.
 *
 * @category codec laws
 */
export const REPORT_MAX_LINES: number = Matrix.REPORT_MAX_ERRORS + 2

/**
 * The longest line of a `decodeWith` report: `REPORT_MAX_LINE_LENGTH` (160)
 * and the two spaces of indentation — 162.
 *
 * @category codec laws
 */
export const REPORT_MAX_LINE: number = Matrix.REPORT_MAX_LINE_LENGTH + 2

/** Whether a report is within {@link REPORT_MAX_LINES} lines of {@link REPORT_MAX_LINE} characters. @category codec laws */
export const isBoundedReport = (report: string): boolean => {
  const lines = report.split('\n')
  return lines.length <= REPORT_MAX_LINES && lines.every((l) => l.length <= REPORT_MAX_LINE)
}

const isPlain = (u: unknown): u is Readonly<Record<string, unknown>> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false
  const proto: unknown = Object.getPrototypeOf(u)
  return proto === Object.prototype || proto === null
}

const isMatrixJson = (u: unknown): u is MatrixJson =>
  isPlain(u) &&
  Object.keys(u).length === 3 &&
  Array.isArray(u['data']) &&
  Object.hasOwn(u, 'rows') &&
  Object.hasOwn(u, 'cols')

/** Deeper than any encoding nabla writes: a Right this deep is a decoder that forgot its depth limit. */
const COMPARE_DEPTH = 100

/**
 * Whether `input` is the JSON that a codec's `encoded` output is, up to the
 * two spellings nabla's formats allow for one value: −0 as the number
 * (`JSON.parse('-0')`) or as the string `"-0"`, and a matrix as
 * `{ rows, cols, data }` or as an array of rows. Otherwise numbers are
 * compared with `Object.is`, records by their own keys (in any order; the
 * input must be a plain record, not a date or a map), arrays entry by entry
 * (a hole is `undefined`).
 *
 * @category codec laws
 */
export const sameJson = (input: unknown, encoded: unknown, depth: number = 0): boolean => {
  if (depth > COMPARE_DEPTH) return false
  if (encoded === '-0') return input === '-0' || Object.is(input, -0)
  if (typeof encoded !== 'object' || encoded === null) return Object.is(input, encoded)
  if (Array.isArray(encoded)) {
    const es = encoded as ReadonlyArray<unknown>
    return Array.isArray(input) && input.length === es.length && es.every((e, i) => sameJson(input[i], e, depth + 1))
  }
  if (isMatrixJson(encoded) && Array.isArray(input)) return sameRows(input, encoded, depth)
  if (!isPlain(input)) return false
  const keys = Object.keys(encoded)
  const record = encoded as Readonly<Record<string, unknown>>
  return (
    Object.keys(input).length === keys.length &&
    keys.every((k) => Object.hasOwn(input, k) && sameJson(input[k], record[k], depth + 1))
  )
}

/** Whether an array of rows is the matrix `{ rows, cols, data }`. */
const sameRows = (input: ReadonlyArray<unknown>, m: MatrixJson, depth: number): boolean =>
  input.length === m.rows &&
  input.every(
    (row, i) =>
      Array.isArray(row) &&
      row.length === m.cols &&
      (row as ReadonlyArray<unknown>).every((x, j) => sameJson(x, m.data[i * m.cols + j], depth + 2)),
  )

/**
 * The claim shared by the decoding laws, for one input: `decodeWith(codec)`
 * returns (it does not throw); a `Left` is a bounded report (see
 * {@link isBoundedReport}); a `Right` re-encodes to the input (see
 * {@link sameJson}) and passes `wellFormed`.
 *
 * @category codec laws
 */
export const decodesHonestly = <A>(
  codec: t.Type<A, unknown>,
  u: unknown,
  wellFormed: (a: A) => boolean = () => true,
): boolean => {
  const result = Matrix.decodeWith(codec)(u)
  return E.isRight(result)
    ? wellFormed(result.right) && sameJson(u, codec.encode(result.right))
    : isBoundedReport(result.left)
}

/**
 * Options of the decoding laws: the codec under test, and a check of what it
 * decodes (default: anything).
 *
 * @category codec laws
 */
export interface DecoderLawOptions<A> {
  readonly codec: t.Type<A, unknown>
  readonly wellFormed?: (a: A) => boolean
}

/**
 * For any input at all — JSON, `fc.anything`, prototype names as keys and
 * values, numbers JSON cannot hold, nesting 10,000 levels deep (see
 * `hostileJson`) — the decoder returns instead of throwing, with a bounded
 * report or a value that re-encodes to exactly the input.
 *
 * @category codec laws
 */
export const decodeNeverThrowsOnHostileJson = <A>(
  options: DecoderLawOptions<A> & { readonly inputs?: fc.Arbitrary<unknown> },
): Law<unknown> => ({
  name: `decodeNeverThrowsOnHostileJson(${options.codec.name})`,
  arbitrary: options.inputs ?? hostileJson(),
  holds: (u) => decodesHonestly(options.codec, u, options.wellFormed),
})

/**
 * For any one edit of a valid encoding (see `mutatedJson`: a subtree
 * replaced by a hostile value, a key deleted, added or given twice, nesting
 * deepened, a value turned into `"constructor"`, an array cut short or
 * lengthened), the decoder returns a bounded report, or a value that
 * re-encodes to exactly the edited JSON: it never accepts an edit and then
 * writes something else.
 *
 * @category codec laws
 */
export const decodeSurvivesMutations = <A>(
  options: DecoderLawOptions<A> & { readonly valid: fc.Arbitrary<A> },
): Law<MutatedJson> => ({
  name: `decodeSurvivesMutations(${options.codec.name})`,
  arbitrary: mutatedJson(options.valid.map((a) => options.codec.encode(a))),
  holds: ({ json }) => decodesHonestly(options.codec, json, options.wellFormed),
})

/**
 * decode(parse(stringify(encode(a)))) is `a` (by `identical`, default: its
 * encoding is the same JSON text), and its encoding is the same text again:
 * whatever is written reads back bit for bit, −0, NaN and ±∞ included.
 *
 * @category codec laws
 */
export const codecRoundTripsBitForBit = <A>(options: {
  readonly codec: t.Type<A, unknown>
  readonly arbitrary: fc.Arbitrary<A>
  readonly identical?: (decoded: A, original: A) => boolean
}): Law<A> => ({
  name: `codecRoundTripsBitForBit(${options.codec.name})`,
  arbitrary: options.arbitrary,
  holds: (a) => {
    const text = JSON.stringify(options.codec.encode(a))
    const back = options.codec.decode(JSON.parse(text))
    return (
      E.isRight(back) &&
      JSON.stringify(options.codec.encode(back.right)) === text &&
      (options.identical?.(back.right, a) ?? true)
    )
  },
})

/**
 * For any input, the report of a failed decode is bounded: at most
 * {@link REPORT_MAX_LINES} lines of at most {@link REPORT_MAX_LINE}
 * characters, however many errors there are and however long the paths and
 * values. `report` is the reporter under test (default `Matrix.decodeWith`).
 *
 * @category codec laws
 */
export const decodeReportIsBounded = <A>(options: {
  readonly codec: t.Type<A, unknown>
  readonly inputs: fc.Arbitrary<unknown>
  readonly report?: (codec: t.Type<A, unknown>) => (u: unknown) => E.Either<string, A>
}): Law<unknown> => {
  const report = (options.report ?? Matrix.decodeWith)(options.codec)
  return {
    name: `decodeReportIsBounded(${options.codec.name})`,
    arbitrary: options.inputs,
    holds: (u) => {
      const r = report(u)
      return E.isRight(r) || isBoundedReport(r.left)
    },
  }
}

/**
 * The boundary laws of one codec, given arbitraries of the values it
 * encodes: {@link decodeNeverThrowsOnHostileJson},
 * {@link decodeSurvivesMutations} and {@link decodeReportIsBounded} (on
 * hostile JSON, `manyErrorsJson` and edits of valid encodings).
 *
 * @category codec laws
 */
export const boundaryLaws = <A>(
  options: DecoderLawOptions<A> & { readonly valid: fc.Arbitrary<A> },
): ReadonlyArray<Law<never>> => {
  const { codec, valid } = options
  const edited = mutatedJson(valid.map((a) => codec.encode(a))).map((m) => m.json)
  return [
    decodeNeverThrowsOnHostileJson(options),
    decodeSurvivesMutations(options),
    decodeReportIsBounded({ codec, inputs: fc.oneof(hostileJson(), manyErrorsJson(), edited) }),
  ] as unknown as ReadonlyArray<Law<never>>
}
