/**
 * Laws of the Matrix codec: it round-trips bit for bit (−0, NaN and ±∞
 * included), and at the boundary it never throws, keeps exactly what it
 * reads, refuses shapes beyond its limits and says where bad JSON is bad,
 * in a bounded report.
 *
 * @module
 */
import * as fc from 'fast-check'
import { either as E } from 'fp-ts'
import type * as t from 'io-ts'
import { Matrix } from '../../src/index.js'
import { NumberC } from '../../src/matrix/json.js'
import type { Law } from '../law.js'
import { type InvalidMatrixJson, anyShapeMatrix, anyUnknown, invalidMatrixJson } from '../arbitraries/matrix.js'
import { boundaryLaws, codecRoundTripsBitForBit, sameJson } from '../codec.js'

/**
 * Options of the codec laws: the codec under test (nabla's by default).
 *
 * @category laws
 */
export interface CodecLawOptions {
  /** The codec to check instead of `Matrix.codec`. */
  readonly codec?: t.Type<Matrix, unknown>
}

/** Every float64: −0, NaN, ±∞, subnormals and the extremes included. */
const anyEntry = fc.double()

/** Same shape and every entry the same float64 as far as `Object.is` sees (−0 ≠ 0, NaN = NaN). */
const identical = (a: Matrix, b: Matrix): boolean => {
  const ys = Matrix.toArray(b)
  return a.rows === b.rows && a.cols === b.cols && Matrix.toArray(a).every((x, i) => Object.is(x, ys[i]))
}

/** Whether a decode result is the matrix m, bit for bit. */
const decodesTo = (m: Matrix, result: t.Validation<Matrix>): boolean => E.isRight(result) && identical(result.right, m)

/**
 * decode(encode(m)) is m, bit for bit, for every matrix (−0, NaN, ±∞,
 * subnormals and ±1.7976931348623157e308 included), both directly and
 * through JSON text: `decode(JSON.parse(JSON.stringify(encode(m))))`.
 *
 * @category laws
 */
export const codecRoundTrips = (options: CodecLawOptions = {}): Law<Matrix> => {
  const codec = options.codec ?? Matrix.codec
  return {
    name: 'codecRoundTrips',
    arbitrary: anyShapeMatrix({ entries: anyEntry }),
    holds: (m) => {
      const json = codec.encode(m)
      return decodesTo(m, codec.decode(json)) && decodesTo(m, codec.decode(JSON.parse(JSON.stringify(json))))
    },
  }
}

/**
 * Decoding an array of equal rows (`Matrix.toRows(m)`, entries written as
 * the codec writes them) gives m, bit for bit, for every matrix with at
 * least one row (an empty array decodes to 0×0, which is all it can say).
 *
 * @category laws
 */
export const codecDecodesArraysOfRows = (options: CodecLawOptions = {}): Law<Matrix> => {
  const codec = options.codec ?? Matrix.codec
  return {
    name: 'codecDecodesArraysOfRows',
    arbitrary: anyShapeMatrix({ minRows: 1, entries: anyEntry }),
    holds: (m) => decodesTo(m, codec.decode(Matrix.toRows(m).map((row) => row.map(NumberC.encode)))),
  }
}

/**
 * Whether a decoded matrix is well formed: safe integer sizes within
 * `Matrix.MAX_DIMENSION`, at most `Matrix.MAX_EMPTY_DIMENSION` rows and
 * columns if it has no entries, rows·cols entries, frozen.
 *
 * @category laws
 */
export const isWellFormedMatrix = (m: Matrix): boolean =>
  [m.rows, m.cols].every((n) => Number.isSafeInteger(n) && n >= 0 && n <= Matrix.MAX_DIMENSION) &&
  (Matrix.size(m) > 0 || Math.max(m.rows, m.cols) <= Matrix.MAX_EMPTY_DIMENSION) &&
  Matrix.toArray(m).length === m.rows * m.cols &&
  Object.isFrozen(m)

/** The number of lines of a report of `errors` errors: the first line, up to 10 errors, and a count of the rest. */
const reportLines = (errors: number): number =>
  1 + Math.min(errors, Matrix.REPORT_MAX_ERRORS) + (errors > Matrix.REPORT_MAX_ERRORS ? 1 : 0)

/**
 * For any value at all (see `anyUnknown`), decoding returns instead of
 * throwing: a `Left` whose `decodeWith` report has one line per error (the
 * first ten, then a count of the rest), or a `Right` holding a well-formed,
 * frozen matrix (see {@link isWellFormedMatrix}) that encodes back to the
 * value (see `sameJson`).
 *
 * @category laws
 */
export const decodeNeverThrows = (options: CodecLawOptions = {}): Law<unknown> => {
  const codec = options.codec ?? Matrix.codec
  return {
    name: 'decodeNeverThrows',
    arbitrary: anyUnknown(),
    holds: (u) => {
      const result = codec.decode(u)
      const report = Matrix.decodeWith(codec)(u)
      return E.isRight(result)
        ? E.isRight(report) && isWellFormedMatrix(result.right) && sameJson(u, codec.encode(result.right))
        : E.isLeft(report) && report.left.split('\n').length === reportLines(result.left.length)
    },
  }
}

/**
 * Spoiled matrix JSON (see `invalidMatrixJson`: wrong lengths, non-finite or
 * non-numeric entries, negative or fractional sizes, ragged rows, …) is a
 * `Left`, and `formatErrors` reports the problem at the exact path where it
 * is, e.g. `data/3: entries must be finite numbers (got null)`.
 *
 * @category laws
 */
export const decodeReportsWhereJsonIsInvalid = (options: CodecLawOptions = {}): Law<InvalidMatrixJson> => {
  const codec = options.codec ?? Matrix.codec
  return {
    name: 'decodeReportsWhereJsonIsInvalid',
    arbitrary: invalidMatrixJson(),
    holds: ({ json, path }) => {
      const result = codec.decode(json)
      return E.isLeft(result) && Matrix.formatErrors(result.left).some((line) => line.startsWith(`${path}: `))
    },
  }
}

/**
 * Every law of the Matrix codec: those above, and the boundary laws of
 * `nabla/laws`'s codec module applied to it — hostile JSON, edits of valid
 * encodings (with every decoded matrix well formed), bounded reports, and a
 * bit-exact round trip through JSON text.
 *
 * @category laws
 */
export const matrixCodecLaws = (options: CodecLawOptions = {}): ReadonlyArray<Law<never>> => {
  const codec = options.codec ?? Matrix.codec
  const matrices = anyShapeMatrix({ entries: anyEntry, maxRows: 4, maxCols: 4 })
  return [
    codecRoundTrips(options),
    codecDecodesArraysOfRows(options),
    decodeNeverThrows(options),
    decodeReportsWhereJsonIsInvalid(options),
    codecRoundTripsBitForBit({ codec, arbitrary: matrices, identical }),
    ...boundaryLaws({ codec, valid: matrices, wellFormed: isWellFormedMatrix }),
  ] as unknown as ReadonlyArray<Law<never>>
}
