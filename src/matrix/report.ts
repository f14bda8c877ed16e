import type * as t from 'io-ts'
import { either as E } from 'fp-ts'
import { pipe } from 'fp-ts/lib/function.js'

/**
 * One readable line per decoding error: the path to the offending value,
 * what was wrong with it, and (briefly) the value itself, e.g.
 * `layers/0/w/data/5: entries must be finite numbers (got null)`.
 *
 * @category codec
 */
export const formatErrors = (errors: t.Errors): ReadonlyArray<string> =>
  errors.map((e) => {
    const path = e.context
      .map((c) => c.key)
      .filter((k) => k !== '')
      .join('/')
    const what = e.message ?? `expected ${e.context[e.context.length - 1]?.type.name ?? 'a valid value'}`
    return `${path === '' ? '(root)' : path}: ${what} (got ${preview(e.value)})`
  })

const preview = (u: unknown): string => {
  const s = describe(u)
  return s.length > 40 ? `${s.slice(0, 37)}...` : s
}

/** `JSON.stringify`, typed honestly: it gives `undefined` for functions, symbols and `undefined`. */
const stringify: (u: unknown) => string | undefined = JSON.stringify

/**
 * A short text for any value, without ever throwing: `JSON.stringify` throws
 * on a bigint (also nested) or a throwing `toJSON`, and returns `undefined`
 * for functions and symbols, and a report must not crash on the very input it
 * is reporting.
 */
const describe = (u: unknown): string => {
  switch (typeof u) {
    case 'undefined':
      return 'undefined'
    case 'bigint':
      return `${u.toString()}n`
    case 'function':
      return 'a function'
    case 'symbol':
      return u.toString()
    default:
      try {
        return stringify(u) ?? typeof u
      } catch {
        return `a value JSON cannot show (${typeof u})`
      }
  }
}

/**
 * Decodes with a codec and turns failures into a readable report, so a
 * boundary returns `Either<string, A>` rather than raw io-ts errors.
 *
 * @category codec
 */
export const decodeWith =
  <A, O>(codec: t.Type<A, O>) =>
  (u: unknown): E.Either<string, A> =>
    pipe(
      codec.decode(u),
      E.mapLeft((errors) => `invalid ${codec.name}:\n  ${formatErrors(errors).join('\n  ')}`),
    )
