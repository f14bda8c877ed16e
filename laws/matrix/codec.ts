/**
 * Laws of the Matrix codec: it round-trips bit for bit, and at the boundary
 * it never throws and says where bad JSON is bad.
 *
 * @module
 */
import * as fc from 'fast-check'
import { either as E } from 'fp-ts'
import type * as t from 'io-ts'
import { Matrix } from '../../src/index.js'
import type { Law } from '../law.js'
import { type InvalidMatrixJson, anyShapeMatrix, anyUnknown, invalidMatrixJson } from '../arbitraries/matrix.js'
import { identical } from './reference.js'

/**
 * Options of the codec laws: the codec under test (nabla's by default).
 *
 * @category laws
 */
export interface CodecLawOptions {
  /** The codec to check instead of `Matrix.codec`. */
  readonly codec?: t.Type<Matrix, unknown>
}

/** Every finite float64: −0, subnormals and the extremes included. */
const anyFiniteEntry = fc.double({ noNaN: true, noDefaultInfinity: true })

/** Whether a decode result is the matrix m, bit for bit. */
const decodesTo = (m: Matrix, result: t.Validation<Matrix>): boolean => E.isRight(result) && identical(result.right, m)

/**
 * decode(encode(m)) is m, bit for bit, for every matrix of finite entries
 * (−0, subnormals and ±1.7976931348623157e308 included), both directly and
 * through JSON text: `decode(JSON.parse(JSON.stringify(encode(m))))`.
 *
 * @category laws
 */
export const codecRoundTrips = (options: CodecLawOptions = {}): Law<Matrix> => {
  const codec = options.codec ?? Matrix.codec
  return {
    name: 'codecRoundTrips',
    arbitrary: anyShapeMatrix({ entries: anyFiniteEntry }),
    holds: (m) => {
      const json = codec.encode(m)
      return decodesTo(m, codec.decode(json)) && decodesTo(m, codec.decode(JSON.parse(JSON.stringify(json))))
    },
  }
}

/**
 * Decoding an array of equal rows (`Matrix.toRows(m)`) gives m, bit for
 * bit, for every matrix with at least one row (an empty array decodes to
 * 0×0, which is all it can say).
 *
 * @category laws
 */
export const codecDecodesArraysOfRows = (options: CodecLawOptions = {}): Law<Matrix> => {
  const codec = options.codec ?? Matrix.codec
  return {
    name: 'codecDecodesArraysOfRows',
    arbitrary: anyShapeMatrix({ minRows: 1, entries: anyFiniteEntry }),
    holds: (m) => decodesTo(m, codec.decode(Matrix.toRows(m))),
  }
}

/** Whether a value is a well-formed matrix: sizes and entries as the codec promises. */
const isWellFormed = (m: Matrix): boolean =>
  Number.isInteger(m.rows) &&
  Number.isInteger(m.cols) &&
  m.rows >= 0 &&
  m.cols >= 0 &&
  Matrix.toArray(m).length === m.rows * m.cols &&
  Matrix.toArray(m).every(Number.isFinite) &&
  Object.isFrozen(m)

/**
 * For any value at all (see `anyUnknown`), decoding returns instead of
 * throwing: a `Left` whose `decodeWith` report is a non-empty text with one
 * line per error, or a `Right` holding a well-formed, frozen matrix of
 * finite entries.
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
        ? E.isRight(report) && isWellFormed(result.right)
        : E.isLeft(report) && report.left.split('\n').length === result.left.length + 1
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
