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

/** Entries whose sums round: ordinary numbers of mixed magnitude, and the extremes. */
const roundingEntry = (): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(1e-9, -1e-9, 1e16, -1e16, -0, 0) },
    { weight: 1, arbitrary: extremeEntry() },
  )

/**
 * Every sum is one sum: entry i of `sumRows(a)` is, bit for bit, `sum` of
 * row i, and entry j of `sumCols(a)` is `sum` of column j (Neumaier's
 * compensated sum, in the order of the entries). So a sum does not depend
 * on how its terms are laid out in a matrix, which is what lets `vmap` sum
 * a batch of examples by columns and give each example the bits of its
 * own `sum`.
 *
 * @example
 * sumsOfRowsAndColumnsAreSums('Matrix', Matrix.sumRows, Matrix.sumCols)
 * @category laws
 */
export const sumsOfRowsAndColumnsAreSums = (
  name: string,
  sumRows: (a: Matrix) => Matrix,
  sumCols: (a: Matrix) => Matrix,
): Law<Matrix> => {
  const rowsOf = (a: Matrix): ReadonlyArray<ReadonlyArray<number>> => Matrix.toRows(a)
  const columnsOf = (a: Matrix): ReadonlyArray<ReadonlyArray<number>> => Matrix.toRows(Matrix.transpose(a))
  const sums = (lines: ReadonlyArray<ReadonlyArray<number>>): ReadonlyArray<number> =>
    lines.map((line) => Matrix.sum(Matrix.row(line)))
  const same = (xs: ReadonlyArray<number>, ys: ReadonlyArray<number>): boolean =>
    xs.length === ys.length && xs.every((x, i) => Object.is(x, ys[i]))
  return {
    name: `${name}: sumsOfRowsAndColumnsAreSums`,
    // entries read row by row into as many whole rows of c as they fill: shrinking drops entries and columns
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.array(roundingEntry(), { minLength: 1, maxLength: 25 }))
      .map(([c, xs]) => {
        const cols = Math.min(c, xs.length)
        const rows = Math.floor(xs.length / cols)
        return Matrix.fromArray(rows, cols, xs.slice(0, rows * cols))
      }),
    holds: (a) =>
      same(Matrix.toArray(sumRows(a)), sums(rowsOf(a))) && same(Matrix.toArray(sumCols(a)), sums(columnsOf(a))),
    explain: (a) =>
      `for ${JSON.stringify(Matrix.toRows(a).map((r) => r.map(String)))}: row sums ` +
      `${JSON.stringify(Matrix.toArray(sumRows(a)).map(String))} against ${JSON.stringify(sums(rowsOf(a)).map(String))}, ` +
      `column sums ${JSON.stringify(Matrix.toArray(sumCols(a)).map(String))} against ${JSON.stringify(sums(columnsOf(a)).map(String))}`,
  }
}
