/**
 * Parsers of flag values. Each gives the value, or the message that follows
 * the flag's name ("must be a number > 0 (got 0)"), with the value shown
 * cut to a readable length.
 *
 * @module
 */
import { either as E } from 'fp-ts'
import { shown } from './args.js'

const numberSyntax = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i

/** A finite number. */
export const aNumber = (raw: string): E.Either<string, number> =>
  numberSyntax.test(raw.trim()) && Number.isFinite(Number(raw))
    ? E.right(Number(raw))
    : E.left(`must be a number (got ${shown(raw)})`)

/** A number in a range: `low` < x (or ≤ with `lowIncluded`), and x ≤ `high` (or < with `highExcluded`). */
export const numberIn =
  (range: {
    readonly low: number
    readonly lowIncluded?: boolean
    readonly high?: number
    readonly highExcluded?: boolean
  }) =>
  (raw: string): E.Either<string, number> => {
    const { low, lowIncluded = false, high, highExcluded = false } = range
    const text =
      high === undefined
        ? `a number ${lowIncluded ? '≥' : '>'} ${String(low)}`
        : `a number in ${lowIncluded ? '[' : '('}${String(low)}, ${String(high)}${highExcluded ? ')' : ']'}`
    return E.chain((x: number) =>
      (lowIncluded ? x >= low : x > low) && (high === undefined || (highExcluded ? x < high : x <= high))
        ? E.right(x)
        : E.left(`must be ${text} (got ${raw.trim()})`),
    )(E.mapLeft(() => `must be ${text} (got ${shown(raw)})`)(aNumber(raw)))
  }

/** A whole number in [min, max]. */
export const integerIn =
  (min: number, max: number = Number.MAX_SAFE_INTEGER) =>
  (raw: string): E.Either<string, number> => {
    const x = Number(raw)
    const syntax = numberSyntax.test(raw.trim())
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${String(min)}` : `in ${String(min)}…${String(max)}`
    return syntax && Number.isSafeInteger(x) && x >= min && x <= max
      ? E.right(x)
      : E.left(`must be a whole number ${range} (got ${syntax ? raw.trim() : shown(raw)})`)
  }

/** One of the given choices (case-insensitive). */
export const oneOf =
  <C extends string>(choices: ReadonlyArray<C>) =>
  (raw: string): E.Either<string, C> => {
    const found = choices.find((c) => c.toLowerCase() === raw.trim().toLowerCase())
    return found === undefined ? E.left(`must be one of ${choices.join(', ')} (got ${shown(raw)})`) : E.right(found)
  }

/** A comma-separated list of layer sizes, each a whole number in 1…max, at least two of them. */
export const layerSizes =
  (max: number) =>
  (raw: string): E.Either<string, ReadonlyArray<number>> => {
    const parts = raw.split(',').map((s) => s.trim())
    const sizes = parts.map(Number)
    if (parts.some((s) => !/^\d+$/.test(s)) || sizes.some((n) => n < 1)) {
      return E.left(`must be layer sizes separated by commas, like 64,30,10 (got ${shown(raw)})`)
    }
    if (sizes.length < 2) return E.left(`needs at least an input and an output size, like 64,10 (got ${shown(raw)})`)
    const big = sizes.find((n) => n > max)
    return big === undefined
      ? E.right(sizes)
      : E.left(`has a layer of ${String(big)} neurons; at most ${String(max)} per layer (got ${shown(raw)})`)
  }

/** A non-empty text (a path or a name). */
export const nonEmpty = (raw: string): E.Either<string, string> =>
  raw.trim() === '' ? E.left('must not be empty') : E.right(raw)
