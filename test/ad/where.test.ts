import { describe, expect, it } from 'vitest'
import { Matrix, ShapeError, grad, hessian, jvp, log, mul, sqrt, step, sub, sum, where } from 'nabla'

const row = (xs: ReadonlyArray<number>): Matrix => Matrix.row(xs)
const bits = (m: Matrix): ReadonlyArray<string> => Matrix.toArray(m).map((v) => (Object.is(v, -0) ? '-0' : String(v)))

describe('where(cond, a, b)', () => {
  it('chooses a where cond > 0, b where cond ≤ 0, NaN where cond is NaN, with broadcasting', () => {
    const c = row([2, 0, -1, Number.NaN])
    expect(bits(where(c, row([-0, 1, 2, 3]), 9))).toEqual(['-0', '9', '9', 'NaN'])
    expect(where(1, 2, 3)).toBe(2)
    expect(where(-0, 2, 3)).toBe(3)
    const column = Matrix.column([1, -1])
    expect(Matrix.toRows(where(column, row([1, 2]), row([5, 6])))).toEqual([
      [1, 2],
      [5, 6],
    ])
  })

  it('keeps a NaN of the branch not chosen out of the value', () => {
    expect(bits(where(row([1, -1]), row([1, Number.NaN]), row([Number.NaN, 2])))).toEqual(['1', '2'])
  })

  it('passes derivatives only to the entries chosen, in both modes, and not to the condition', () => {
    const c = row([1, -1, 1])
    const f = (a: Matrix) => sum(where(c, mul(a, a), a))
    const a = row([3, 4, 5])
    expect(Matrix.toArray(grad(f)(a))).toEqual([6, 1, 10])
    expect(jvp(f)(a, row([1, 1, 1]))[1]).toBe(17)
    expect(Matrix.toArray(grad((k: Matrix) => sum(where(k, a, 0)))(c))).toEqual([0, 0, 0])
  })

  it('refuses shapes that do not broadcast, naming all three', () => {
    expect(() => where(row([1, 1]), row([1, 2, 3]), 0)).toThrow(ShapeError)
    expect(() => where(row([1, 1]), row([1, 2, 3]), 0)).toThrow(/where: .*1×2.*1×3.*scalar/)
  })

  it('with values, a branch whose derivative is NaN where not chosen still leaks into the gradient', () => {
    // the classic trap, and why the two-function form exists: 0 · (1/(2√x)) at x < 0 is NaN
    const x = row([4, -1])
    expect(Matrix.toArray(grad((v: Matrix) => sum(where(v, sqrt(v), 0)))(x))).toEqual([0.25, Number.NaN])
  })
})

describe('where(cond, x, onTrue, onFalse): the double where', () => {
  it('evaluates each branch only in its own domain: no NaN in the value or in any derivative', () => {
    const safeSqrt = (v: Matrix) => sum(where(v, v, sqrt, () => 0))
    const x = row([4, -1, 0, 9])
    expect(safeSqrt(x)).toBe(5)
    expect(Matrix.toArray(grad(safeSqrt)(x))).toEqual([0.25, 0, 0, 1 / 6])
    expect(jvp(safeSqrt)(x, row([1, 1, 1, 1]))[1]).toBe(0.25 + 1 / 6)
    // second order too: d²/dx² √x = −1/(4 x^{3/2})
    const h = Matrix.toRows(hessian(safeSqrt)(x))
    expect(h[0]?.[0]).toBe(-1 / 32)
    expect(h[1]?.[1]).toBe(0)
  })

  it('gives, where each branch is taken, bit for bit what the branch gives', () => {
    const x = row([0.5, -2, 3, -0.25])
    const c = step(x)
    const y = where(c, x, log, (v) => sub(0, mul(v, v)))
    expect(bits(y)).toEqual(bits(row([Math.log(0.5), -4, Math.log(3), -0.0625])))
  })

  it('does not call a branch taken nowhere, and calls each branch at most once', () => {
    const calls: string[] = []
    const onTrue = (v: Matrix) => {
      calls.push('true')
      return v
    }
    const onFalse = (v: Matrix) => {
      calls.push('false')
      return mul(v, 2)
    }
    expect(Matrix.toArray(where(row([-1, -2]), row([1, 2]), onTrue, onFalse))).toEqual([2, 4])
    expect(calls).toEqual(['false'])
    where(row([1, -1]), row([1, 2]), onTrue, onFalse)
    expect(calls).toEqual(['false', 'true', 'false'])
  })

  it('with a number, is the branch of its sign', () => {
    expect(
      grad((s: number) =>
        where(
          s,
          s,
          (t) => mul(t, t),
          (t) => mul(3, t),
        ),
      )(-2),
    ).toBe(3)
    expect(
      grad((s: number) =>
        where(
          s,
          s,
          (t) => mul(t, t),
          (t) => mul(3, t),
        ),
      )(2),
    ).toBe(4)
  })

  it('needs x of the shape of the condition', () => {
    expect(() => where(row([1, -1]), Matrix.column([1, 2]), sqrt, sqrt)).toThrow(/where: .*x must have the shape/)
  })
})
