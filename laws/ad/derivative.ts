import * as fc from 'fast-check'
import { either as E } from 'fp-ts'
import {
  Random,
  centralDifference,
  checkBetweenOneSided,
  checkGrads,
  isClose,
  jacfwd,
  jacrev,
  jvp,
  taylorTest,
  vjp,
  Matrix,
} from '../../src/index.js'
import type { Tolerance } from '../../src/index.js'
import { axpy, entries, inner, randomLike } from '../../src/numeric/treeMath.js'
import type { Law } from '../law.js'
import type { DiffCase } from './draw.js'

/**
 * Tolerance of the comparisons with central differences. With the step
 * h = ε^(1/3)·max(1, ‖x‖∞) the difference is off by O(h²·|f‴|) + O(ε·|f|/h),
 * about 4·10⁻¹¹ times the size of f and its third derivative; on the laws'
 * domains (entries within a few units) those stay below 10³, so 10⁻⁶ holds
 * with a wide margin while a wrong derivative (an error of order 1) cannot
 * pass.
 */
export const FINITE_DIFFERENCE_TOLERANCE: Tolerance = Object.freeze({ atol: 1e-6, rtol: 1e-6 })

/**
 * Tolerance of identities between exact derivatives (adjointness,
 * linearity, forward vs reverse): only rounding separates the two sides, a
 * few ulps per operation, so 10⁻⁹ relative to the magnitudes involved.
 */
export const EXACT_TOLERANCE: Tolerance = Object.freeze({ atol: 1e-9, rtol: 1e-9 })

/** A case together with a seed for its random tangents and cotangents. */
type Seeded<X> = readonly [DiffCase<X>, number]

const seeded = <X>(cases: fc.Arbitrary<DiffCase<X>>): fc.Arbitrary<Seeded<X>> => fc.tuple(cases, fc.integer())

const allClose = (a: ReadonlyArray<number>, b: ReadonlyArray<number>, tol: Tolerance): boolean =>
  a.length === b.length && a.every((x, i) => isClose(x, b[i] as number, tol))

/**
 * JVP matches the central difference: ∂f/∂x·v ≈ (f(x + hv) − f(x − hv)) / 2h
 * along a random direction v, entry by entry.
 *
 * @category derivative laws
 */
export const jvpMatchesCentralDifference = <X>(
  cases: fc.Arbitrary<DiffCase<X>>,
  tol: Tolerance = FINITE_DIFFERENCE_TOLERANCE,
): Law<Seeded<X>> => ({
  name: 'jvpMatchesCentralDifference',
  arbitrary: seeded(cases),
  holds: ([{ f, x }, seed]) => {
    const [v] = randomLike(x, Random.seed(seed))
    return allClose(entries(jvp(f)(x, v)[1]), entries(centralDifference(f, x, v)), tol)
  },
})

/**
 * VJP is the adjoint of the JVP: ⟨u, J v⟩ = ⟨Jᵀu, v⟩ for a random tangent v
 * and cotangent u. A rule whose forward and reverse halves disagree fails
 * this even when one of them is right.
 *
 * @category derivative laws
 */
export const vjpIsAdjointOfJvp = <X>(
  cases: fc.Arbitrary<DiffCase<X>>,
  tol: Tolerance = EXACT_TOLERANCE,
): Law<Seeded<X>> => ({
  name: 'vjpIsAdjointOfJvp',
  arbitrary: seeded(cases),
  holds: ([{ f, x }, seed]) => {
    const [v, rng] = randomLike(x, Random.seed(seed))
    const [y, jv] = jvp(f)(x, v)
    const [u] = randomLike(y, rng)
    const left = inner(u, jv)
    const right = inner(vjp(f)(x)[1](u), v)
    const scale = entries(u).reduce((s, ui, i) => s + Math.abs(ui * (entries(jv)[i] ?? 0)), 0) + 1
    return isClose(left, right, { atol: tol.atol * scale, rtol: tol.rtol })
  },
})

/**
 * The JVP is linear in the tangent: J(αv + βw) = αJv + βJw.
 *
 * @category derivative laws
 */
export const jvpIsLinear = <X>(cases: fc.Arbitrary<DiffCase<X>>, tol: Tolerance = EXACT_TOLERANCE): Law<Seeded<X>> => ({
  name: 'jvpIsLinear',
  arbitrary: seeded(cases),
  holds: ([{ f, x }, seed]) => {
    const [v, r1] = randomLike(x, Random.seed(seed))
    const [w] = randomLike(x, r1)
    const [alpha, beta] = [1.5, -0.75]
    const combined = entries(jvp(f)(x, axpy(axpy(v, alpha - 1, v), beta, w))[1])
    const jvE = entries(jvp(f)(x, v)[1])
    const jwE = entries(jvp(f)(x, w)[1])
    const expected = jvE.map((a, i) => alpha * a + beta * (jwE[i] as number))
    const scale = jvE.reduce((m, a, i) => Math.max(m, Math.abs(a), Math.abs(jwE[i] as number)), 1)
    return allClose(combined, expected, { atol: tol.atol * scale, rtol: tol.rtol })
  },
})

/**
 * Forward and reverse Jacobians agree: `jacfwd(f)(x)` (one JVP per input
 * entry) equals `jacrev(f)(x)` (one VJP per output entry).
 *
 * @category derivative laws
 */
export const forwardAndReverseJacobiansAgree = <X>(
  cases: fc.Arbitrary<DiffCase<X>>,
  tol: Tolerance = EXACT_TOLERANCE,
): Law<DiffCase<X>> => ({
  name: 'forwardAndReverseJacobiansAgree',
  arbitrary: cases,
  holds: ({ f, x }) => {
    const a = jacfwd(f, { flat: true })(x)
    const b = jacrev(f, { flat: true })(x)
    const scale = Math.max(1, ...Matrix.toArray(a).map(Math.abs))
    return (
      a.rows === b.rows &&
      a.cols === b.cols &&
      allClose(Matrix.toArray(a), Matrix.toArray(b), { atol: tol.atol * scale, rtol: tol.rtol })
    )
  },
})

/**
 * `checkGrads` passes to second order in both modes: first derivatives
 * against central differences, and the derivatives of the derivative
 * functions (nested jvp-of-jvp and jvp-of-vjp) as well — so a rule that is
 * right but not itself differentiable fails.
 *
 * @category derivative laws
 */
export const secondOrderDerivativesMatchFiniteDifferences = <X>(
  cases: fc.Arbitrary<DiffCase<X>>,
  tol: Tolerance = FINITE_DIFFERENCE_TOLERANCE,
): Law<Seeded<X>> => ({
  name: 'secondOrderDerivativesMatchFiniteDifferences',
  arbitrary: seeded(cases),
  holds: ([{ f, x }, seed]) => E.isRight(checkGrads(f, x, { order: 2, seed, directions: 1, ...tol })),
})

/**
 * The first-order Taylor remainder shrinks quadratically:
 * ‖f(x + hv) − f(x) − h·Jv‖ = O(h²), a check that needs no choice of step.
 *
 * @category derivative laws
 */
export const taylorRemainderIsQuadratic = <X>(cases: fc.Arbitrary<DiffCase<X>>): Law<Seeded<X>> => ({
  name: 'taylorRemainderIsQuadratic',
  arbitrary: seeded(cases),
  holds: ([{ f, x }, seed]) => {
    const [v] = randomLike(x, Random.seed(seed))
    return E.isRight(taylorTest(f, x, v))
  },
})

/**
 * At a kink, the derivative lies between the one-sided differences (e.g.
 * relu′(0) ∈ [0, 1]); elsewhere this is an ordinary derivative check.
 *
 * @category derivative laws
 */
export const derivativeLiesBetweenOneSidedDifferences = <X>(cases: fc.Arbitrary<DiffCase<X>>): Law<Seeded<X>> => ({
  name: 'derivativeLiesBetweenOneSidedDifferences',
  arbitrary: seeded(cases),
  holds: ([{ f, x }, seed]) => {
    const [v] = randomLike(x, Random.seed(seed))
    return E.isRight(checkBetweenOneSided(f, x, v))
  },
})

/**
 * Every derivative law for one family of cases, named `label: law`: what a
 * user runs on a function of their own, and what nabla runs on each of its
 * primitives.
 *
 * @category derivative laws
 */
export const derivativeLaws = <X>(cases: fc.Arbitrary<DiffCase<X>>, label: string): ReadonlyArray<Law<unknown>> =>
  [
    jvpMatchesCentralDifference(cases),
    vjpIsAdjointOfJvp(cases),
    jvpIsLinear(cases),
    forwardAndReverseJacobiansAgree(cases),
    secondOrderDerivativesMatchFiniteDifferences(cases),
    taylorRemainderIsQuadratic(cases),
  ].map((law) => ({ ...law, name: `${label}: ${law.name}` }) as Law<unknown>)
