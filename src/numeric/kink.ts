import { either as E } from 'fp-ts'
import { jvp } from '../ad/transforms.js'
import { oneSidedDifferences } from './finiteDifference.js'
import { entries, locate } from './treeMath.js'

/**
 * A derivative check that works at a kink. Where f is not differentiable
 * (relu or |x| at 0) a central difference averages the two sides and says
 * nothing useful; what must hold instead is that the derivative nabla uses
 * lies between the one-sided differences along v:
 * min(D₋, D₊) − tol ≤ Jv ≤ max(D₋, D₊) + tol, entry by entry. Where f is
 * smooth the two sides agree and this is an ordinary derivative check.
 *
 * @category numeric
 */
export const checkBetweenOneSided = <X>(
  f: (x: X) => unknown,
  x: X,
  v: X,
  tol = 1e-6,
): E.Either<string, { readonly comparisons: number }> => {
  const jv = entries(jvp(f)(x, v)[1])
  const [left, right] = oneSidedDifferences(f, x, v)
  const ls = entries(left)
  const rs = entries(right)
  const bad = jv.findIndex((d, k) => {
    const a = ls[k] as number
    const b = rs[k] as number
    return !(d >= Math.min(a, b) - tol && d <= Math.max(a, b) + tol)
  })
  return bad < 0
    ? E.right({ comparisons: jv.length })
    : E.left(
        `the derivative at output ${locate(left, bad)} is ${String(jv[bad])}, outside the one-sided differences ` +
          `[${String(ls[bad])}, ${String(rs[bad])}]`,
      )
}
