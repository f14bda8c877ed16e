/**
 * Reference arithmetic and comparisons for the matrix laws: a textbook
 * product to compare the fast kernels against, entrywise absolute values for
 * error bounds, and exact comparisons that do not go through the `Eq` under
 * test. Internal to `nabla/laws`.
 */
import { Matrix } from '../../src/index.js'

/** The unit roundoff of float64, u = 2⁻⁵³: |fl(x ∘ y) − x ∘ y| ≤ u·|x ∘ y| without underflow. */
export const unitRoundoff = 2 ** -53

/**
 * γₙ = n·u / (1 − n·u): a computed dot product of length n, in any order
 * of summation, is within γₙ·Σ|xᵢ||yᵢ| of the exact one (Higham, *Accuracy
 * and Stability of Numerical Algorithms*, 2nd ed., §3.1 and §3.5).
 */
export const gamma = (n: number): number => (n * unitRoundoff) / (1 - n * unitRoundoff)

/** 0, 1, …, n − 1. */
export const range = (n: number): ReadonlyArray<number> => Array.from({ length: n }, (_, i) => i)

/** Entry (i, j), read without bounds checks beyond the type's. */
/** Whether p holds for the entries of a and b at every index (of a). */
const pairwise = (a: Matrix, b: Matrix, p: (x: number, y: number) => boolean): boolean => {
  const ys = Matrix.toArray(b)
  return Matrix.toArray(a).every((x, i) => p(x, ys[i] as number))
}

export const at = (m: Matrix, i: number, j: number): number =>
  i >= 0 && j >= 0 && i < m.rows && j < m.cols ? Matrix.get(m, i, j) : Number.NaN

/** The textbook product: (AB)ᵢⱼ = Σₚ AᵢₚBₚⱼ, summed in order p = 0, 1, …, k − 1. */
export const naiveProduct = (a: Matrix, b: Matrix): Matrix =>
  Matrix.generate(a.rows, b.cols, (i, j) => range(a.cols).reduce((s, p) => s + at(a, i, p) * at(b, p, j), 0))

/** The transpose, by definition: (Aᵀ)ᵢⱼ = Aⱼᵢ. */
export const naiveTranspose = (a: Matrix): Matrix => Matrix.generate(a.cols, a.rows, (i, j) => at(a, j, i))

/** |A|, entrywise. */
export const abs = (a: Matrix): Matrix => Matrix.generate(a.rows, a.cols, (i, j) => Math.abs(at(a, i, j)))

/** A + B, entrywise, by definition. */
export const naiveSum = (a: Matrix, b: Matrix): Matrix =>
  Matrix.generate(a.rows, a.cols, (i, j) => at(a, i, j) + at(b, i, j))

/** s·A, entrywise, by definition. */
export const times = (s: number, a: Matrix): Matrix => Matrix.generate(a.rows, a.cols, (i, j) => s * at(a, i, j))

/** Whether two matrices have the same shape. */
export const sameShape = (a: Matrix, b: Matrix): boolean => a.rows === b.rows && a.cols === b.cols

/** Same shape and every entry the same float64, bit for bit as far as `Object.is` sees (−0 ≠ 0, NaN = NaN). */
export const identical = (a: Matrix, b: Matrix): boolean => sameShape(a, b) && pairwise(a, b, (x, y) => Object.is(x, y))

/** Same shape and equal entries, where −0 equals 0 (and nothing is NaN). */
export const equalEntries = (a: Matrix, b: Matrix): boolean => sameShape(a, b) && pairwise(a, b, (x, y) => x === y)

/**
 * Slack added to every error bound, so that the rounding committed while
 * *evaluating* the bound and the difference cannot make a true bound fail:
 * a relative 2⁻⁴⁰ (the bound and |x − y| are computed with relative errors
 * of a few dozen u ≈ 2⁻⁴⁸ at most), and an absolute 2⁻¹⁰⁰⁰ ≈ 1e−301 for
 * gradual underflow, which the relative model of rounding does not cover:
 * each product of tiny entries may lose up to 2⁻¹⁰⁷⁵ absolutely, and k·l
 * such losses, scaled by entries of magnitude M, stay below 2⁻¹⁰⁰⁰ as long
 * as k·l·M < 2⁷⁴. Neither term is large enough to hide a real error in
 * entries of ordinary size.
 */
const slack = (bound: number): number => bound * (1 + 2 ** -40) + 2 ** -1000

/**
 * Same shape and |xᵢⱼ − yᵢⱼ| ≤ boundᵢⱼ for every entry (up to the evaluation
 * slack above).
 */
export const withinBound = (x: Matrix, y: Matrix, bound: Matrix): boolean =>
  sameShape(x, y) &&
  sameShape(x, bound) &&
  (() => {
    const ys = Matrix.toArray(y)
    const bs = Matrix.toArray(bound)
    return Matrix.toArray(x).every((xi, i) => Math.abs(xi - (ys[i] ?? Number.NaN)) <= slack(bs[i] ?? Number.NaN))
  })()
