/**
 * Hostile JSON for the decoder laws: prototype names as keys and as values,
 * numbers JSON cannot hold, nesting thousands of levels deep, and edits of
 * valid encodings (a subtree replaced, a key deleted, added or given twice,
 * nesting deepened, a number turned into `"constructor"`, an array cut
 * short, every value spoilt at once).
 *
 * @module
 */
import * as fc from 'fast-check'
import { anyUnknown } from './matrix.js'

/**
 * Names every plain object seems to have (`"constructor" in {}` is true):
 * the keys and values a lookup with `in` or `table[key]` gets wrong.
 *
 * @category arbitraries
 */
export const PROTOTYPE_NAMES: ReadonlyArray<string> = Object.freeze([
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupGetter__',
])

/** A record with exactly these own entries (`"__proto__"` becomes an own key, as `JSON.parse` makes it). */
const ownRecord = (entries: ReadonlyArray<readonly [string, unknown]>): Readonly<Record<string, unknown>> =>
  Object.fromEntries(entries)

/** `leaf` wrapped in `depth` arrays or single-key records, built without recursion. */
const nest = (leaf: unknown, depth: number, kind: 'array' | 'record'): unknown =>
  Array.from({ length: depth }).reduce<unknown>((inner) => (kind === 'array' ? [inner] : { x: inner }), leaf)

const prototypeName = fc.constantFrom(...PROTOTYPE_NAMES)

/** Strings a number decoder might mistake for a number. */
const numberish = fc.constantFrom(
  '-0',
  'NaN',
  'Infinity',
  '-Infinity',
  'nan',
  'inf',
  '+0',
  '-0.0',
  '',
  '1',
  ' 1',
  '0x10',
)

/** Numbers at and beyond the edges: −0, non-finite, unsafe integers, huge and tiny values. */
const edgeNumber = fc.constantFrom(
  0,
  -0,
  1,
  -1,
  0.5,
  2 ** 20 + 1,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  1e300,
  -1e300,
  Number.MAX_VALUE,
  5e-324,
  Number.NaN,
  Infinity,
  -Infinity,
)

/** A hostile scalar: a prototype name, a number-like string, an edge number, null, undefined or a boolean. */
const hostileLeaf = fc.oneof(prototypeName, numberish, edgeNumber, fc.constantFrom(null, true, false, undefined))

/**
 * One hostile value: a prototype name, a string that looks like a number,
 * an edge number, `null`/`undefined`/a boolean, an empty container, a record
 * whose one key is a prototype name, a long string, or a value nested 65,
 * 10,000 or 100,000 levels deep (one case in four: the deep values are the
 * ones that find a recursion without a limit).
 *
 * @category arbitraries
 */
export const hostileValue = (): fc.Arbitrary<unknown> => {
  const leaf = hostileLeaf
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    fc.constantFrom<unknown>([], {}, [[]], [null], [[], []]),
    fc.tuple(prototypeName, leaf).map(([k, v]) => ownRecord([[k, v]])),
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(65, 10_000, 100_000), fc.constantFrom('array' as const, 'record' as const), leaf)
        .map(([depth, kind, inner]) => nest(inner, depth, kind)),
    },
    fc.constantFrom('x', '€', '𝛁').map((s) => s.repeat(5_000)),
  )
}

/**
 * Values with many things wrong at once, for the report bounds: arrays and
 * records of up to 40 hostile values, and records nested up to 70 deep under
 * keys of 600 characters (a path of 40,000).
 *
 * @category arbitraries
 */
export const manyErrorsJson = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.array(hostileLeaf, { maxLength: 40 }),
    fc.array(fc.tuple(fc.oneof(fc.string(), prototypeName), hostileLeaf), { maxLength: 40 }).map(ownRecord),
    fc
      .tuple(fc.integer({ min: 1, max: 70 }), fc.string({ minLength: 1, maxLength: 3 }), hostileLeaf)
      .map(([depth, key, leaf]) =>
        Array.from({ length: depth }).reduce<unknown>(
          (inner) => ownRecord([[key.repeat(600 / key.length), inner]]),
          leaf,
        ),
      ),
  )

/**
 * Any value a decoder may be handed: JSON (`fc.jsonValue`, and records with
 * prototype names among their keys and values), anything at all
 * (`anyUnknown`: maps, dates, boxed values, sparse and typed arrays,
 * null-prototype objects, bigints), and {@link hostileValue}s.
 *
 * @category arbitraries
 */
export const hostileJson = (): fc.Arbitrary<unknown> => {
  const key = fc.oneof(fc.string({ maxLength: 4 }), prototypeName)
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(key, fc.oneof(fc.jsonValue({ maxDepth: 2 }), prototypeName, hostileValue()), { maxKeys: 4 }),
    fc.anything({ key, maxDepth: 3, values: [fc.double(), prototypeName, numberish, edgeNumber] }),
    anyUnknown(),
    { weight: 2, arbitrary: hostileValue() },
  )
}

/**
 * A valid encoding after one edit: `json` is what the decoder is given, and
 * `edit` says what was done where (for reading a counterexample).
 *
 * @category arbitraries
 */
export interface MutatedJson {
  readonly json: unknown
  readonly edit: string
}

type Path = ReadonlyArray<string | number>

type Edit =
  | { readonly kind: 'replace'; readonly value: unknown }
  | { readonly kind: 'deleteKey'; readonly pick: number }
  | { readonly kind: 'addKey'; readonly key: string; readonly value: unknown }
  | { readonly kind: 'repeatKey'; readonly pick: number; readonly value: unknown; readonly last: boolean }
  | { readonly kind: 'deepen'; readonly depth: number; readonly as: 'array' | 'record' }
  | { readonly kind: 'prototypeName'; readonly name: string }
  | { readonly kind: 'truncate'; readonly pick: number }
  | { readonly kind: 'repeatEntry'; readonly pick: number }
  | { readonly kind: 'spoilAll'; readonly value: unknown }

const edits = (): fc.Arbitrary<Edit> =>
  fc.oneof(
    { weight: 3, arbitrary: hostileValue().map((value): Edit => ({ kind: 'replace', value })) },
    fc.nat().map((pick): Edit => ({ kind: 'deleteKey', pick })),
    fc
      .tuple(fc.oneof(prototypeName, fc.constantFrom('rows', 'kind', 'w', 'x', '$matrix')), hostileValue())
      .map(([key, value]): Edit => ({ kind: 'addKey', key, value })),
    fc
      .tuple(fc.nat(), hostileLeaf, fc.boolean())
      .map(([pick, value, last]): Edit => ({ kind: 'repeatKey', pick, value, last })),
    fc
      .tuple(fc.constantFrom(1, 2, 70, 10_000, 100_000), fc.constantFrom('array' as const, 'record' as const))
      .map(([depth, as]): Edit => ({ kind: 'deepen', depth, as })),
    prototypeName.map((name): Edit => ({ kind: 'prototypeName', name })),
    fc.nat().map((pick): Edit => ({ kind: 'truncate', pick })),
    fc.nat().map((pick): Edit => ({ kind: 'repeatEntry', pick })),
    hostileLeaf.map((value): Edit => ({ kind: 'spoilAll', value })),
  )

const isRecordValue = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/** Every path into a JSON value (shallow: valid encodings are a few levels deep), the root first. */
const pathsOf = (u: unknown, path: Path = []): ReadonlyArray<Path> =>
  Array.isArray(u)
    ? [path, ...(u as ReadonlyArray<unknown>).flatMap((x, i) => pathsOf(x, [...path, i]))]
    : isRecordValue(u)
      ? [path, ...Object.entries(u).flatMap(([k, x]) => pathsOf(x, [...path, k]))]
      : [path]

/** u with the node at `path` replaced by f(node): fresh arrays and records along the path, own keys kept. */
const updateAt = (u: unknown, path: Path, f: (node: unknown) => unknown): unknown => {
  const [head, ...rest] = path
  if (head === undefined) return f(u)
  if (Array.isArray(u)) return (u as ReadonlyArray<unknown>).map((x, i) => (i === head ? updateAt(x, rest, f) : x))
  if (isRecordValue(u)) return ownRecord(Object.entries(u).map(([k, x]) => [k, k === head ? updateAt(x, rest, f) : x]))
  return u
}

const MARK = '\u0000nabla-edit\u0000'

/** `JSON.stringify`, typed honestly (`undefined` for `undefined`), as JSON text: `null` then. */
const text: (u: unknown) => string = (u) => (JSON.stringify as (u: unknown) => string | undefined)(u) ?? 'null'

/** A record with one key given twice, as JSON text allows and `JSON.parse` resolves (the last one wins). */
const withRepeatedKey = (
  json: unknown,
  path: Path,
  node: Readonly<Record<string, unknown>>,
  edit: Edit & { readonly kind: 'repeatKey' },
): unknown => {
  const keys = Object.keys(node)
  const key = keys[edit.pick % keys.length] ?? ''
  const [first, second] = edit.last ? [text(node[key]), text(edit.value)] : [text(edit.value), text(node[key])]
  const entries = keys.map((k) => `${JSON.stringify(k)}:${k === key ? first : text(node[k])}`)
  const record = `{${entries.join(',')},${JSON.stringify(key)}:${second}}`
  return JSON.parse(text(updateAt(json, path, () => MARK)).replace(JSON.stringify(MARK), record))
}

const applyEdit = (json: unknown, path: Path, edit: Edit): MutatedJson => {
  const where = path.length === 0 ? '(root)' : path.join('/')
  const node = path.reduce<unknown>(
    (x, k) => (Array.isArray(x) ? (x as ReadonlyArray<unknown>)[k as number] : isRecordValue(x) ? x[k] : undefined),
    json,
  )
  const replaceWith = (value: unknown, what: string): MutatedJson => ({
    json: updateAt(json, path, () => value),
    edit: `${where}: ${what}`,
  })
  switch (edit.kind) {
    case 'replace':
      return replaceWith(edit.value, 'replaced by a hostile value')
    case 'deleteKey': {
      if (!isRecordValue(node) || Object.keys(node).length === 0) return replaceWith(undefined, 'deleted')
      const keys = Object.keys(node)
      const key = keys[edit.pick % keys.length]
      return replaceWith(ownRecord(Object.entries(node).filter(([k]) => k !== key)), `key ${String(key)} deleted`)
    }
    case 'addKey':
      return isRecordValue(node)
        ? replaceWith(ownRecord([...Object.entries(node), [edit.key, edit.value]]), `key ${edit.key} added`)
        : replaceWith(ownRecord([[edit.key, node]]), `wrapped in a record under ${edit.key}`)
    case 'repeatKey':
      return isRecordValue(node) && Object.keys(node).length > 0
        ? { json: withRepeatedKey(json, path, node, edit), edit: `${where}: a key given twice in the JSON text` }
        : replaceWith(edit.value, 'replaced by a hostile value')
    case 'deepen':
      return replaceWith(nest(node, edit.depth, edit.as), `nested ${edit.depth} levels deeper`)
    case 'prototypeName':
      return replaceWith(edit.name, `replaced by ${JSON.stringify(edit.name)}`)
    case 'truncate':
      return Array.isArray(node)
        ? replaceWith(node.slice(0, edit.pick % Math.max(1, node.length)), 'cut short')
        : replaceWith([], 'replaced by []')
    case 'repeatEntry':
      return Array.isArray(node) && node.length > 0
        ? replaceWith([...(node as ReadonlyArray<unknown>), node[edit.pick % node.length]], 'one entry repeated')
        : replaceWith([node, node], 'replaced by a pair of itself')
    case 'spoilAll':
      return isRecordValue(node)
        ? replaceWith(ownRecord(Object.keys(node).map((k) => [k, edit.value])), 'every value replaced')
        : Array.isArray(node)
          ? replaceWith(
              node.map(() => edit.value),
              'every entry replaced',
            )
          : replaceWith(edit.value, 'replaced by a hostile value')
  }
}

/**
 * One edit of a valid encoding, anywhere in it (see {@link MutatedJson}):
 * `valid` generates valid JSON encodings, e.g. `anyMatrix.map(codec.encode)`.
 *
 * @category arbitraries
 */
export const mutatedJson = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<MutatedJson> =>
  valid.chain((json) =>
    fc.tuple(fc.constantFrom(...pathsOf(json)), edits()).map(([path, edit]) => applyEdit(json, path, edit)),
  )
