/**
 * Tolerances for comparing a computed derivative with a reference, in the
 * form the established gradient checkers use (NumPy's `isclose`, JAX's
 * `check_grads`, PyTorch's `gradcheck`): |actual − expected| ≤ atol + rtol·|expected|.
 *
 * @category numeric
 */
export interface Tolerance {
  readonly atol: number
  readonly rtol: number
}

/** |actual − expected| ≤ atol + rtol·|expected| (NaN is never close; equal infinities are). @category numeric */
export const isClose = (actual: number, expected: number, { atol, rtol }: Tolerance): boolean =>
  actual === expected || Math.abs(actual - expected) <= atol + rtol * Math.abs(expected)

/**
 * The relative error |a − b| / max(|a|, |b|, floor): 0 for equal numbers,
 * and an absolute error near zero where relative error means nothing.
 *
 * @category numeric
 */
export const relativeError = (a: number, b: number, floor = 1e-8): number =>
  a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), floor)
