import type * as t from 'io-ts'
import { either as E, function as F } from 'fp-ts'
import { MISSING } from './json.js'

const { pipe } = F

/**
 * The most errors a report lists; the others are counted in one last line
 * (`… and 41 more errors`).
 *
 * @category codec
 */
export const REPORT_MAX_ERRORS: number = 10

/**
 * The longest line of a report, in UTF-16 code units: longer paths are cut
 * in the middle and longer lines at the end (`…` marks each cut).
 *
 * @category codec
 */
export const REPORT_MAX_LINE_LENGTH: number = 160

/** The longest value preview inside a line. */
const PREVIEW_LENGTH = 40
/** The longest path inside a line. */
const PATH_LENGTH = 80
/** The longest codec name in a report's first line. */
const NAME_LENGTH = 60

/**
 * Readable lines for decoding errors: one per error — the path to the
 * offending value, what was wrong with it, and (briefly) the value itself,
 * e.g. `layers/0/w/data/5: entries must be finite numbers … (got null)` —
 * for the first {@link REPORT_MAX_ERRORS} errors, then one line counting the
 * rest. So whatever the input, there are at most `REPORT_MAX_ERRORS + 1`
 * lines of at most {@link REPORT_MAX_LINE_LENGTH} characters each, and the
 * work done is proportional to that, not to the size of the bad value.
 *
 * @category codec
 */
export const formatErrors = (errors: t.Errors): ReadonlyArray<string> => {
  const shown = errors.slice(0, REPORT_MAX_ERRORS).map(formatError)
  const rest = errors.length - shown.length
  return rest > 0 ? [...shown, `… and ${rest} more error${rest === 1 ? '' : 's'}`] : shown
}

const formatError = (e: t.ValidationError): string => {
  const path = e.context
    .map((c) => c.key)
    .filter((k) => k !== '')
    .join('/')
  const what = e.message ?? `expected ${e.context[e.context.length - 1]?.type.name ?? 'a valid value'}`
  const got = what === MISSING ? '' : ` (got ${preview(e.value)})`
  return clip(
    oneLine(`${path === '' ? '(root)' : clipMiddle(oneLine(path), PATH_LENGTH)}: ${what}${got}`),
    REPORT_MAX_LINE_LENGTH,
  )
}

/** A text with its line breaks and other control characters escaped (`\n`, `\u0000`), so it stays on one line. */
const oneLine = (s: string): string =>
  s.replace(/[\p{Cc}\u2028\u2029]/gu, (ch) =>
    ch === '\n'
      ? '\\n'
      : ch === '\r'
        ? '\\r'
        : ch === '\t'
          ? '\\t'
          : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )

/**
 * Decodes with a codec and turns failures into a readable report, so a
 * boundary returns `Either<string, A>` rather than raw io-ts errors. The
 * report is `invalid <name>:` and then the lines of {@link formatErrors},
 * indented by two spaces: at most `REPORT_MAX_ERRORS + 2` lines of at most
 * `REPORT_MAX_LINE_LENGTH + 2` characters.
 *
 * @category codec
 */
export const decodeWith =
  <A, O>(codec: t.Type<A, O>) =>
  (u: unknown): E.Either<string, A> =>
    pipe(
      codec.decode(u),
      E.mapLeft(
        (errors) => `invalid ${clip(oneLine(codec.name), NAME_LENGTH)}:\n  ${formatErrors(errors).join('\n  ')}`,
      ),
    )

/** The first `n` code units of a text, ending in `…` if it was longer (never splitting a surrogate pair). */
const clip = (s: string, n: number): string => (s.length <= n ? s : `${prefix(s, n - 1)}…`)

/** A text cut in the middle to `n` code units: its start, `…`, its end. */
const clipMiddle = (s: string, n: number): string => {
  if (s.length <= n) return s
  const head = prefix(s, Math.floor((n - 1) / 2))
  return `${head}…${suffix(s, n - 1 - head.length)}`
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff

const prefix = (s: string, n: number): string => s.slice(0, isHighSurrogate(s.charCodeAt(n - 1)) ? n - 1 : n)

const suffix = (s: string, n: number): string => {
  const from = s.length - n
  return s.slice(isLowSurrogate(s.charCodeAt(from)) ? from + 1 : from)
}

/** A short text for any value, at most {@link PREVIEW_LENGTH} characters. */
const preview = (u: unknown): string => clip(show(u, PREVIEW_LENGTH + 1), PREVIEW_LENGTH)

/**
 * A JSON-like text of a value, written only as far as `budget` characters
 * (a little more at most), so that showing a huge or deeply nested value
 * costs no more than showing a small one, and never throwing: JSON.stringify
 * would walk the whole value, overflow the stack on deep nesting, throw on a
 * bigint, and call getters and `toJSON`. Numbers JSON cannot spell are shown
 * as JavaScript spells them (`NaN`, `-0`, `Infinity`).
 */
const show = (u: unknown, budget: number): string => {
  try {
    return showValue(u, budget)
  } catch {
    return `a value that cannot be shown (${typeof u})`
  }
}

const showValue = (u: unknown, budget: number): string => {
  switch (typeof u) {
    case 'undefined':
      return 'undefined'
    case 'boolean':
      return String(u)
    case 'number':
      return Object.is(u, -0) ? '-0' : String(u)
    case 'bigint':
      return `${clip(u.toString(), budget)}n`
    case 'string':
      return JSON.stringify(clip(u, budget))
    case 'function':
      return 'a function'
    case 'symbol':
      return clip(u.toString(), budget)
    case 'object':
      if (u === null) return 'null'
      if (budget <= 1) return '…'
      if (Array.isArray(u)) return showItems('[', ']', u as ReadonlyArray<unknown>, budget, (x, b) => showValue(x, b))
      if (isRecordLike(u)) {
        return showItems('{', '}', Object.keys(u), budget, (k, b) => {
          const key = JSON.stringify(clip(k, b))
          return `${key}:${showValue((u as Readonly<Record<string, unknown>>)[k], b - key.length - 1)}`
        })
      }
      return `a ${Object.prototype.toString.call(u).slice(8, -1)}`
  }
}

/** Whether an object is shown with its keys: a record, not a date, a map, a typed array or a boxed primitive. */
const isRecordLike = (u: object): boolean => Object.prototype.toString.call(u) === '[object Object]'

/** `open` a, b, … `close`, listing items only while there is budget left, then `…`. */
const showItems = <X>(
  open: string,
  close: string,
  items: ReadonlyArray<X>,
  budget: number,
  showItem: (x: X, budget: number) => string,
): string => {
  // Each step adds at least one character, so there are at most `budget` steps.
  const step = (text: string, i: number): string => {
    if (i >= items.length) return `${text}${close}`
    const sep = i > 0 ? ',' : ''
    if (text.length >= budget) return `${text}${sep}…${close}`
    return step(`${text}${sep}${showItem(items[i] as X, budget - text.length)}`, i + 1)
  }
  return step(open, 0)
}
