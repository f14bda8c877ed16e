/**
 * The JSON boundary: the pieces nabla's codecs are built from, and the
 * limits every decoder checks before it does any real work.
 *
 * - {@link NumberC}: any float64, bit-exact, with −0, NaN and ±∞ spelt as
 *   strings (JSON has no literal for them).
 * - {@link refined}: numbers with a predicate (positive, an integer, …),
 *   written as themselves, so never NaN, ±∞ or −0, which would not read back.
 * - {@link strictType}: a record with exactly the given keys. An unknown key
 *   is refused, not dropped, so whatever decodes encodes back to the same
 *   JSON, and a misspelt field is an error instead of a silent default.
 * - {@link arrayOf}, {@link recordOf}, {@link taggedUnion}: decoders that stop
 *   at the first bad element, so a huge bad input fails in time proportional
 *   to where its first problem is, with a handful of errors rather than
 *   millions.
 * - {@link JsonC}: any plain JSON value, nested at most
 *   {@link MAX_JSON_DEPTH} deep.
 *
 * Names and keys that come from outside are looked up only with
 * `Object.hasOwn` or a `switch`, never with `in` or by indexing a plain
 * object: every object "has" `constructor`, `toString` and `__proto__`.
 *
 * @module
 */
import * as t from 'io-ts'
import { either as E, function as F } from 'fp-ts'
import { decodeNumber, encodeNumber, type NumberJson } from './numberJson.js'

const { pipe } = F

/**
 * How deeply the free-form parts of nabla's JSON (an optimizer state, a
 * checkpoint's `meta`) may nest: 64 levels of arrays and records. nabla
 * itself writes at most 6 (a chained optimizer's state: the chain, a state
 * record, a list of leaves, a matrix, its fields, its entries). Deeper input
 * is refused before it is walked, so decoding can never run out of stack.
 *
 * @category codec
 */
export const MAX_JSON_DEPTH: number = 64

export { decodeNumber, encodeNumber, type NumberJson } from './numberJson.js'

/** The io-ts codec of any float64 as {@link NumberJson}. @category codec */
export const NumberC: t.Type<number, NumberJson> = new t.Type<number, NumberJson>(
  'Number',
  (u): u is number => typeof u === 'number',
  (u, c) => {
    const x = decodeNumber(u)
    return x === undefined
      ? t.failure(u, c, 'expected a number (or "-0", "NaN", "Infinity", "-Infinity")')
      : t.success(x)
  },
  encodeNumber,
)

/**
 * A codec of the JSON numbers that satisfy `predicate`, written as
 * themselves: `decode` accepts a number that is finite, is not −0 and
 * satisfies the predicate, and refuses anything else with `message`.
 * JSON has no literal for NaN or ±∞, and it writes −0 as 0, so a number
 * outside these would not read back as it was: a codec that writes numbers
 * as themselves must refuse them (use {@link NumberC} where they are
 * meant). `decode(encode(x))` is `x`, bit for bit.
 *
 * @example
 * const PercentC = refined('Percent', (x) => x >= 0 && x <= 100, 'expected a number in [0, 100]')
 * @category codec
 */
export const refined = (name: string, predicate: (x: number) => boolean, message: string): t.Type<number, number> => {
  const is = (u: unknown): u is number =>
    typeof u === 'number' && Number.isFinite(u) && !Object.is(u, -0) && predicate(u)
  return new t.Type<number, number>(
    name,
    is,
    (u, c) => (is(u) ? t.success(u) : t.failure(u, c, message)),
    (x) => x,
  )
}

/** A finite number > 0. @category codec */
export const PositiveNumberC: t.Type<number, number> = refined(
  'PositiveNumber',
  (x) => x > 0,
  'expected a finite number > 0',
)

/** A finite number ≥ 0, and not −0 (which JSON writes as 0). @category codec */
export const NonNegativeNumberC: t.Type<number, number> = refined(
  'NonNegativeNumber',
  (x) => x >= 0,
  'expected a finite number ≥ 0 (and not -0)',
)

/** A number in [0, 1), and not −0: a decay rate such as momentum's μ or Adam's β. @category codec */
export const UnitIntervalC: t.Type<number, number> = refined(
  'NumberIn[0,1)',
  (x) => x >= 0 && x < 1,
  'expected a number in [0, 1) (and not -0)',
)

/** An integer ≥ 1 (a safe integer). @category codec */
export const PositiveIntC: t.Type<number, number> = refined(
  'PositiveInteger',
  (x) => Number.isSafeInteger(x) && x > 0,
  'expected an integer ≥ 1',
)

/** An integer ≥ 0 (a safe integer, and not −0). @category codec */
export const NonNegativeIntC: t.Type<number, number> = refined(
  'NonNegativeInteger',
  (x) => Number.isSafeInteger(x) && x >= 0,
  'expected an integer ≥ 0',
)

/**
 * The message of a thrown value, for a report: an `Error`'s message, or
 * anything else as a string.
 *
 * @category codec
 */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/**
 * Whether a value is a plain record, as `JSON.parse` makes them: an object
 * whose prototype is `Object.prototype` (or null), not an array, a date, a
 * map or a boxed primitive.
 *
 * @category codec
 */
export const isPlainRecord = (u: unknown): u is Readonly<Record<string, unknown>> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false
  const proto: unknown = Object.getPrototypeOf(u)
  return proto === Object.prototype || proto === null
}

/** The message of a key that a record must have and does not. @category codec */
export const MISSING: string = 'missing'

/** The context of the value at `key` inside the value of context `c`. */
export const at = (c: t.Context, key: string | number, type: t.Decoder<unknown, unknown>, value: unknown): t.Context =>
  t.appendContext(c, String(key), type, value)

/**
 * A string that is one of `names` (an activation's name, say), checked
 * against a `Set` of them, so that `"constructor"` is just another unknown
 * name.
 *
 * @category codec
 */
export const oneOf = <K extends string>(names: ReadonlyArray<K>, name: string): t.Type<K, K> => {
  const known = new Set<unknown>(names)
  const is = (u: unknown): u is K => known.has(u)
  const expected = `expected one of ${names.map((k) => JSON.stringify(k)).join(', ')}`
  return new t.Type<K, K>(
    name,
    is,
    (u, c) => (is(u) ? t.success(u) : t.failure(u, c, expected)),
    (k) => k,
  )
}

/**
 * A record with exactly the keys of `props`, each decoded by its codec (io-ts's
 * `t.type`, made strict). A missing key is reported as `missing`, an unknown
 * key as `unknown key` (the first one only), each at its own path, next to
 * the errors of the keys that are there.
 *
 * @category codec
 */
export const strictType = <P extends t.Props>(props: P, name: string): t.TypeC<P> => {
  const base = t.type(props, name)
  const entries = Object.entries(props)
  const expected = Object.keys(props).join(', ')
  return new t.InterfaceType<P, t.TypeOfProps<P>, t.OutputOfProps<P>, unknown>(
    name,
    base.is,
    (u, c) => {
      if (!isPlainRecord(u)) return t.failure(u, c, `expected a record of ${expected}`)
      const extra = Object.keys(u).find((k) => !Object.hasOwn(props, k))
      const unknownKey: t.Errors =
        extra === undefined
          ? []
          : [
              {
                value: u[extra],
                context: at(c, extra, t.unknown, u[extra]),
                message: `unknown key (expected only ${expected})`,
              },
            ]
      const fields = entries.map(([k, codec]): readonly [string, t.Validation<unknown>] => [
        k,
        Object.hasOwn(u, k)
          ? codec.validate(u[k], at(c, k, codec, u[k]))
          : t.failures([{ value: undefined, context: at(c, k, codec, undefined), message: MISSING }]),
      ])
      const errors = [...unknownKey, ...fields.flatMap(([, f]) => (E.isLeft(f) ? f.left : []))]
      if (errors.length > 0) return t.failures(errors)
      const values = fields.map(([k, f]) => [k, E.isRight(f) ? f.right : undefined] as const)
      return t.success(Object.fromEntries(values) as t.TypeOfProps<P>)
    },
    // Exactly the keys of `props`, in their order: the JSON is the same whatever the order of a value's keys.
    (a) =>
      Object.fromEntries(
        entries.map(([k, codec]) => [k, codec.encode((a as Readonly<Record<string, unknown>>)[k])] as const),
      ) as t.OutputOfProps<P>,
    props,
  )
}

/**
 * An array of values of `codec`, reported at its first bad element only, and
 * refused at once if it is longer than `maxLength` (default: no limit).
 *
 * @category codec
 */
export const arrayOf = <A, O>(
  codec: t.Type<A, O>,
  name: string,
  maxLength: number = Infinity,
): t.Type<ReadonlyArray<A>, ReadonlyArray<O>> =>
  new t.Type<ReadonlyArray<A>, ReadonlyArray<O>>(
    name,
    (u): u is ReadonlyArray<A> => Array.isArray(u) && (u as ReadonlyArray<unknown>).every(codec.is),
    (u, c) => {
      if (!Array.isArray(u)) return t.failure(u, c, `expected an array (${name})`)
      const xs = u as ReadonlyArray<unknown>
      if (xs.length > maxLength) {
        return t.failure(u, c, `expected at most ${maxLength} entries, got ${xs.length}`)
      }
      // fp-ts reads every index, holes included: a hole is `undefined`, which no nabla codec accepts.
      return pipe(
        xs,
        E.traverseReadonlyArrayWithIndex((i, x) => codec.validate(x, at(c, i, codec, x))),
      )
    },
    (as) => as.map(codec.encode),
  )

/**
 * A plain record of values of `codec` under any keys, reported at its first
 * bad entry only. Keys are kept as own properties, `"__proto__"` included.
 *
 * @category codec
 */
export const recordOf = <A, O>(
  codec: t.Type<A, O>,
  name: string,
): t.Type<Readonly<Record<string, A>>, Readonly<Record<string, O>>> =>
  new t.Type<Readonly<Record<string, A>>, Readonly<Record<string, O>>>(
    name,
    (u): u is Readonly<Record<string, A>> => isPlainRecord(u) && Object.values(u).every(codec.is),
    (u, c) =>
      isPlainRecord(u)
        ? pipe(
            Object.entries(u),
            E.traverseReadonlyArrayWithIndex((_, [k, v]) =>
              pipe(
                codec.validate(v, at(c, k, codec, v)),
                E.map((a) => [k, a] as const),
              ),
            ),
            E.map((entries) => Object.fromEntries(entries)),
          )
        : t.failure(u, c, `expected a record (${name})`),
    (r) => Object.fromEntries(Object.entries(r).map(([k, a]) => [k, codec.encode(a)])),
  )

/**
 * A union of record codecs told apart by the string field `tag` (e.g.
 * `kind`): the tag picks the one codec that decodes the record, so an error
 * is reported once, against the right case, and an unknown tag names the
 * known ones.
 *
 * @category codec
 */
export const taggedUnion = <A extends Readonly<Record<string, unknown>>>(
  tag: string,
  members: Readonly<Record<string, t.Type<A, A>>>,
  name: string,
): t.Type<A, A> => {
  const tags = Object.keys(members)
  const member = (u: unknown): t.Type<A, A> | undefined => {
    if (!isPlainRecord(u) || !Object.hasOwn(u, tag)) return undefined
    const value = u[tag]
    return typeof value === 'string' && Object.hasOwn(members, value) ? members[value] : undefined
  }
  return new t.Type<A, A>(
    name,
    (u): u is A => member(u)?.is(u) ?? false,
    (u, c) => {
      if (!isPlainRecord(u)) return t.failure(u, c, `expected a record (${name})`)
      const codec = member(u)
      const value = u[tag]
      return codec === undefined
        ? t.failure(value, at(c, tag, t.string, value), `expected one of ${tags.map((k) => `"${k}"`).join(', ')}`)
        : codec.validate(u, c)
    },
    (a) => member(a)?.encode(a) ?? a,
  )
}

/**
 * A plain JSON value: null, a boolean, a string, a finite number, or an
 * array or plain record of JSON values.
 *
 * @category codec
 */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

const validateJson = (u: unknown, c: t.Context, depth: number): t.Validation<Json> => {
  if (u === null || typeof u === 'boolean' || typeof u === 'string') return t.success(u)
  if (typeof u === 'number') {
    return Number.isFinite(u) ? t.success(u) : t.failure(u, c, 'JSON has no non-finite numbers')
  }
  const deeper = Array.isArray(u) || isPlainRecord(u)
  if (deeper && depth >= MAX_JSON_DEPTH) return t.failure(u, c, `nested more than ${MAX_JSON_DEPTH} levels deep`)
  if (Array.isArray(u)) {
    const xs = u as ReadonlyArray<unknown>
    return pipe(
      xs,
      E.traverseReadonlyArrayWithIndex((i, x) => validateJson(x, at(c, i, JsonC, x), depth + 1)),
      E.map((): Json => xs as ReadonlyArray<Json>),
    )
  }
  if (isPlainRecord(u)) {
    return pipe(
      Object.entries(u),
      E.traverseReadonlyArrayWithIndex((_, [k, v]) => validateJson(v, at(c, k, JsonC, v), depth + 1)),
      E.map((): Json => u as Readonly<Record<string, Json>>),
    )
  }
  return t.failure(u, c, 'expected a JSON value (null, a boolean, a finite number, a string, an array or a record)')
}

/**
 * The io-ts codec of a plain {@link Json} value nested at most
 * {@link MAX_JSON_DEPTH} deep; it decodes to the value itself (no copy) and
 * reports the first part that is not JSON (a NaN, a function, a date, a map,
 * `undefined`, an array hole, …).
 *
 * @category codec
 */
export const JsonC: t.Type<Json, Json> = new t.Type<Json, Json>(
  'Json',
  (u): u is Json => E.isRight(validateJson(u, [], 0)),
  (u, c) => validateJson(u, c, 0),
  (j) => j,
)

/** The io-ts codec of a plain record of {@link Json} values. @category codec */
export const JsonRecordC: t.Type<Readonly<Record<string, Json>>, Readonly<Record<string, Json>>> = new t.Type<
  Readonly<Record<string, Json>>,
  Readonly<Record<string, Json>>
>(
  'JsonRecord',
  (u): u is Readonly<Record<string, Json>> => isPlainRecord(u) && JsonC.is(u),
  (u, c) =>
    isPlainRecord(u)
      ? pipe(
          validateJson(u, c, 0),
          E.map((): Readonly<Record<string, Json>> => u as Readonly<Record<string, Json>>),
        )
      : t.failure(u, c, 'expected a record of JSON values'),
  (r) => r,
)
