/**
 * The kernel backends agree bit for bit: a matrix product computed by the
 * WebAssembly SIMD kernel and by the JavaScript one is the same float64 in
 * every entry — −0 kept apart from +0, ±∞ where they arise, NaN where the
 * other has NaN — on every shape (empty, thin, ragged, all four transposes).
 * A result must never depend on the backend; this is the law that says so.
 *
 * @module
 */
import * as fc from 'fast-check'
import type { Law } from '../law.js'

/** A product kernel on raw row-major buffers: C = op(A)·op(B), op(A) m×k, op(B) k×n (see `gemm`). */
export type ProductKernel = (
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  transA: boolean,
  b: Float64Array,
  transB: boolean,
) => Float64Array

/** One product: its sizes, which operands are stored transposed, and the operands as stored. */
export interface ProductCase {
  readonly m: number
  readonly n: number
  readonly k: number
  readonly transA: boolean
  readonly transB: boolean
  readonly a: Float64Array
  readonly b: Float64Array
  readonly toString: () => string
}

/** Entries a kernel must treat exactly: ordinary numbers, signed zeros, tiny and huge ones, ±∞ and NaN. */
const entry: fc.Arbitrary<number> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -64, max: 64 }).map((i) => i / 8) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e3, max: 1e3 }) },
  { weight: 1, arbitrary: fc.constantFrom(-0, 5e-324, -5e-324, 1e308, -1e308, Infinity, -Infinity, Number.NaN) },
)

const shapes: fc.Arbitrary<readonly [number, number, number]> = fc.oneof(
  // small and ragged: every edge tile, every remainder of 4 rows and columns
  fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })),
  // thin, as backpropagation's products are: a long inner dimension, a few rows or columns
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 30, max: 200 })),
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 20, max: 90 }), fc.integer({ min: 1, max: 40 })),
)

/** An operand of the given length filled from a list of entries, cycling through it (zeros if it is empty). */
const fill = (entries: ReadonlyArray<number>, length: number): Float64Array =>
  Float64Array.from({ length }, (_, i) => (entries.length === 0 ? 0 : (entries[i % entries.length] as number)))

/**
 * Products of every shape class, with both storage orders of each operand.
 * The shape and the entries are drawn independently (the operands cycle
 * through the entries), so that a failure shrinks to both a small shape and
 * few distinct entries.
 *
 * @category laws
 */
export const productCases = (): fc.Arbitrary<ProductCase> =>
  fc
    .record({
      shape: shapes,
      transA: fc.boolean(),
      transB: fc.boolean(),
      as: fc.array(entry, { minLength: 1, maxLength: 64 }),
      bs: fc.array(entry, { minLength: 1, maxLength: 64 }),
    })
    .map(({ shape: [m, n, k], transA, transB, as, bs }) => ({
      m,
      n,
      k,
      transA,
      transB,
      a: fill(as, m * k),
      b: fill(bs, k * n),
    }))
    .map((c) => ({
      ...c,
      toString: () =>
        `${String(c.m)}×${String(c.k)}·${String(c.k)}×${String(c.n)}` +
        `${c.transA ? ' (A stored transposed)' : ''}${c.transB ? ' (B stored transposed)' : ''}: ` +
        `a = [${Array.from(c.a).join(', ')}], b = [${Array.from(c.b).join(', ')}]`,
    }))

/** The first index where two buffers differ as float64s (Object.is), or −1. */
const firstDifference = (x: Float64Array, y: Float64Array): number =>
  x.length !== y.length ? 0 : x.findIndex((v, i) => !Object.is(v, y[i]))

/**
 * Two product kernels give the same buffer, entry by entry as float64s
 * (`Object.is`: −0 ≠ +0, NaN = NaN; NaN payloads are not part of the
 * promise), on products of every shape and storage order.
 *
 * @category laws
 */
export const backendsAgree = (reference: ProductKernel, candidate: ProductKernel): Law<ProductCase> => {
  const both = (c: ProductCase): readonly [Float64Array, Float64Array] => [
    reference(c.m, c.n, c.k, c.a, c.transA, c.b, c.transB),
    candidate(c.m, c.n, c.k, c.a, c.transA, c.b, c.transB),
  ]
  return {
    name: 'backendsAgree',
    arbitrary: productCases(),
    holds: (c) => {
      const [x, y] = both(c)
      return firstDifference(x, y) < 0
    },
    explain: (c) => {
      const [x, y] = both(c)
      const i = firstDifference(x, y)
      return `${c.toString()}\nentry ${String(i)}: reference ${String(x[i])}, candidate ${String(y[i])}`
    },
  }
}
