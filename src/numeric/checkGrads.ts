import { either as E } from 'fp-ts'
import { jvp, vjp } from '../ad/transforms.js'
import type { Rng } from '../matrix/Random.js'
import { seed as seedRng, permutation } from '../matrix/Random.js'
import { centralDifference, centralStep } from './finiteDifference.js'
import { isClose } from './tolerance.js'
import { entries, inner, locate, randomLike, unitLike } from './treeMath.js'

/** Which derivative a check exercised: forward mode (JVP) or reverse mode (VJP). @category numeric */
export type Mode = 'forward' | 'reverse'

/** @category numeric */
export interface CheckGradsOptions {
  /** Check derivatives up to this order (1: first derivatives; 2: also the derivatives of those). Default 2. */
  readonly order?: number
  /** Which modes to check. Default both. */
  readonly modes?: ReadonlyArray<Mode>
  /** Absolute tolerance. Default 1e-6. */
  readonly atol?: number
  /** Relative tolerance. Default 1e-6. */
  readonly rtol?: number
  /** The finite-difference step; default ε^(1/3)·max(1, ‖x‖∞) (see `centralStep`). */
  readonly eps?: number
  /** Random directions for the forward check. Default 2. */
  readonly directions?: number
  /** Input coordinates the reverse check differentiates numerically (a seeded sample when there are more). Default 64. */
  readonly maxCoordinates?: number
  /** Seed of the random directions and cotangents. Default 0. */
  readonly seed?: number
}

/**
 * What a failed check found: the mode, the order, where (which direction
 * and output coordinate for forward mode, which input coordinate for
 * reverse mode), and the two numbers that disagreed.
 *
 * @category numeric
 */
export interface GradCheckFailure {
  readonly mode: Mode
  readonly order: number
  readonly where: string
  readonly actual: number
  readonly expected: number
  readonly message: string
}

/**
 * A passed check: how many numbers were compared, and the comparison that
 * came closest to failing — measured by what decides pass or fail, the
 * error as a fraction of the error allowed, |actual − expected| /
 * (atol + rtol·|expected|), which is at most 1 when the check passes. (A
 * relative error alone would misreport: two derivatives of 10⁻⁹ that differ
 * by 10⁻¹² pass on atol, with a relative error of 10⁻³.)
 *
 * @category numeric
 */
export interface GradCheckReport {
  readonly comparisons: number
  /** The largest |actual − expected| / (atol + rtol·|expected|) over all comparisons: in [0, 1]. */
  readonly worstErrorRatio: number
  /** Where that worst comparison was, and its two numbers (absent when nothing was compared). */
  readonly worst?: {
    readonly mode: Mode
    readonly order: number
    readonly where: string
    readonly actual: number
    readonly expected: number
  }
}

type Worst = NonNullable<GradCheckReport['worst']>

interface Found {
  readonly comparisons: number
  readonly ratio: number
  readonly worst?: Worst
  readonly failure?: GradCheckFailure
}

const NOTHING: Found = { comparisons: 0, ratio: 0 }

/** |a − e| / (atol + rtol·|e|): the error as a fraction of the error allowed (0 for equal numbers, ∞ for NaN). */
const errorRatio = (a: number, e: number, tol: { readonly atol: number; readonly rtol: number }): number =>
  a === e ? 0 : Number.isNaN(a) || Number.isNaN(e) ? Infinity : Math.abs(a - e) / (tol.atol + tol.rtol * Math.abs(e))

const compare = (
  actual: ReadonlyArray<number>,
  expected: ReadonlyArray<number>,
  tol: { readonly atol: number; readonly rtol: number },
  at: (k: number) => Omit<Worst, 'actual' | 'expected'>,
): Found =>
  expected.reduce<Found>((acc, e, k) => {
    if (acc.failure !== undefined) return acc
    const a = actual[k] ?? Number.NaN
    const ratio = errorRatio(a, e, tol)
    const here = (): Worst => ({ ...at(k), actual: a, expected: e })
    const next =
      ratio > acc.ratio || acc.worst === undefined ? { ratio, worst: here() } : { ratio: acc.ratio, worst: acc.worst }
    if (isClose(a, e, tol)) return { comparisons: acc.comparisons + 1, ...next }
    const w = here()
    return {
      comparisons: acc.comparisons + 1,
      ...next,
      failure: { ...w, message: describe(w.mode, w.order, w.where, a, e) },
    }
  }, NOTHING)

const merge = (a: Found, b: () => Found): Found => {
  if (a.failure !== undefined) return a
  const next = b()
  const worse = next.worst !== undefined && (a.worst === undefined || next.ratio > a.ratio)
  return {
    comparisons: a.comparisons + next.comparisons,
    ratio: worse ? next.ratio : a.ratio,
    ...(worse ? { worst: next.worst } : a.worst === undefined ? {} : { worst: a.worst }),
    ...(next.failure === undefined ? {} : { failure: next.failure }),
  }
}

const describe = (mode: Mode, order: number, where: string, a: number, e: number): string =>
  `${mode}-mode derivative of order ${String(order)} is wrong at ${where}: got ${String(a)}, finite differences give ${String(e)}`

/**
 * Checks the derivatives nabla computes for f at x against central finite
 * differences, in the spirit of JAX's `check_grads` and PyTorch's
 * `gradcheck`:
 *
 * - forward mode: the JVP along random directions v against
 *   (f(x + hv) − f(x − hv)) / 2h, output entry by output entry;
 * - reverse mode: the VJP of a random cotangent u against the numerical
 *   gradient of ⟨u, f(x)⟩, input coordinate by input coordinate;
 * - order 2 and up: the same checks applied to the derivative functions
 *   x ↦ JVP(x, v) and x ↦ VJP(x, u), which exercises nested transforms.
 *
 * Each comparison passes when |actual − expected| ≤ atol + rtol·|expected|.
 * Returns the first failure, naming the mode, the order and the coordinate,
 * or a report of the comparison that came closest to failing, by the same
 * measure (its error as a fraction of the error allowed).
 *
 * @example
 * checkGrads((x: Matrix) => sum(tanh(x)), x0, { order: 2 })   // Right({ comparisons, worstErrorRatio, worst })
 * @category numeric
 */
export const checkGrads = <X>(
  f: (x: X) => unknown,
  x: X,
  options: CheckGradsOptions = {},
): E.Either<GradCheckFailure, GradCheckReport> => {
  const order = options.order ?? 2
  const modes = options.modes ?? ['forward', 'reverse']
  const tol = { atol: options.atol ?? 1e-6, rtol: options.rtol ?? 1e-6 }
  const found = checkAt(f, x, 1, order, modes, tol, options, seedRng(options.seed ?? 0))
  return found.failure === undefined
    ? E.right({
        comparisons: found.comparisons,
        worstErrorRatio: found.ratio,
        ...(found.worst === undefined ? {} : { worst: found.worst }),
      })
    : E.left(found.failure)
}

const checkAt = <X>(
  f: (x: X) => unknown,
  x: X,
  level: number,
  order: number,
  modes: ReadonlyArray<Mode>,
  tol: { readonly atol: number; readonly rtol: number },
  options: CheckGradsOptions,
  rng: Rng,
): Found => {
  const h = options.eps ?? centralStep(x)
  const [v, rng1] = randomLike(x, rng)
  const y = f(x)
  const [u, rng2] = randomLike(y, rng1)
  const forward = (): Found =>
    Array.from({ length: options.directions ?? 2 }).reduce<readonly [Found, Rng]>(
      ([acc, r], _, d) => {
        const [dir, next] = d === 0 ? [v, r] : randomLike(x, r)
        return [
          merge(acc, () => {
            const actual = jvp(f)(x, dir)[1]
            const expected = centralDifference(f, x, dir, h)
            return compare(entries(actual), entries(expected), tol, (k) => ({
              mode: 'forward',
              order: level,
              where: `direction ${String(d)}, output ${locate(expected, k)}`,
            }))
          }),
          next,
        ]
      },
      [NOTHING, rng2],
    )[0]
  const reverse = (): Found => {
    const actual = entries(vjp(f)(x)[1](u))
    const n = actual.length
    const limit = options.maxCoordinates ?? 64
    const coords = n <= limit ? Array.from({ length: n }, (_, k) => k) : permutation(n, rng2)[0].slice(0, limit)
    const s = (p: X): number => inner(u, f(p))
    const expected = coords.map((k) => centralDifference(s, x, unitLike(x, k), h))
    return compare(
      coords.map((k) => actual[k] ?? Number.NaN),
      expected,
      tol,
      (i) => ({ mode: 'reverse', order: level, where: `input ${locate(x, coords[i] ?? 0)}` }),
    )
  }
  const here = modes.reduce<Found>((acc, mode) => merge(acc, mode === 'forward' ? forward : reverse), NOTHING)
  if (level >= order) return here
  return modes.reduce<Found>(
    (acc, mode) =>
      merge(acc, () =>
        mode === 'forward'
          ? checkAt((p: X) => jvp(f)(p, v)[1], x, level + 1, order, modes, tol, options, rng2)
          : checkAt((p: X) => vjp(f)(p)[1](u), x, level + 1, order, modes, tol, options, rng2),
      ),
    here,
  )
}
