/**
 * Laws of the fp-ts instances of `Matrix`: the exact `Eq` is an equivalence
 * and compares exactly what it says, `getEqApprox` is reflexive and
 * symmetric, and `Show` prints the shape and entries that parse back.
 *
 * @module
 */
import * as fc from 'fast-check'
import type { Eq } from 'fp-ts/lib/Eq.js'
import type { Show } from 'fp-ts/lib/Show.js'
import { Matrix } from '../../src/index.js'
import type { Law } from '../law.js'
import { anyShapeMatrix } from '../arbitraries/matrix.js'
import { at, range, sameShape } from './reference.js'

/**
 * A pool of entries small enough that equal matrices are frequent, with the
 * cases an equality gets wrong: both zeros, NaN and both infinities.
 */
const tricky = fc.constantFrom(0, -0, 1, -1, 0.5, Number.NaN, Infinity, -Infinity)

/** Matrices of up to 2×2 tricky entries. */
const small = anyShapeMatrix({ maxRows: 2, maxCols: 2, entries: tricky })

/** A copy of m (a different object), with the sign of some of its zeros flipped: equal to m under `Eq`. */
const twin = (m: Matrix): fc.Arbitrary<Matrix> =>
  fc.array(fc.boolean(), { minLength: Matrix.size(m), maxLength: Matrix.size(m) }).map((flips) =>
    Matrix.fromArray(
      m.rows,
      m.cols,
      Array.from(Matrix.toFloat64Array(m), (x, i) => (flips[i] === true && x === 0 ? -x : x)),
    ),
  )

/** A matrix related to m: an equal twin, a twin with one entry replaced, or an unrelated small matrix. */
const relative = (m: Matrix): fc.Arbitrary<Matrix> =>
  fc.oneof(
    twin(m),
    Matrix.size(m) === 0
      ? twin(m)
      : fc.tuple(twin(m), fc.integer({ min: 0, max: Matrix.size(m) - 1 }), tricky).map(([t, k, x]) =>
          Matrix.fromArray(
            t.rows,
            t.cols,
            Array.from(Matrix.toFloat64Array(t), (y, i) => (i === k ? x : y)),
          ),
        ),
    small,
  )

/** Two matrices that are often, but not always, equal. */
const relatedPair: fc.Arbitrary<readonly [Matrix, Matrix]> = small.chain((a) => relative(a).map((b) => [a, b] as const))

/** Three matrices where a = b and b = c both hold often. */
const relatedTriple: fc.Arbitrary<readonly [Matrix, Matrix, Matrix]> = small.chain((a) =>
  relative(a).chain((b) => relative(b).map((c) => [a, b, c] as const)),
)

/** A fresh copy of m, so that a check cannot pass merely because `a === b`. */
const copy = (m: Matrix): Matrix => Matrix.fromArray(m.rows, m.cols, Matrix.toFloat64Array(m))

/**
 * `Matrix.Eq` (or the given `Eq`) is reflexive: a equals a, and a copy of
 * it, NaN entries included.
 *
 * @category laws
 */
export const eqIsReflexive = (eq: Eq<Matrix> = Matrix.Eq): Law<Matrix> => ({
  name: 'eqIsReflexive',
  arbitrary: small,
  holds: (a) => eq.equals(a, a) && eq.equals(a, copy(a)),
})

/**
 * `Matrix.Eq` is symmetric: a = b exactly when b = a.
 *
 * @category laws
 */
export const eqIsSymmetric = (eq: Eq<Matrix> = Matrix.Eq): Law<readonly [Matrix, Matrix]> => ({
  name: 'eqIsSymmetric',
  arbitrary: relatedPair,
  holds: ([a, b]) => eq.equals(a, b) === eq.equals(b, a),
})

/**
 * `Matrix.Eq` is transitive: a = b and b = c imply a = c. The cases are
 * built so that the premise holds often (twins that differ in the sign of
 * zeros), not just by luck.
 *
 * @category laws
 */
export const eqIsTransitive = (eq: Eq<Matrix> = Matrix.Eq): Law<readonly [Matrix, Matrix, Matrix]> => ({
  name: 'eqIsTransitive',
  arbitrary: relatedTriple,
  holds: ([a, b, c]) => !(eq.equals(a, b) && eq.equals(b, c)) || eq.equals(a, c),
})

/**
 * `Matrix.Eq` says exactly what its documentation says: same shape, and
 * entries equal as numbers (0 = −0) or both NaN.
 *
 * @category laws
 */
export const eqComparesShapeAndEntries = (eq: Eq<Matrix> = Matrix.Eq): Law<readonly [Matrix, Matrix]> => ({
  name: 'eqComparesShapeAndEntries',
  arbitrary: relatedPair,
  holds: ([a, b]) =>
    eq.equals(a, b) ===
    (sameShape(a, b) &&
      ((ys) =>
        Matrix.toArray(a).every((x, i) => {
          const y = ys[i] ?? Number.NaN
          return x === y || (Number.isNaN(x) && Number.isNaN(y))
        }))(Matrix.toArray(b))),
})

/** The `{ atol, rtol }` argument of `Matrix.getEqApprox`. */
type Tolerance = Parameters<typeof Matrix.getEqApprox>[0]

/** Tolerances from exact to loose. */
const tolerance: fc.Arbitrary<Tolerance> = fc.record(
  { atol: fc.constantFrom(0, 1e-12, 1e-6, 0.5), rtol: fc.constantFrom(0, 1e-12, 1e-6, 0.5) },
  { requiredKeys: [] },
)

/** Two same-shaped matrices of tricky and ordinary entries, the second a small perturbation of the first. */
const perturbedPair: fc.Arbitrary<readonly [Matrix, Matrix]> = anyShapeMatrix({
  maxRows: 3,
  maxCols: 3,
  entries: fc.oneof(tricky, fc.double({ min: -10, max: 10, noNaN: true })),
}).chain((a) =>
  fc
    .array(fc.oneof(fc.constant(0), fc.double({ min: -1, max: 1, noNaN: true })), {
      minLength: Matrix.size(a),
      maxLength: Matrix.size(a),
    })
    .map(
      (d) =>
        [
          a,
          Matrix.fromArray(
            a.rows,
            a.cols,
            Array.from(Matrix.toFloat64Array(a), (x, i) => x + (d[i] ?? 0)),
          ),
        ] as const,
    ),
)

/**
 * `Matrix.getEqApprox(tolerance)` is reflexive for every tolerance, NaN and
 * infinite entries included.
 *
 * @category laws
 */
export const eqApproxIsReflexive = (
  getEq: (tolerance: Tolerance) => Eq<Matrix> = Matrix.getEqApprox,
): Law<readonly [Tolerance, Matrix]> => ({
  name: 'eqApproxIsReflexive',
  arbitrary: fc.tuple(
    tolerance,
    perturbedPair.map(([a]) => a),
  ),
  holds: ([tol, a]) => getEq(tol).equals(a, copy(a)),
})

/**
 * `Matrix.getEqApprox(tolerance)` is symmetric: a ≈ b exactly when b ≈ a
 * (it compares against max(|a|, |b|), not against one side).
 *
 * @category laws
 */
export const eqApproxIsSymmetric = (
  getEq: (tolerance: Tolerance) => Eq<Matrix> = Matrix.getEqApprox,
): Law<readonly [Tolerance, readonly [Matrix, Matrix]]> => ({
  name: 'eqApproxIsSymmetric',
  arbitrary: fc.tuple(tolerance, perturbedPair),
  holds: ([tol, [a, b]]) => getEq(tol).equals(a, b) === getEq(tol).equals(b, a),
})

/** The rows or columns `Show` prints out of n: all up to 8, else the first and last 4 around `…`. */
const visible = (n: number): ReadonlyArray<number | '…'> =>
  n <= 8 ? range(n) : [...range(4), '…', ...range(4).map((i) => n - 4 + i)]

/** Whether the printed entry (or `…`) is the expected one. */
const showsEntry = (m: Matrix, i: number, text: string | undefined, j: number | '…'): boolean =>
  j === '…' ? text === '…' : text !== undefined && Object.is(Number(text), at(m, i, j))

/** Whether a printed row (`[1, 2, …, 9]` or a row `…`) shows the expected entries of row i. */
const showsRow = (m: Matrix, text: string | undefined, i: number | '…'): boolean => {
  if (i === '…' || text === undefined) return text === '…' && i === '…'
  if (!text.startsWith('[') || !text.endsWith(']')) return false
  const inner = text.slice(1, -1)
  const entries = inner === '' ? [] : inner.split(', ')
  const cols = visible(m.cols)
  return entries.length === cols.length && cols.every((j, k) => showsEntry(m, i, entries[k], j))
}

/**
 * `Show` prints `Matrix r×c [[…], …]`: the shape, then the rows, with every
 * entry printed so that it parses back to the same float64 (−0, NaN and ±∞
 * included); a matrix with more than 8 rows (columns) shows its first and
 * last 4 rows (columns) around a `…`.
 *
 * @category laws
 */
export const showPrintsShapeAndEntries = (show: Show<Matrix> = Matrix.Show): Law<Matrix> => ({
  name: 'showPrintsShapeAndEntries',
  arbitrary: anyShapeMatrix({ maxRows: 11, maxCols: 11, entries: fc.oneof(tricky, fc.double()) }),
  holds: (m) => {
    const text = show.show(m)
    const header = `Matrix ${String(m.rows)}×${String(m.cols)} [`
    if (!text.startsWith(header) || !text.endsWith(']')) return false
    const rowTexts = text.slice(header.length, -1).match(/\[[^\]]*\]|…/g) ?? []
    const rows = visible(m.rows)
    return rowTexts.length === rows.length && rows.every((i, k) => showsRow(m, rowTexts[k], i))
  },
})
