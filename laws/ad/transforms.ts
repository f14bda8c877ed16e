import * as fc from 'fast-check'
import {
  Matrix,
  add,
  centralStep,
  derivative,
  exp,
  grad,
  hessian,
  hvp,
  isClose,
  logSumExp,
  matmul,
  mul,
  softplus,
  sum,
  tanh,
  vjp,
} from '../../src/index.js'
import type { Tolerance } from '../../src/index.js'
import { axpy, entries } from '../../src/numeric/treeMath.js'
import { matrix } from '../arbitraries/matrix.js'
import type { Law } from '../law.js'
import { EXACT_TOLERANCE, FINITE_DIFFERENCE_TOLERANCE } from './derivative.js'

/**
 * A smooth scalar test function of a column vector x, with its constants:
 * f(x) = logSumExp(tanh(Wx)) + ½·sum(softplus(x) ⊙ x), made of a linear
 * map, a squashing nonlinearity, a reduction and a product — enough to give
 * a dense, non-trivial Hessian.
 *
 * @category arbitraries
 */
export interface SmoothCase {
  readonly w: Matrix
  readonly x: Matrix
  readonly v: Matrix
}

/** Smooth test cases of dimension 1…4 with entries in [−2, 2]. @category arbitraries */
export const smoothCases: fc.Arbitrary<SmoothCase> = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({
    w: matrix({ rows: n, cols: n, min: -2, max: 2 }),
    x: matrix({ rows: n, cols: 1, min: -2, max: 2 }),
    v: matrix({ rows: n, cols: 1, min: -2, max: 2 }),
  }),
)

/** The inner map g(x) = tanh(Wx) of a smooth case. */
const inner =
  (w: Matrix) =>
  (x: Matrix): Matrix =>
    tanh(matmul(w, x))

/** The outer map h(y) = logSumExp(y) + ½·sum(softplus(y) ⊙ y). */
const outer = (y: Matrix): number => add(logSumExp(y), mul(0.5, sum(mul(softplus(y), y))))

/** The test function f = h ∘ g. @category arbitraries */
export const smoothFunction =
  (w: Matrix) =>
  (x: Matrix): number =>
    outer(inner(w)(x))

const allClose = (a: ReadonlyArray<number>, b: ReadonlyArray<number>, tol: Tolerance): boolean =>
  a.length === b.length && a.every((x, i) => isClose(x, b[i] as number, tol))

/**
 * The chain rule: ∇(h ∘ g)(x) = Jg(x)ᵀ ∇h(g(x)), with the left side from
 * `grad` of the composition and the right side assembled from a `vjp` of g
 * and a `grad` of h.
 *
 * @category transform laws
 */
export const chainRuleHolds = (tol: Tolerance = EXACT_TOLERANCE): Law<SmoothCase> => ({
  name: 'chainRuleHolds',
  arbitrary: smoothCases,
  holds: ({ w, x }) => {
    const whole = grad((p: Matrix) => outer(inner(w)(p)))(x)
    const [y, pullback] = vjp(inner(w))(x)
    const assembled = pullback(grad(outer)(y))
    return allClose(Matrix.toArray(whole), Matrix.toArray(assembled), tol)
  },
})

/**
 * The Hessian is symmetric: ∂²f/∂xᵢ∂xⱼ = ∂²f/∂xⱼ∂xᵢ, computed as
 * jacfwd(jacrev(f)).
 *
 * @category transform laws
 */
export const hessianIsSymmetric = (tol: Tolerance = EXACT_TOLERANCE): Law<SmoothCase> => ({
  name: 'hessianIsSymmetric',
  arbitrary: smoothCases,
  holds: ({ w, x }) => {
    const h = hessian(smoothFunction(w))(x)
    return allClose(Matrix.toArray(h), Matrix.toArray(Matrix.transpose(h)), tol)
  },
})

/**
 * `hvp` (forward over reverse) matches the central difference of `grad`:
 * ∇²f(x)·v ≈ (∇f(x + hv) − ∇f(x − hv)) / 2h.
 *
 * @category transform laws
 */
export const hvpMatchesFiniteDifferenceOfGrad = (tol: Tolerance = FINITE_DIFFERENCE_TOLERANCE): Law<SmoothCase> => ({
  name: 'hvpMatchesFiniteDifferenceOfGrad',
  arbitrary: smoothCases,
  holds: ({ w, x, v }) => {
    const f = smoothFunction(w)
    const h = centralStep(x)
    const g = grad(f)
    const fd = Matrix.toArray(Matrix.scale(Matrix.sub(g(axpy(x, h, v)), g(axpy(x, -h, v))), 1 / (2 * h)))
    return allClose(Matrix.toArray(hvp(f)(x, v)), fd, tol)
  },
})

/**
 * `hvp` equals the Hessian times the vector: the matrix-free product and
 * the explicit one agree.
 *
 * @category transform laws
 */
export const hvpEqualsHessianTimesVector = (tol: Tolerance = EXACT_TOLERANCE): Law<SmoothCase> => ({
  name: 'hvpEqualsHessianTimesVector',
  arbitrary: smoothCases,
  holds: ({ w, x, v }) => {
    const f = smoothFunction(w)
    return allClose(Matrix.toArray(hvp(f)(x, v)), Matrix.toArray(Matrix.matmul(hessian(f)(x), v)), tol)
  },
})

/**
 * Transforms are pure: the same call twice gives bit-identical results, and
 * the input is left untouched.
 *
 * @category transform laws
 */
export const transformsAreDeterministic = (): Law<SmoothCase> => ({
  name: 'transformsAreDeterministic',
  arbitrary: smoothCases,
  holds: ({ w, x, v }) => {
    const before = entries([w, x, v])
    const f = smoothFunction(w)
    const once = [...entries(grad(f)(x)), ...entries(hvp(f)(x, v))]
    const twice = [...entries(grad(f)(x)), ...entries(hvp(f)(x, v))]
    const after = entries([w, x, v])
    return once.every((a, i) => Object.is(a, twice[i])) && before.every((a, i) => Object.is(a, after[i]))
  },
})

/**
 * Nested perturbations never get confused — the classic test of Siskind
 * and Pearlmutter: d/dx [x · (d/dy (x + y))] = 1 at every x, because the
 * inner derivative is 1 whatever x is. An implementation that lets the
 * inner transform see the outer perturbation of x gets 2.
 *
 * @category transform laws
 */
export const perturbationsAreNotConfused = (): Law<readonly [number, number]> => ({
  name: 'perturbationsAreNotConfused',
  arbitrary: fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
  holds: ([x, y]) => {
    const forward = derivative((a: number) => mul(a, derivative((b: number) => add(a, b))(y)))(x)
    const reverse = grad((a: number) => mul(a, grad((b: number) => add(a, b))(y)))(x)
    const mixed = grad((a: number) => mul(a, derivative((b: number) => add(a, b))(y)))(x)
    return forward === 1 && reverse === 1 && mixed === 1
  },
})

/**
 * Second derivatives agree across modes: forward-over-forward
 * `derivative(derivative(f))`, reverse-over-reverse `grad(grad(f))` and
 * forward-over-reverse `derivative(grad(f))` of f(x) = x·tanh(x)·e^(x/4).
 *
 * @category transform laws
 */
export const secondDerivativesAgreeAcrossModes = (tol: Tolerance = EXACT_TOLERANCE): Law<number> => ({
  name: 'secondDerivativesAgreeAcrossModes',
  arbitrary: fc.double({ min: -4, max: 4, noNaN: true }),
  holds: (x) => {
    const f = (a: number): number => mul(a, mul(tanh(a), exp(mul(a, 0.25))))
    const ff = derivative(derivative(f))(x)
    const rr = grad(grad(f))(x)
    const fr = derivative(grad(f))(x)
    return isClose(rr, ff, tol) && isClose(fr, ff, tol)
  },
})
