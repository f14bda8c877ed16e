import { either as E } from 'fp-ts'
import { jvp } from '../ad/transforms.js'
import { axpy, maxAbs } from './treeMath.js'

/** The verdict of a Taylor-remainder test. @category numeric */
export interface TaylorReport {
  /** The steps h used, largest first. */
  readonly steps: ReadonlyArray<number>
  /** ‖f(x + hv) − f(x) − h·Jv‖∞ for each step. */
  readonly remainders: ReadonlyArray<number>
  /** log₂ of the ratios of successive remainders: 2 for a correct derivative, 1 for a wrong one. */
  readonly orders: ReadonlyArray<number>
  /** True when every remainder was at the rounding floor (f is affine along v). */
  readonly exact: boolean
}

/**
 * A step-free derivative check. If J is the derivative of f at x, the
 * remainder of the first-order model, r(h) = ‖f(x + hv) − f(x) − h·Jv‖,
 * is O(h²): halving h divides it by 4. If J is wrong, r(h) is only O(h) and
 * halving h halves it. So instead of comparing J with a finite difference at
 * one step (whose error depends on the step), this looks at how r shrinks
 * over a range of steps: the observed order log₂(r(h)/r(h/2)) must be close
 * to 2. Remainders at the rounding floor are left out; if all are, f is
 * affine along v and the model is exact.
 *
 * Returns `Right(report)` when the median observed order is at least
 * `minOrder` (default 1.8), `Left(message)` otherwise.
 *
 * @category numeric
 */
export const taylorTest = <X>(
  f: (x: X) => unknown,
  x: X,
  v: X,
  options: { readonly h0?: number; readonly halvings?: number; readonly minOrder?: number } = {},
): E.Either<string, TaylorReport> => {
  const [fx, jv] = jvp(f)(x, v)
  const scale = Math.max(1, maxAbs(x)) / Math.max(1e-12, maxAbs(v))
  const h0 = options.h0 ?? 0.05 * scale
  const steps = Array.from({ length: options.halvings ?? 8 }, (_, k) => h0 / 2 ** k)
  const remainders = steps.map((h) => maxAbs(remainder(f, x, v, fx, jv, h)))
  const floor = 1e3 * Number.EPSILON * Math.max(1, maxAbs(fx), maxAbs(jv) * h0)
  const usable = remainders.map((r) => r > floor)
  const orders = remainders.slice(1).flatMap((r, k) => {
    const prev = remainders[k] as number
    return usable[k] === true && usable[k + 1] === true ? [Math.log2(prev / r)] : []
  })
  if (orders.length === 0) {
    return usable.some((u) => u)
      ? E.left('taylorTest: too few remainders above the rounding floor to estimate an order; try a larger h0')
      : E.right({ steps, remainders, orders, exact: true })
  }
  const sorted = [...orders].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)] as number
  const minOrder = options.minOrder ?? 1.8
  return median >= minOrder
    ? E.right({ steps, remainders, orders, exact: false })
    : E.left(
        `taylorTest: the first-order remainder shrinks with order ${median.toFixed(2)} (expected 2): the derivative is wrong. ` +
          `Remainders ${remainders.map((r) => r.toExponential(2)).join(', ')}`,
      )
}

/** f(x + hv) − f(x) − h·Jv as a tree. */
const remainder = <X, Y>(f: (x: X) => Y, x: X, v: X, fx: Y, jv: Y, h: number): Y =>
  axpy(axpy(f(axpy(x, h, v)), -1, fx), -h, jv)
