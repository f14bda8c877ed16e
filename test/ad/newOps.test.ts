import { describe, expect, it } from 'vitest'
import {
  Matrix,
  clip,
  cos,
  derivative,
  expm1,
  grad,
  hessian,
  jvp,
  log1p,
  maximum,
  minimum,
  norm,
  sin,
  sum,
} from 'nabla'

describe('maximum, minimum and clip', () => {
  it('the derivative goes to the larger operand, and is shared at a tie', () => {
    expect(grad((a: number) => maximum(a, 1))(2)).toBe(1)
    expect(grad((a: number) => maximum(a, 1))(0)).toBe(0)
    expect(grad((a: number) => maximum(a, 1))(1)).toBe(0.5)
    expect(grad((b: number) => minimum(3, b))(1)).toBe(1)
    expect(grad((b: number) => minimum(3, b))(3)).toBe(0.5)
  })

  it('broadcast, and propagate NaN', () => {
    const m = Matrix.fromRows([[1, -2, 3]])
    expect(Matrix.toArray(maximum(m, 0))).toEqual([1, 0, 3])
    expect(Number.isNaN(maximum(Number.NaN, 1))).toBe(true)
  })

  it('clip has derivative 1 inside its interval and 0 outside', () => {
    const x = Matrix.fromRows([[-2, 0.25, 3]])
    expect(Matrix.toArray(grad((v: Matrix) => sum(clip(v, -1, 1)))(x))).toEqual([0, 1, 0])
    expect(() => clip(x, 1, -1)).toThrow(/the interval \[1, -1\] is empty/)
  })
})

describe('norm', () => {
  it('is x/‖x‖ as a gradient, and 0 — not NaN — at x = 0', () => {
    expect(Matrix.toArray(grad((x: Matrix) => norm(x))(Matrix.fromRows([[3, 4]])))).toEqual([0.6, 0.8])
    expect(Matrix.toArray(grad((x: Matrix) => norm(x))(Matrix.zeros(1, 2)))).toEqual([0, 0])
  })

  it('has second derivatives at 0 that are 0 in both modes, not NaN in one of them', () => {
    const z = Matrix.zeros(2, 1)
    const h = hessian((x: Matrix) => norm(x), { flat: true })(z) as Matrix
    expect(Matrix.toArray(h)).toEqual([0, 0, 0, 0])
    // the random program that found it: d/dx of the tangent of norm at x along x, at 0
    const tangentAlongItself = (x: number): number => jvp((y: number) => norm(y))(x, x)[1]
    expect(grad(tangentAlongItself)(0)).toBe(0)
    expect(derivative(tangentAlongItself)(0)).toBe(0)
    // away from 0 the derivative is unchanged: the tangent along x is ‖x‖, whose derivative is the sign
    expect(grad(tangentAlongItself)(-2)).toBe(-1)
  })

  it('does not overflow: ‖[1e200, 1e200]‖ = √2·1e200', () => {
    expect(norm(Matrix.fromRows([[1e200, 1e200]]))).toBeCloseTo(Math.SQRT2 * 1e200, -186)
  })
})

describe('sin, cos, log1p and expm1', () => {
  it('have the textbook derivatives', () => {
    expect(derivative(sin)(0.3)).toBe(Math.cos(0.3))
    expect(derivative(cos)(0.3)).toBe(-Math.sin(0.3))
    expect(derivative(log1p)(1)).toBe(0.5)
    expect(derivative(expm1)(0)).toBe(1)
  })

  it('log1p and expm1 are accurate where 1 + x rounds', () => {
    expect(log1p(1e-17)).toBe(1e-17)
    expect(expm1(1e-17)).toBe(1e-17)
  })
})
