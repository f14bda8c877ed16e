import { axpy, differenceQuotient, entries, fromEntries, maxAbs, unitLike } from './treeMath.js'

/**
 * The step of a central difference at x: h = ε^(1/3)·max(1, ‖x‖∞), with ε
 * the float64 machine epsilon. The truncation error of a central difference
 * is O(h²) and its rounding error O(ε/h); ε^(1/3) balances the two, and
 * scaling with the magnitude of x keeps x ± h from rounding back to x.
 *
 * @category numeric
 */
export const centralStep = (x: unknown): number => Math.cbrt(Number.EPSILON) * Math.max(1, maxAbs(x))

/**
 * The central difference of f at x along v: (f(x + h·v) − f(x − h·v)) / 2h,
 * an O(h²) estimate of the directional derivative ∂f/∂x·v. Works on trees:
 * x and v share a structure, and the result has the structure of f's output.
 *
 * @category numeric
 */
export const centralDifference = <X, Y>(f: (x: X) => Y, x: X, v: X, h: number = centralStep(x)): Y =>
  differenceQuotient(f(axpy(x, h, v)), f(axpy(x, -h, v)), 2 * h)

/**
 * Richardson's extrapolation of the central difference: with D(h) the
 * central difference, (4·D(h/2) − D(h)) / 3 cancels the h² term of the
 * error, leaving O(h⁴·|f⁽⁵⁾|) where the plain central difference has
 * O(h²·|f‴|). Its rounding error, about 3ε·|f|/h, is of the same order as
 * the central difference's at the same step, so the default step is the
 * central one (`centralStep`): a larger step would lower the rounding
 * error but let the truncation error return for functions whose higher
 * derivatives grow fast (a nearby singularity of 1/(1 + t²), say). This is
 * the check for derivatives of functions that are themselves derivatives
 * — Hessian-vector products, third derivatives — whose higher derivatives
 * are large. Four evaluations of f.
 *
 * @category numeric
 */
export const extrapolatedDifference = <X, Y>(f: (x: X) => Y, x: X, v: X, h: number = centralStep(x)): Y => {
  const fine = centralDifference(f, x, v, h / 2)
  return axpy(fine, 1, differenceQuotient(fine, centralDifference(f, x, v, h), 3))
}

/**
 * One-sided differences of f at x along v: (f(x) − f(x − h·v))/h and
 * (f(x + h·v) − f(x))/h. At a kink (relu at 0) a derivative is right when it
 * lies between them.
 *
 * @category numeric
 */
export const oneSidedDifferences = <X, Y>(
  f: (x: X) => Y,
  x: X,
  v: X,
  h: number = Math.sqrt(Number.EPSILON) * Math.max(1, maxAbs(x)),
): readonly [Y, Y] => {
  const fx = f(x)
  return [differenceQuotient(fx, f(axpy(x, -h, v)), h), differenceQuotient(f(axpy(x, h, v)), fx, h)]
}

/**
 * The gradient of a scalar function by central differences, one input entry
 * at a time: a tree shaped like x. 2n evaluations of f for n entries, so for
 * checking small problems, not for training.
 *
 * @category numeric
 */
export const numericGradient = <X>(f: (x: X) => number, x: X, h: number = centralStep(x)): X => {
  const n = entries(x).length
  const values = Array.from({ length: n }, (_, k) => centralDifference(f, x, unitLike(x, k), h))
  return fromEntries(x, values)
}
