import { either as E } from 'fp-ts'
import { describe, expect, it } from 'vitest'
import { Matrix, add, checkFinite, grad, jvp, log, matmul, mul, sqrt, sum, transpose, type NonFinite } from 'nabla'

const left = <R>(r: E.Either<NonFinite, R>): NonFinite => {
  if (E.isRight(r)) throw new Error('expected a Left')
  return r.left
}

describe('checkFinite', () => {
  it('names the first operation of the forward pass that made a non-finite value, where, and from what', () => {
    const found = left(checkFinite((x: Matrix) => sum(log(x)))(Matrix.row([1, 0, 2])))
    expect(found).toMatchObject({ op: 'log', pass: 'forward', value: -Infinity, at: [0, 1], shape: '1×3' })
    expect(found.operands).toEqual([{ shape: '1×3', finite: true }])
    expect(found.message).toMatch(/^log produced −∞ at \(0, 1\) of a 1×3 result in the forward pass, from operands 1×3/)
  })

  it('names the pullback it happened in, for a grad inside, and the caller of the transform', () => {
    // d/dx √x = 1/(2√x) is +∞ at 0: the forward pass is finite, the backward pass is not
    const f = (x: Matrix) => sum(sqrt(x))
    const found = left(checkFinite(grad(f))(Matrix.row([4, 0])))
    expect(found).toMatchObject({ op: 'div', pass: 'the pullback (VJP) of sqrt', value: Infinity, at: [0, 1] })
    expect(found.callSite).toMatch(/checkFinite\.test\.ts:\d+:\d+$/)
  })

  it('names the tangent rule, for a jvp inside', () => {
    const found = left(checkFinite((x: number) => jvp(sqrt)(x, 1)[1])(0))
    expect(found).toMatchObject({ op: 'div', pass: 'the tangent (JVP) of sqrt', value: Infinity, at: 'scalar' })
  })

  it('reports a non-finite argument by its path, before anything runs', () => {
    let calls = 0
    const f = (p: { w: Matrix; b: number }) => {
      calls++
      return add(sum(p.w), p.b)
    }
    const found = left(
      checkFinite(f)({
        w: Matrix.fromRows([
          [1, 2],
          [3, Number.NaN],
        ]),
        b: 0,
      }),
    )
    expect(found).toMatchObject({ op: 'input', path: [0, 'w'], at: [1, 1] })
    expect(Number.isNaN(found.value)).toBe(true)
    expect(found.message).toBe('the argument at [0,"w"] holds NaN at (1, 1) of a 2×2 matrix')
    expect(calls).toBe(0)
  })

  it('stops at the first bad value: nothing after it runs', () => {
    const seen: number[] = []
    const f = (x: number) => {
      const y = log(x) // −∞ at 0
      seen.push(1)
      return mul(y, 2)
    }
    expect(left(checkFinite(f)(0)).op).toBe('log')
    expect(seen).toEqual([])
  })

  it('shows a constant that was already non-finite as a non-finite operand of the first traced operation it meets', () => {
    const c = Matrix.row([Number.POSITIVE_INFINITY, 1])
    const found = left(checkFinite((x: Matrix) => sum(mul(x, c)))(Matrix.row([1, 1])))
    expect(found.op).toBe('mul')
    expect(found.operands).toEqual([
      { shape: '1×2', finite: true },
      { shape: '1×2', finite: false },
    ])
  })

  it('is Right with the very value when everything is finite, and differentiable itself', () => {
    const w = Matrix.fromRows([
      [0.5, -1],
      [2, 0.25],
    ])
    const f = (x: Matrix) => sum(log(add(1, mul(x, x))))
    const checked = checkFinite(grad(f))(w)
    expect(E.isRight(checked) && Matrix.toArray(checked.right)).toEqual(Matrix.toArray(grad(f)(w)))
    // under an outer transform the checked function is an ordinary function of nabla's ops
    const viaCheck = (x: Matrix): number => {
      const r = checkFinite(f)(x)
      if (E.isLeft(r)) throw new Error(r.left.message)
      return r.right
    }
    expect(Matrix.toArray(grad(viaCheck)(w))).toEqual(Matrix.toArray(grad(f)(w)))
  })

  it('reports within one bounded line, and leaves the stack limit as it was', () => {
    const before = Error.stackTraceLimit
    const big = Matrix.fromRows([[1e200, 1e200]])
    const found = left(checkFinite((x: Matrix) => sum(matmul(x, transpose(x))))(big))
    expect(found.op).toBe('matmul')
    expect(found.message).not.toContain('\n')
    expect(found.message.length).toBeLessThan(400)
    expect(Error.stackTraceLimit).toBe(before)
  })
})
