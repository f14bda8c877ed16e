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
  const s = u === undefined ? 'undefined' : JSON.stringify(u)
  return s.length > 40 ? `${s.slice(0, 37)}...` : s
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
