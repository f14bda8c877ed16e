import { describe, expect, it } from 'vitest'
import { Matrix, add, evalTraced, grad, matmul, mul, showTraced, sum, tanh, trace } from 'nabla'

const x = Matrix.column([1, 2, 3])
const f = (w: Matrix): number => sum(tanh(add(matmul(w, x), 0.5)))
const w = Matrix.fromRows([
  [1, 0, -1],
  [0.5, 0.5, 0.5],
])

describe('trace', () => {
  it('prints the program as a jaxpr does: inputs, equations with shapes and parameters, outputs', () => {
    expect(showTraced(trace(f)(w))).toBe(
      [
        '{ lambda a:2×3 .',
        '  let b:2×1 = matmul[ta=false tb=false] a [[1], [2], [3]]',
        '      c:2×1 = add b 0.5',
        '      d:2×1 = tanh c',
        '      e:scalar = sum d',
        '  in e }',
      ].join('\n'),
    )
  })

  it('records the backward pass of a transform inside the function as equations', () => {
    const p = trace(grad(f))(w)
    expect(p.equations.map((e) => e.primitive.name)).toEqual([
      'matmul',
      'add',
      'tanh',
      'sum',
      'mul',
      'sub',
      'mul',
      'matmul',
    ])
    expect(p.outputs[0]?.shape).toEqual([2, 3])
  })

  it('is an immutable value, and evaluates to the function anywhere it has no value-dependent step', () => {
    const p = trace(f)(w)
    expect(Object.isFrozen(p) && Object.isFrozen(p.equations)).toBe(true)
    const w2 = Matrix.fromRows([
      [0, 1, 2],
      [3, 4, 5],
    ])
    expect(evalTraced(p)(w2)).toBe(f(w2))
    expect(evalTraced(trace((s: number) => mul(s, s))(3))(4)).toBe(16)
  })

  it('refuses an input of another structure', () => {
    expect(() => evalTraced(trace(f)(w))([w, w])).toThrow(/the program has 1 inputs, the argument 2 leaves/)
  })
})
