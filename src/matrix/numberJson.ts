/**
 * Float64 numbers in JSON, bit for bit. Kept apart from the codecs (and
 * their io-ts) so that a matrix can print itself as JSON without them.
 *
 * @module
 */

/**
 * A number in JSON, bit-exact: finite numbers as themselves (JSON prints
 * the shortest decimal that parses back to the same float64), and the
 * values JSON has no literal for as strings: `"-0"`, `"NaN"`, `"Infinity"`,
 * `"-Infinity"`. (Every NaN is written as `"NaN"`: NaN payload bits, which
 * JavaScript does not promise to keep anyway, are not kept.)
 *
 * @category codec
 */
export type NumberJson = number | '-0' | 'NaN' | 'Infinity' | '-Infinity'

/** A float64 as {@link NumberJson}. @category codec */
export const encodeNumber = (x: number): NumberJson =>
  Object.is(x, -0) ? '-0' : Number.isNaN(x) ? 'NaN' : x === Infinity ? 'Infinity' : x === -Infinity ? '-Infinity' : x

/**
 * The float64 a {@link NumberJson} stands for, or undefined for anything
 * else: a finite number (−0 included, as `JSON.parse('-0')` gives it), or one
 * of the four strings. Numbers that JSON cannot hold (NaN and ±∞ as numbers)
 * are refused: their JSON form is the string.
 *
 * @category codec
 */
export const decodeNumber = (u: unknown): number | undefined => {
  if (typeof u === 'number') return Number.isFinite(u) ? u : undefined
  switch (u) {
    case '-0':
      return -0
    case 'NaN':
      return Number.NaN
    case 'Infinity':
      return Infinity
    case '-Infinity':
      return -Infinity
    default:
      return undefined
  }
}
