/**
 * Immutability as a run-time promise: no write that plain JavaScript can
 * attempt on a matrix — through its fields, its prototype, its class, the
 * arrays and buffers its destructors and its iterator hand out, or its
 * JSON encoding — changes the matrix. Each attempt either throws or leaves
 * the matrix bit-identical.
 *
 * @module
 */
/* eslint-disable functional/immutable-data -- the point of this module is to attempt every write, and see each fail */
import { Matrix } from '../../src/index.js'
import type { Law } from '../law.js'
import { anyShapeMatrix } from '../arbitraries/matrix.js'

/** A list whose entries and whose spine are frozen. */
const frozenList = <T extends object>(xs: ReadonlyArray<T>): ReadonlyArray<T> =>
  Object.freeze(xs.map((x) => Object.freeze(x)))

/** One way an untyped caller might try to change a matrix. */
export interface Attack {
  readonly name: string
  /** Attempts the write; what it returns is ignored. */
  readonly run: (m: Matrix) => unknown
}

type Loose = Record<PropertyKey, unknown>

const loose = (u: unknown): Loose => u as Loose

/** Writes into every element of an array-like (and its buffer, for a typed array); returns the value. */
const scribble = (xs: unknown): unknown => {
  if (Array.isArray(xs)) {
    xs.forEach((row, i) => {
      if (Array.isArray(row)) scribble(row)
      else (xs as unknown[])[i] = 42
    })
  } else if (xs instanceof Float64Array) {
    xs.fill(42)
    new Float64Array(xs.buffer).fill(42)
  }
  return xs
}

/** The writes the law attempts. Exported so that the list itself can be read, and extended. @category laws */
export const attacks: ReadonlyArray<Attack> = frozenList<Attack>([
  {
    name: 'assign rows, cols and _tag',
    run: (m) => {
      Object.assign(m, { rows: 7, cols: 7, _tag: 'Other' })
    },
  },
  {
    name: 'add a data field',
    run: (m) => {
      Object.assign(m, { data: new Float64Array(1) })
    },
  },
  {
    name: 'delete rows',
    run: (m) => {
      delete loose(m)['rows']
    },
  },
  {
    name: 'redefine cols',
    run: (m) => {
      Object.defineProperty(m, 'cols', { value: 0 })
    },
  },
  {
    name: 'swap the prototype',
    run: (m) => {
      Object.setPrototypeOf(m, { *[Symbol.iterator]() {} })
    },
  },
  {
    name: 'replace the iterator on the prototype',
    run: (m) => {
      loose(Object.getPrototypeOf(m))[Symbol.iterator] = function* () {
        yield 42
      }
    },
  },
  {
    name: 'change the class',
    run: (m) => {
      Object.assign(loose(m)['constructor'] as object, { prototype: {} })
    },
  },
  {
    name: 'construct a twin around an outside buffer',
    run: (m) => {
      const Ctor = loose(m)['constructor'] as new (...args: ReadonlyArray<unknown>) => unknown
      new Ctor(undefined, m.rows, m.cols, new Float64Array(Matrix.size(m)))
    },
  },
  { name: 'write into toArray', run: (m) => scribble(Matrix.toArray(m)) },
  { name: 'write into toRows', run: (m) => scribble(Matrix.toRows(m)) },
  { name: 'write into toFloat64Array and its buffer', run: (m) => scribble(Matrix.toFloat64Array(m)) },
  { name: 'write into the iterated entries', run: (m) => scribble([...m]) },
  { name: 'write into the JSON encoding', run: (m) => scribble(Matrix.codec.encode(m).data) },
  {
    name: 'write into every own property value',
    run: (m) => {
      Reflect.ownKeys(m).forEach((k) => {
        scribble(loose(m)[k])
      })
    },
  },
  {
    name: 'call every prototype method and write into what it returns',
    run: (m) => {
      Reflect.ownKeys(Object.getPrototypeOf(m) as object).forEach((k) => {
        const f = loose(m)[k]
        if (typeof f === 'function' && k !== 'constructor') {
          const r: unknown = (f as () => unknown).call(m)
          scribble(typeof r === 'object' && r !== null && Symbol.iterator in r ? [...(r as Iterable<unknown>)] : r)
        }
      })
    },
  },
])

/** A matrix's shape and entries, bit for bit. */
const bits = (m: Matrix): string =>
  `${String(m.rows)}×${String(m.cols)}:${Array.from(new Uint8Array(Matrix.toFloat64Array(m).buffer)).join(',')}`

/**
 * Every attack on a matrix either throws or leaves it exactly as it was:
 * same shape, same entries bit for bit, still a `Matrix`, still printing
 * and iterating its own entries. Matrices of every shape, empty ones too.
 *
 * @category laws
 */
export const matrixResistsWrites = (list: ReadonlyArray<Attack> = attacks): Law<Matrix> => {
  const survivors = (m: Matrix): ReadonlyArray<string> => {
    const before = bits(m)
    const entries = Matrix.toArray(m)
    return list.flatMap((attack) => {
      try {
        attack.run(m)
      } catch {
        // refusing the write is keeping the promise
      }
      const intact =
        Matrix.isMatrix(m) &&
        bits(m) === before &&
        [...m].every((x, i) => Object.is(x, entries[i])) &&
        (m as { readonly _tag?: unknown })._tag === 'Matrix'
      return intact ? [] : [attack.name]
    })
  }
  return {
    name: 'matrixResistsWrites',
    arbitrary: anyShapeMatrix({ maxRows: 3, maxCols: 3 }),
    holds: (m) => survivors(m).length === 0,
    explain: (m) => `these writes changed ${Matrix.Show.show(m)}: ${survivors(m).join('; ')}`,
  }
}

/**
 * The plain objects and arrays reachable from a module's exports (records
 * of activations, costs, worked examples, …) that are not frozen, as paths:
 * empty when no exported value can be changed for the whole process.
 *
 * @category laws
 */
export const unfrozenExports = (module: object): ReadonlyArray<string> => {
  const seen = new Set<unknown>()
  const walk = (u: unknown, path: string): ReadonlyArray<string> => {
    if (typeof u !== 'object' || u === null || seen.has(u) || Matrix.isMatrix(u)) return []
    seen.add(u)
    const proto: unknown = Object.getPrototypeOf(u)
    // a module namespace (`Matrix`, `Random`) cannot be written to, whatever isFrozen says: walk into it
    const namespace = Object.prototype.toString.call(u) === '[object Module]'
    const plain = Array.isArray(u) || proto === Object.prototype || proto === null
    if (!plain) return []
    const here = Object.isFrozen(u) || namespace ? [] : [path]
    return [...here, ...Object.entries(u).flatMap(([k, v]) => walk(v, `${path}.${k}`))]
  }
  return Object.entries(module).flatMap(([k, v]) => walk(v, k))
}
