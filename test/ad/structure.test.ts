// Regression tests for derivatives of compositions with constants and broadcasting, and for the
// structure of what the transforms return. Expected values are worked out by hand in the comments.
import { describe, expect, it } from 'vitest'
import {
  Matrix,
  Random,
  add,
  customJvp,
  customVjp,
  derivative,
  grad,
  hessian,
  hvp,
  jacfwd,
  jacrev,
  jvp,
  logSoftmax,
  mul,
  registerTreeNode,
  reshape,
  stackCols,
  sub,
  sum,
  treeNode,
  valueAndGrad,
  vjp,
  matmul,
} from 'nabla'

const C = Matrix.ones(2, 3)

describe('forward mode broadcasts tangents of broadcast operands', () => {
  it('d/ds Σ(C + s) = 6 for a 2×3 constant C', () => {
    expect(derivative((s) => sum(add(C, s)))(0)).toBe(6)
    expect(derivative((s) => sum(sub(C, s)))(0)).toBe(-6)
    expect(derivative((s) => sum(add(s, C)))(0)).toBe(6)
  })

  it('the tangent of C + s is a 2×3 matrix of ones, and its Jacobian is 6×1', () => {
    const [y, dy] = jvp((s: number) => add(C, s))(0.5, 1)
    expect(Matrix.toRows(y)).toEqual([
      [1.5, 1.5, 1.5],
      [1.5, 1.5, 1.5],
    ])
    expect(Matrix.isMatrix(dy)).toBe(true)
    expect(Matrix.toRows(dy)).toEqual(Matrix.toRows(C))
    const J = jacfwd((s: number) => add(C, s), { flat: true })(0.5)
    expect(Matrix.shape(J)).toEqual([6, 1])
    expect(Matrix.toArray(J)).toEqual([1, 1, 1, 1, 1, 1])
    expect(Matrix.toArray(jacrev((s: number) => add(C, s), { flat: true })(0.5))).toEqual([1, 1, 1, 1, 1, 1])
    // as a tree: ∂Y/∂s for a matrix Y and a number s is shaped like Y
    expect(Matrix.toRows(jacfwd((s: number) => add(C, s))(0.5))).toEqual(Matrix.toRows(C))
  })

  it('f(s) = s·Σ(C + s) = 6s + 6s² has f″ = 12 by hessian and hvp', () => {
    const f = (s: number): number => mul(s, sum(add(C, s)))
    expect(hessian(f)(0.5)).toBe(12)
    expect(Matrix.toRows(hessian(f, { flat: true })(0.5))).toEqual([[12]])
    expect(hvp(f)(0.5, 1)).toBe(12)
  })

  it('vᵀHv of Σ logSoftmax(X) is the same forward-over-forward as by hvp', () => {
    const [X, r] = Random.uniform(4, 3, Random.seed(1))
    const [V] = Random.uniform(4, 3, r)
    const f = (x: Matrix): number => sum(logSoftmax(x))
    const fwdFwd = jvp((x: Matrix) => jvp(f)(x, V)[1])(X, V)[1]
    const viaHvp = Matrix.dot(hvp(f)(X, V), V)
    // both are exact second derivatives; only rounding separates them
    expect(Math.abs(fwdFwd - viaHvp)).toBeLessThan(1e-12 * (1 + Math.abs(viaHvp)))
  })

  it('stacking the tangents of broadcast results works in jacfwd', () => {
    const J = jacfwd((s: number) => stackCols([add(C, s), mul(C, s)]), { flat: true })(2)
    expect(Matrix.shape(J)).toEqual([12, 1])
  })
})

describe('a gradient has the structure of its input', () => {
  it('the gradient of a number is a number, also through reshape to 1×1', () => {
    const f = (s: number): number => sum(reshape(s, 1, 1))
    expect(grad(f)(2)).toBe(1)
    expect(vjp(f)(2)[1](1)).toBe(1)
    expect(hvp(f)(2, grad(f)(2))).toBe(0)
  })

  it('a 1×1 matrix input gets a 1×1 matrix gradient, not a number', () => {
    const g = grad((m: Matrix) => mul(sum(m), 3))(Matrix.fromRows([[2]]))
    expect(Matrix.isMatrix(g)).toBe(true)
    expect(Matrix.toRows(g)).toEqual([[3]])
  })

  it('a tangent of the wrong kind is refused: a 1×1 matrix is not a number', () => {
    expect(() => jvp((s: number) => add(C, s))(0, Matrix.ones(1, 1) as unknown as number)).toThrow(
      /tangent leaf 0 is 1×1, the input is scalar/,
    )
  })

  it('a rule that returns the wrong shape is reported by name, in both modes', () => {
    // C·s has a 2×3 tangent; a rule returning the scalar v would be broadcast silently later on
    const badJvp = customJvp(
      (s: number) => Matrix.scale(C, s),
      (_s, v) => v as unknown as Matrix,
      'scaledOnes',
    )
    expect(() => jvp(badJvp)(1, 1)).toThrow(
      /the JVP rule of scaledOnes returned a scalar, but must return .* a 2×3 matrix/,
    )
    const badVjp = customVjp(
      (s: number) => Matrix.scale(C, s),
      (_s, _y, c) => c as unknown as number,
      'scaledOnes',
    )
    expect(() => grad((s: number) => sum(badVjp(s)))(1)).toThrow(
      /the VJP rule of scaledOnes along argument 0 returned a 2×3 matrix, but must return .* a scalar/,
    )
  })
})

describe('unknown containers are refused, registered ones are differentiated', () => {
  class P {
    constructor(readonly v: number) {}
  }

  it('a class instance is refused with its path and type', () => {
    expect(() => grad((p: P) => mul(p.v, p.v))(new P(3))).toThrow(/cannot differentiate a P \(the input itself\)/)
    expect(() => grad((p: { w: [number, P] }) => mul(p.w[0], 2))({ w: [1, new P(3)] })).toThrow(
      /cannot differentiate a P at input\.w\[1\]/,
    )
  })

  it('a Float64Array, a Map and a Date are refused', () => {
    expect(() => grad((x: Float64Array) => x.length * 0)(Float64Array.of(3))).toThrow(/a Float64Array/)
    expect(() => grad((x: { m: Map<string, number> }) => x.m.size * 0)({ m: new Map() })).toThrow(/a Map at input\.m/)
    expect(() => jvp((x: number) => ({ x, when: new Date(0) }))(1, 1)).toThrow(/a Date at output\.when/)
  })

  it('static values (strings, functions, null) pass through unchanged', () => {
    const sigma = (z: number): number => z
    const g = grad((p: { x: number; name: string; f: typeof sigma; none: null }) => mul(p.x, p.x))({
      x: 3,
      name: 'a',
      f: sigma,
      none: null,
    })
    expect(g).toEqual({ x: 6, name: 'a', f: sigma, none: null })
  })

  it('a cycle is refused instead of overflowing the stack', () => {
    const a: { x: number; self?: unknown } = { x: 1 }
    a.self = a
    expect(() => grad((p: typeof a) => p.x)(a)).toThrow(/cycle/)
  })

  it('registerTreeNode makes a class differentiable, keeping its static parts', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: Matrix,
        readonly label: string,
      ) {}
    }
    registerTreeNode(
      Point,
      (p) => [p.x, p.y],
      ([x, y], p) => new Point(x as number, y as Matrix, p.label),
    )
    const g = grad((p: Point) => mul(p.x, sum(p.y)))(new Point(3, Matrix.fromRows([[1, 2]]), 'a'))
    expect(g).toBeInstanceOf(Point)
    expect(g.x).toBe(3)
    expect(Matrix.toRows(g.y)).toEqual([[3, 3]])
    expect(g.label).toBe('a')
  })

  it('a class can implement the treeNode protocol itself', () => {
    class Affine {
      constructor(
        readonly w: Matrix,
        readonly b: number,
      ) {}
      [treeNode](): readonly [ReadonlyArray<unknown>, (c: ReadonlyArray<unknown>) => Affine] {
        return [[this.w, this.b], ([w, b]) => new Affine(w as Matrix, b as number)]
      }
    }
    const g = grad((p: Affine) => add(sum(p.w), mul(p.b, p.b)))(new Affine(Matrix.ones(2, 2), 5))
    expect(g).toBeInstanceOf(Affine)
    expect(Matrix.toRows(g.w)).toEqual([
      [1, 1],
      [1, 1],
    ])
    expect(g.b).toBe(10)
  })
})

describe('errors name the operation the user called', () => {
  it('stacking numbers says so, instead of failing inside an embedding', () => {
    expect(() => stackCols([2 as unknown as Matrix, Matrix.ones(1, 1)])).toThrow(
      /^stackCols: part 0 is a number; stack matrices/,
    )
    expect(() => grad((s: number) => sum(stackCols([s as unknown as Matrix, C])))(1)).toThrow(
      /^stackCols: part 0 is a number/,
    )
  })
})

describe('a scalar function may return a number or a 1×1 matrix', () => {
  const x = Matrix.column([1, 2])
  const w = Matrix.fromRows([[3, 4]])

  it('grad of w ↦ wx (a 1×1 matrix) is xᵀ, and valueAndGrad keeps the 1×1 value', () => {
    const f = (p: Matrix): Matrix => matmul(p, x)
    expect(Matrix.toRows(grad(f)(w))).toEqual([[1, 2]])
    const [value] = valueAndGrad(f)(w)
    expect(Matrix.toRows(value)).toEqual([[11]])
    expect(Matrix.toRows(hessian(f)(w))).toEqual([
      [0, 0],
      [0, 0],
    ])
  })

  it('any other matrix is refused when the function is called, naming its shape', () => {
    expect(() => grad((p: Matrix) => p)(w)).toThrow(
      /must return a scalar \(a number or a 1×1 matrix\), not a 1×2 matrix/,
    )
  })
})

describe('argnums and hasAux', () => {
  const w = Matrix.fromRows([[1, 2]])
  const x = Matrix.column([3, 4])
  const f = (a: Matrix, b: Matrix, s: number): number => mul(s, sum(matmul(a, b)))

  it('argnums picks the arguments to differentiate, one alone or several as a tuple', () => {
    // f = s·(w·x): ∂/∂w = s·xᵀ, ∂/∂x = s·wᵀ, ∂/∂s = w·x = 11
    expect(Matrix.toRows(grad(f, { argnums: 1 })(w, x, 2))).toEqual([[2], [4]])
    const [gw, gs] = grad(f, { argnums: [0, 2] })(w, x, 2)
    expect(Matrix.toRows(gw)).toEqual([[6, 8]])
    expect(gs).toBe(11)
    const [value, [gx]] = valueAndGrad(f, { argnums: [1] })(w, x, 2)
    expect(value).toBe(22)
    expect(Matrix.toRows(gx)).toEqual([[2], [4]])
  })

  it('argnums out of range or named twice is refused before any work', () => {
    expect(() => {
      grad(f, { argnums: 3 })(w, x, 2)
    }).toThrow(/argnums is 3, but the function was called with 3 arguments/)
    expect(() => grad(f, { argnums: [0, 0] })(w, x, 2)).toThrow(/names argument 0 twice/)
    expect(() => grad(f, { argnums: [] })(w, x, 2)).toThrow(/at least one argument/)
  })

  it('hasAux returns the auxiliary output beside the value, the gradient, the pullback or the tangent', () => {
    const g = (s: number): readonly [number, { readonly label: string; readonly twice: number }] => [
      mul(s, s),
      { label: 'square', twice: mul(2, s) },
    ]
    const [gs, aux] = grad(g, { hasAux: true })(3)
    expect(gs).toBe(6)
    expect(aux).toEqual({ label: 'square', twice: 6 })
    const [[v], gv] = valueAndGrad(g, { hasAux: true })(3)
    expect([v, gv]).toEqual([9, 6])
    const [y, pullback, auxV] = vjp(g, { hasAux: true })(3)
    expect([y, pullback(1), auxV.twice]).toEqual([9, 6, 6])
    const [yj, tj, auxJ] = jvp(g, { hasAux: true })(3, 1)
    expect([yj, tj, auxJ.label]).toEqual([9, 6, 'square'])
    expect(() => grad((s: number) => mul(s, s) as unknown as readonly [number, number], { hasAux: true })(3)).toThrow(
      /must return \[value, aux\], a pair/,
    )
  })
})
