/**
 * Laws of reductions at the extremes of float64: a sum of entries that
 * overflows is ±∞, a sum with +∞ (and no −∞ or NaN) is +∞, and NaN comes
 * only from a NaN entry or from +∞ and −∞ together — exactly what IEEE
 * addition gives term by term. A compensated sum must keep that promise:
 * its correction term, computed from ∞ − ∞, is NaN once a partial sum has
 * overflowed, and must not be added then.
 *
 * @module
 */
import * as fc from 'fast-check'
import { Matrix } from '../../src/index.js'
import type { Law } from '../law.js'

/** What a sum is, as IEEE addition term by term decides it. */
export type SumKind = 'NaN' | '+∞' | '−∞' | 'finite'

const kindOf = (x: number): SumKind =>
  Number.isNaN(x) ? 'NaN' : x === Infinity ? '+∞' : x === -Infinity ? '−∞' : 'finite'

/**
 * The kind of Σ xs as plain left-to-right float64 addition gives it: NaN
 * from a NaN or from both infinities, ±∞ from an infinity or from an
 * overflowing partial sum, finite otherwise.
 *
 * @category laws
 */
export const expectedSumKind = (xs: ReadonlyArray<number>): SumKind => kindOf(xs.reduce((s, x) => s + x, 0))

/** Entries a reduction must survive: moderate numbers, numbers near the float64 limit, ±∞ and NaN. */
export const extremeEntry = (): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: -8, max: 8 }) },
    { weight: 3, arbitrary: fc.constantFrom(1e308, -1e308, 1.7e308, -1.7e308, Number.MAX_VALUE) },
    { weight: 1, arbitrary: fc.constantFrom(Infinity, -Infinity, Number.NaN) },
  )

/** A 1×n row of extreme entries (n ≥ 1). */
const extremeRows = (maxLength: number): fc.Arbitrary<ReadonlyArray<number>> =>
  fc.array(extremeEntry(), { minLength: 1, maxLength })

/**
 * A reduction of a vector to a number overflows to ±∞ and gives NaN only
 * from NaN: its result has the kind (NaN, +∞, −∞ or finite) of the plain
 * float64 sum of `terms(xs)` — the entries themselves for a sum or a mean,
 * their products for a dot product, their squares for a quadratic cost.
 *
 * @example
 * reductionOverflowsToInfinity('Matrix.sum', (xs) => Matrix.sum(Matrix.row(xs)))
 * @category laws
 */
export const reductionOverflowsToInfinity = (
  name: string,
  reduce: (xs: ReadonlyArray<number>) => number,
  terms: (xs: ReadonlyArray<number>) => ReadonlyArray<number> = (xs) => xs,
  maxLength = 6,
): Law<ReadonlyArray<number>> => ({
  name: `${name}: reductionOverflowsToInfinity`,
  arbitrary: extremeRows(maxLength),
  holds: (xs) => kindOf(reduce(xs)) === expectedSumKind(terms(xs)),
  explain: (xs) =>
    `${name}(${JSON.stringify(xs.map(String))}) = ${String(reduce(xs))}, expected ${expectedSumKind(terms(xs))}`,
})

/**
 * The reduction laws for the matrix module's own sums: `Matrix.sum`,
 * `Matrix.mean` and `Matrix.dot` (against a row of ones, so its terms are
 * the entries).
 *
 * @category laws
 */
export const matrixReductionLaws = (): ReadonlyArray<Law<ReadonlyArray<number>>> => [
  reductionOverflowsToInfinity('Matrix.sum', (xs) => Matrix.sum(Matrix.row(xs))),
  reductionOverflowsToInfinity('Matrix.mean', (xs) => Matrix.mean(Matrix.row(xs))),
  reductionOverflowsToInfinity('Matrix.dot', (xs) => Matrix.dot(Matrix.row(xs), Matrix.ones(1, xs.length))),
]
