/**
 * Laws of gradient clipping: what clipping by the global norm promises.
 *
 * @module
 */
import * as fc from 'fast-check'
import type { Matrix } from '../../src/matrix/Matrix.js'
import { leaves } from '../../src/ad/Tree.js'
import { clipByGlobalNorm } from '../../src/train/clipping.js'
import { Matrix as M } from '../../src/index.js'
import { anyShapeMatrix } from '../arbitraries/matrix.js'
import type { Law } from '../law.js'
import type { Stepper } from './optimizers.js'

/** A gradient tree of matrices and a number, and the bound to clip it to. */
export interface ClipCase {
  readonly grads: { readonly ws: ReadonlyArray<Matrix>; readonly b: number }
  readonly maxNorm: number
}

/** A clipping transform with bound c, as the law takes it (nabla's `clipByGlobalNorm` by default). */
export type Clipper = (maxNorm: number) => Stepper

/**
 * Gradient trees of 1 to 4 leaves (up to three matrices of up to 3×3 and a
 * number) with entries of magnitude 10⁻³…10³⁰¹ — squares that overflow
 * included — and bounds in [10⁻³, 10³], so that most trees are clipped and
 * some are not.
 */
const clipCases = (): fc.Arbitrary<ClipCase> =>
  fc
    .record({
      ws: fc.array(anyShapeMatrix({ minRows: 1, minCols: 1, maxRows: 3, maxCols: 3 }), { maxLength: 3 }),
      b: fc.double({ min: -10, max: 10, noNaN: true }),
      exponent: fc.integer({ min: -3, max: 300 }),
      maxNorm: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
    })
    .map(({ ws, b, exponent, maxNorm }) => {
      const s = 10 ** exponent
      return { grads: { ws: ws.map((w) => M.scale(w, s)), b: b * s }, maxNorm }
    })

/** Every entry of a tree, leaf by leaf. */
const entries = (tree: unknown): ReadonlyArray<number> =>
  leaves(tree).flatMap((x) => (typeof x === 'number' ? [x] : M.toArray(x)))

/** u, the unit roundoff of float64. */
const U = 2 ** -53

/** What went wrong with one case, or undefined. */
const clipProblem = ({ grads, maxNorm }: ClipCase, clip: Clipper): string | undefined => {
  const opt = clip(maxNorm)
  const [clipped] = opt.update(grads, opt.init(grads) as never, grads)
  const xs = entries(grads)
  const ys = entries(clipped)
  if (ys.length !== xs.length) return `${String(xs.length)} entries became ${String(ys.length)}`
  const n = xs.length
  const before = Math.hypot(...xs)
  const after = Math.hypot(...ys)
  const bound = ((n + 1) / 2 + 8) * U
  if (before < maxNorm * (1 - bound) && !xs.every((x, i) => Object.is(x, ys[i]))) {
    return `norm ${String(before)} < ${String(maxNorm)}, yet the gradient changed`
  }
  if (!(after <= maxNorm * (1 + bound))) {
    return `norm ${String(before)} clipped to ${String(after)} > ${String(maxNorm)} (tolerance ${String(bound)})`
  }
  const c = Math.min(1, maxNorm / before)
  const off = xs.findIndex(
    (x, i) => !(Math.abs((ys[i] as number) - c * x) <= (bound + U) * Math.abs(c * x) + 2 ** -1074),
  )
  return off < 0
    ? undefined
    : `entry ${String(off)}: ${String(xs[off])} became ${String(ys[off])}, not ${String(c)} times it (the direction changed)`
}

/**
 * Clipping by the global norm bounds the norm and keeps the direction: for
 * any gradient tree g and bound c, the clipped tree is g itself when
 * ‖g‖ < c, and otherwise the one multiple (c/‖g‖)·g, so its norm is c.
 *
 * Checked in float64 with ‖·‖ measured by `Math.hypot` (overflow-safe, a
 * few roundings): the clipped norm is at most c·(1 + ((n + 1)/2 + 8)u) for
 * n entries and u = 2⁻⁵³ — the sum of n squares is within (n + 1)u of its
 * exact value and its root within half that, the factor and the products
 * take three roundings more, and `Math.hypot` about four on each side; and
 * every clipped entry is within one rounding more of (c/‖g‖)·x (plus 2⁻¹⁰⁷⁴
 * for subnormal products). Clipping each leaf on its own, which lets the
 * whole tree keep a norm up to √(leaves)·c and turns its direction, fails.
 *
 * @category optimizer laws
 */
export const clipBoundsNormKeepsDirection = (clip: Clipper = clipByGlobalNorm): Law<ClipCase> => ({
  name: 'clipBoundsNormKeepsDirection',
  arbitrary: clipCases(),
  holds: (c) => clipProblem(c, clip) === undefined,
  explain: (c) => `c = ${String(c.maxNorm)}: ${clipProblem(c, clip) ?? ''}`,
})
