import { describe, expect, it } from 'vitest'
import * as fc from 'fast-check'
import { either as E } from 'fp-ts'
import {
  Matrix,
  add,
  checkGrads,
  customJvp,
  customVjp,
  exp,
  grad,
  gradWithAux,
  hessian,
  jacfwd,
  jacrev,
  jvp,
  log,
  logSoftmax,
  matmul,
  mean,
  mul,
  neg,
  sigmoid,
  softmax,
  square,
  stopGradient,
  sub,
  sum,
  valueAndGrad,
  valueAndGradWithAux,
  vjp,
} from 'nabla'
import { bind } from 'nabla/extend'
import type { DeclaredPrimitive } from 'nabla/extend'
import type { Value } from 'nabla'
import {
  assertLaw,
  chainRuleHolds,
  checkLaw,
  derivativeLaws,
  casesOf,
  hessianIsSymmetric,
  hvpEqualsHessianTimesVector,
  hvpMatchesFiniteDifferenceOfGrad,
  jvpMatchesCentralDifference,
  perturbationsAreNotConfused,
  primitiveCases,
  secondDerivativesAgreeAcrossModes,
  transformsAreDeterministic,
  vjpIsAdjointOfJvp,
  matrix,
} from 'nabla/laws'
import { elementwise } from '../../src/ad/ops/elementwise.js'

describe('transform laws', () => {
  it.each([
    chainRuleHolds(),
    hessianIsSymmetric(),
    hvpMatchesFiniteDifferenceOfGrad(),
    hvpEqualsHessianTimesVector(),
    transformsAreDeterministic(),
  ])('$name', (law) => {
    assertLaw(law, { numRuns: 40 })
  })
  it('perturbationsAreNotConfused', () => {
    assertLaw(perturbationsAreNotConfused(), { numRuns: 200 })
  })
  it('secondDerivativesAgreeAcrossModes', () => {
    assertLaw(secondDerivativesAgreeAcrossModes(), { numRuns: 100 })
  })
})

describe('published values', () => {
  // CS231n, "Backpropagation, Intuitions" (Stanford CS231n course notes), the vectorized example
  // f(x, W) = ‖W·x‖² with q = W·x: ∇_W f = 2q·xᵀ and ∇_x f = 2Wᵀq. With the notes' numbers:
  it('reproduces CS231n: ∇_W = 2q·xᵀ and ∇_x = 2Wᵀq', () => {
    const x = Matrix.column([0.2, 0.4])
    const w = Matrix.fromRows([
      [0.1, 0.5],
      [-0.3, 0.8],
    ])
    const f = ([ww, xx]: readonly [Matrix, Matrix]): number => sum(square(matmul(ww, xx)))
    const [gw, gx] = grad(f)([w, x])
    // the published digits, to the precision they were printed with
    Matrix.toArray(gw).forEach((g, i) => {
      expect(g).toBeCloseTo([0.088, 0.176, 0.104, 0.208][i]!, 15)
    })
    Matrix.toArray(gx).forEach((g, i) => {
      expect(g).toBeCloseTo([-0.112, 0.636][i]!, 15)
    })
    // and exactly the closed forms, evaluated in float64
    const q = Matrix.matmul(w, x)
    expect(Matrix.toArray(gw)).toEqual(Matrix.toArray(Matrix.scale(Matrix.outer(q, x), 2)))
    expect(Matrix.toArray(gx)).toEqual(Matrix.toArray(Matrix.scale(Matrix.matmulTN(w, q), 2)))
  })
})

describe('trees', () => {
  const x = Matrix.fromRows([
    [1, 2],
    [3, 4],
  ])
  it('grad returns the structure of its argument, with static leaves passed through', () => {
    const p = { w: Matrix.identity(2), b: Matrix.column([0.5, -0.5]), name: 'layer', scale: 3, pair: [1, 2] as const }
    const loss = (q: typeof p): number => mul(q.scale, mean(square(add(matmul(q.w, x), q.b))))
    const g = grad(loss)(p)
    expect(g.name).toBe('layer')
    expect(Object.keys(g)).toEqual(Object.keys(p))
    expect([g.w.rows, g.w.cols, g.b.rows, g.b.cols]).toEqual([2, 2, 2, 1])
    expect(g.pair).toEqual([0, 0])
    expect(E.isRight(checkGrads(loss, p, { order: 1 }))).toBe(true)
  })

  it('valueAndGrad and the aux variants agree with grad', () => {
    const f = (w: Matrix, data: Matrix): number => sum(sigmoid(matmul(w, data)))
    const [value, g] = valueAndGrad(f)(x, x)
    expect(value).toBe(f(x, x))
    expect(Matrix.toArray(g)).toEqual(Matrix.toArray(grad(f)(x, x)))
    const withAux = (w: Matrix): readonly [number, { readonly z: Matrix }] => [f(w, x), { z: matmul(w, x) }]
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the old name must keep working
    const [[v2, aux], g2] = valueAndGradWithAux(withAux)(x)
    expect(v2).toBe(value)
    expect(Matrix.toArray(aux.z)).toEqual(Matrix.toArray(Matrix.matmul(x, x)))
    expect(Matrix.toArray(g2)).toEqual(Matrix.toArray(g))
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the old name must keep working
    const [g3, aux3] = gradWithAux(withAux)(x)
    expect(Matrix.toArray(g3)).toEqual(Matrix.toArray(g))
    expect(Matrix.toArray(aux3.z)).toEqual(Matrix.toArray(aux.z))
    const [g4, aux4] = grad(withAux, { hasAux: true })(x)
    expect(Matrix.toArray(g4)).toEqual(Matrix.toArray(g))
    expect(Matrix.toArray(aux4.z)).toEqual(Matrix.toArray(aux.z))
  })

  it('vjp returns a pullback that can be called again and inside other transforms', () => {
    const [y, pullback] = vjp((w: Matrix) => matmul(w, x))(x)
    const once = pullback(Matrix.ones(y.rows, y.cols))
    expect(Matrix.toArray(pullback(Matrix.ones(2, 2)))).toEqual(Matrix.toArray(once))
    // w̄ = c·xᵀ is linear in the cotangent c, and differentiable: ∂(Σ w̄)/∂c = 1·x (each cᵢⱼ meets row j of x)
    const g = grad((c: Matrix<number, 2>) => sum(pullback(c)))(Matrix.ones(2, 2))
    expect(Matrix.toArray(g)).toEqual(Matrix.toArray(Matrix.matmul(Matrix.ones(2, 2), x)))
  })

  it('jacfwd and jacrev agree on a function of a tree to a tree', () => {
    const f = ([a, b]: readonly [Matrix, number]): readonly [Matrix, number] => [mul(a, b), sum(exp(a))]
    const at = [x, 0.5] as const
    const jf = jacfwd(f, { flat: true })(at)
    const jr = jacrev(f, { flat: true })(at)
    expect([jf.rows, jf.cols]).toEqual([5, 5])
    Matrix.toArray(jf).forEach((v, i) => {
      expect(v).toBeCloseTo(Matrix.toArray(jr)[i]!, 12)
    })
  })

  it('as trees, the Jacobian of [a·b, Σ exp(a)] is the output structure of input structures of blocks', () => {
    const f = ([a, b]: readonly [Matrix, number]): readonly [Matrix, number] => [mul(a, b), sum(exp(a))]
    const at = [x, 0.5] as const
    const [[dYda, dYdb], [dsda, dsdb]] = jacfwd(f)(at)
    // Y = a·b: ∂Y/∂a is b times the 4×4 identity (entries of a, row-major), ∂Y/∂b is a itself
    expect(Matrix.toRows(dYda)).toEqual(Matrix.toRows(Matrix.scale(Matrix.identity(4), 0.5)))
    expect(Matrix.toRows(dYdb)).toEqual(Matrix.toRows(x))
    // s = Σ exp(a): ∂s/∂a = exp(a), shaped like a; ∂s/∂b = 0
    expect(Matrix.toRows(dsda)).toEqual(Matrix.toRows(Matrix.map(x, Math.exp)))
    expect(dsdb).toBe(0)
    const [[rYda], [rsda]] = jacrev(f)(at)
    expect(Matrix.toRows(rYda)).toEqual(Matrix.toRows(dYda))
    expect(Matrix.toArray(rsda).every((v, i) => Math.abs(v - Matrix.toArray(dsda)[i]!) <= 1e-15 * Math.abs(v))).toBe(
      true,
    )
  })
})

describe('reading a value under differentiation', () => {
  it('reading raw entries throws a clear error instead of dropping the derivative', () => {
    expect(() => grad((w: Matrix) => Matrix.sum(w))(Matrix.ones(2, 2))).toThrow(/being differentiated[^]*stopGradient/)
    expect(() => grad((w: Matrix) => Matrix.toRows(w).length)(Matrix.ones(2, 2))).toThrow(/being differentiated/)
  })
  it('JavaScript arithmetic on a scalar under differentiation throws', () => {
    expect(() => grad((s: number) => s * 2)(1)).toThrow(/JavaScript arithmetic/)
  })
  it('stopGradient gives a constant: its derivative is zero', () => {
    expect(grad((s: number) => mul(s, stopGradient(s)))(3)).toBe(3)
    expect(grad((w: Matrix) => Matrix.sum(stopGradient(w)))(Matrix.ones(2, 2))).toEqual(Matrix.zeros(2, 2))
  })
  it('a tracer that escapes its transform is refused when used later', () => {
    let leaked: Matrix | undefined
    grad((w: Matrix) => {
      leaked = w
      return sum(w)
    })(Matrix.ones(1, 1))
    expect(() => sum(leaked!)).toThrow(/escaped/)
  })
  it('grad of a non-scalar function is a clear error', () => {
    expect(() => grad((w: Matrix) => w as unknown as number)(Matrix.ones(2, 2))).toThrow(/must return a scalar/)
  })
})

describe('extreme inputs', () => {
  const z = Matrix.column([1000, -1000])
  it('sigmoid, softplus, softmax, log-softmax and logSumExp stay finite at |z| = 1000, with finite derivatives', () => {
    const values = [
      Matrix.toArray(sigmoid(z)),
      Matrix.toArray(softmax(z)),
      Matrix.toArray(logSoftmax(z)),
      Matrix.toArray(grad((v: Matrix) => sum(sigmoid(v)))(z)),
      Matrix.toArray(grad((v: Matrix) => sum(logSoftmax(v)))(z)),
      Matrix.toArray(hessian((v: Matrix) => sum(softmax(v)))(z)),
    ].flat()
    expect(values.every(Number.isFinite)).toBe(true)
    expect(Matrix.toArray(sigmoid(z))).toEqual([1, 0])
    expect(Matrix.toArray(softmax(z))).toEqual([1, 0])
    expect(Matrix.toArray(logSoftmax(z))).toEqual([0, -2000])
  })
  it('log of 0 is −∞ and its derivative +∞, not NaN', () => {
    expect(log(0)).toBe(-Infinity)
    expect(grad((v: number) => log(v))(0)).toBe(Infinity)
  })
})

describe('custom rules', () => {
  // softmax cross-entropy of logits z against one-hot targets t, with the textbook gradient softmax(z) − t
  const xentRule = customVjp(
    ([z, t]: readonly [Matrix, Matrix]): number => neg(sum(mul(t, logSoftmax(z)))),
    ([z, t], _y, c) => [mul(c, sub(softmax(z), t)), mul(c, neg(logSoftmax(z)))] as const,
  )
  const logits = matrix({ rows: 3, cols: 2, min: -4, max: 4 })
  const targets = Matrix.fromRows([
    [1, 0],
    [0, 0],
    [0, 1],
  ])
  it.each(
    derivativeLaws(
      casesOf((z: Matrix) => xentRule([z, targets]), logits, 'customVjp cross-entropy'),
      'custom',
    ),
  )('$name', (law) => {
    assertLaw(law, { numRuns: 20 })
  })
  const cube = customJvp(
    (s: number) => s * s * s,
    (s, v) => mul(3, mul(mul(s, s), v)),
  )
  it.each(derivativeLaws(casesOf(cube, fc.double({ min: -3, max: 3, noNaN: true }), 'customJvp cube'), 'custom'))(
    '$name',
    (law) => {
      assertLaw(law, { numRuns: 20 })
    },
  )
  it('a custom function only ever sees plain values, so its body may use raw matrix code', () => {
    const norm2 = customVjp(
      (w: Matrix) => Matrix.dot(w, w),
      (w, _y, c) => mul(mul(2, c), w),
    )
    expect(grad(norm2)(x())).toEqual(Matrix.scale(x(), 2))
    expect(jvp(norm2)(x(), Matrix.ones(2, 2))[1]).toBe(2 * (1 + 2 + 3 + 4))
  })
})

const x = (): Matrix =>
  Matrix.fromRows([
    [1, 2],
    [3, 4],
  ])

describe('a law that cannot fail proves nothing', () => {
  // σ with a wrong derivative (y instead of y(1 − y)) in both modes: still self-consistent, so
  // the adjoint law cannot see it, but every law against finite differences must.
  const wrongSigmoid = elementwise({
    name: 'wrongSigmoid',
    f: (v) => 1 / (1 + Math.exp(-v)),
    derivative: (_v, y) => y,
  })
  it('a wrong rule fails jvpMatchesCentralDifference and checkGrads, and the failure shrinks', () => {
    const report = checkLaw(
      jvpMatchesCentralDifference(primitiveCases(wrongSigmoid as unknown as DeclaredPrimitive<never>)),
      {
        numRuns: 100,
      },
    )
    expect(report.failed).toBe(true)
    expect(report.counterexample).not.toBeNull()
    const failure = checkGrads((v: number) => bind(wrongSigmoid, [v], undefined) as number, 0.3, { order: 1 })
    expect(E.isLeft(failure) && failure.left.mode).toBe('forward')
    expect(E.isLeft(failure) && failure.left.message).toMatch(/order 1 is wrong/)
  })
  it('a rule whose JVP and VJP disagree fails vjpIsAdjointOfJvp', () => {
    const halfWrong = {
      ...wrongSigmoid,
      vjp: [(c: Value, _args: ReadonlyArray<Value>, y: Value) => mul(c, mul(y, sub(1, y)))],
    }
    const report = checkLaw(vjpIsAdjointOfJvp(primitiveCases(halfWrong as unknown as DeclaredPrimitive<never>)), {
      numRuns: 100,
    })
    expect(report.failed).toBe(true)
  })
})
