import type { Matrix } from './Matrix.js'
import { ShapeError } from './ShapeError.js'
import { encodeNumber, type NumberJson } from './numberJson.js'

/**
 * A matrix's run-time representation. Its entries live in a private field
 * that no code outside this module can reach — not `m.data`, not
 * `Object.getOwnPropertyNames`, not `new Float64Array(m.data.buffer)`, not
 * a subclass — so a `Matrix` is immutable from plain JavaScript too, not
 * only in the types. The instance, its class and its prototype are frozen,
 * and the constructor refuses to be called from outside (so a matrix cannot
 * be forged around a buffer someone else holds). Reads go through
 * `buffer`, which kernels use to read, never to write, and through the
 * destructors, which copy.
 */
const KEY: unique symbol = Symbol('nabla.matrix')

/**
 * The protocol by which a value that stands in for a matrix (a tracer,
 * under differentiation) explains why its entries cannot be read, when
 * one is handed to a raw matrix function.
 */
export const rawReadError: unique symbol = Symbol.for('nabla.rawReadError') as never

// eslint-disable-next-line functional/no-let -- assigned once, by the class's static block, at load time
let readBuffer: (m: MatrixValue) => Float64Array
// eslint-disable-next-line functional/no-let -- assigned once, by the class's static block, at load time
let isValue: (u: object) => boolean

class MatrixValue {
  readonly _tag = 'Matrix' as const
  readonly rows: number
  readonly cols: number
  readonly #data: Float64Array

  constructor(key: typeof KEY, rows: number, cols: number, data: Float64Array) {
    if (key !== KEY) {
      throw new TypeError('a Matrix is made with Matrix.fromRows, Matrix.fromArray and the other constructors')
    }
    this.rows = rows
    this.cols = cols
    this.#data = data
    Object.freeze(this)
  }

  static {
    readBuffer = (m) => m.#data
    isValue = (u) => #data in u
  }

  /** The entries in row-major order (so test runners compare matrices entry by entry). */
  *[Symbol.iterator](): IterableIterator<number> {
    yield* this.#data
  }

  /** `Matrix 2×3 [[1, 2, 3], [4, 5, 6]]`, for consoles, test reports and fast-check counterexamples. */
  toString(): string {
    const rows = Array.from({ length: this.rows }, (_, i) =>
      Array.from(this.#data.subarray(i * this.cols, (i + 1) * this.cols), (x) => (Object.is(x, -0) ? '-0' : String(x))),
    )
    return `Matrix ${String(this.rows)}×${String(this.cols)} [${rows.map((r) => `[${r.join(', ')}]`).join(', ')}]`
  }

  /**
   * `JSON.stringify(m)` writes what `Matrix.codec` reads back, bit for bit:
   * `{ rows, cols, data }` with −0, NaN and ±∞ as strings — never a record
   * that silently leaves the entries out.
   */
  toJSON(): { readonly rows: number; readonly cols: number; readonly data: ReadonlyArray<NumberJson> } {
    return { rows: this.rows, cols: this.cols, data: Array.from(this.#data, encodeNumber) }
  }

  [Symbol.for('fast-check/toStringMethod')](): string {
    return this.toString()
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString()
  }
}
Object.freeze(MatrixValue.prototype)
Object.freeze(MatrixValue)

/**
 * Wraps a buffer that the caller has just allocated and will never touch
 * again. This is the only way a `Float64Array` becomes a matrix without a
 * copy, so it is internal: kernels allocate, fill, then hand the buffer over.
 */
export const fromBuffer = <R extends number, C extends number>(rows: R, cols: C, data: Float64Array): Matrix<R, C> =>
  new MatrixValue(KEY, rows, cols, data) as unknown as Matrix<R, C>

/** Whether a value is a matrix made by nabla (not merely shaped like one). */
export const isMatrixValue = (u: unknown): u is Matrix => typeof u === 'object' && u !== null && isValue(u)

/**
 * The buffer behind a matrix, for kernels that only *read* it. Typed as
 * `Float64Array` so that V8 sees one monomorphic typed-array access;
 * kernels never write through it, and it never leaves the library. A value
 * that is not a matrix gets a `TypeError` saying what it is instead.
 */
export const buffer = (m: Matrix): Float64Array => {
  if (isMatrixValue(m)) return readBuffer(m as unknown as MatrixValue)
  const u: unknown = m
  if (typeof u === 'object' && u !== null && typeof (u as { [rawReadError]?: unknown })[rawReadError] === 'function') {
    throw (u as { [rawReadError]: () => Error })[rawReadError]()
  }
  throw new TypeError(`expected a Matrix, got ${describe(u)}`)
}

const describe = (u: unknown): string =>
  u === null ? 'null' : typeof u === 'object' ? `an object (${Object.prototype.toString.call(u)})` : `a ${typeof u}`

/** Throws a `ShapeError` unless `a` and `b` have the same shape. */
export const assertSameShape = (op: string, a: Matrix, b: Matrix): void => {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new ShapeError(op, [shapeOf(a), shapeOf(b)], 'shapes must be equal')
  }
}

export const shapeOf = (m: Matrix): readonly [number, number] => [m.rows, m.cols]

/** Throws unless `n` is a non-negative integer size. */
export const assertSize = (op: string, rows: number, cols: number): void => {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new ShapeError(op, [[rows, cols]], 'sizes must be non-negative integers')
  }
}
