// An op of one's own, through the public entry points only: declared with nabla/extend and
// checked by the same laws as nabla's own primitives; a wrong derivative is caught.
import { describe, expect, it } from 'vitest'
import { Matrix, grad, mul, sum } from 'nabla'
import { bind, elementwise, primitives } from 'nabla/extend'
import { checkLaw, derivativeLaws, primitiveCases } from 'nabla/laws'

// y = x³, entrywise: y′ = 3x²
const cubePrim = elementwise({ name: 'cube', f: (x) => x * x * x, derivative: (x) => mul(3, mul(x, x)) })
// the same op with the derivative of x² instead: what a slip in a rule looks like
const wrongPrim = elementwise({ name: 'wrong cube', f: (x) => x * x * x, derivative: (x) => mul(2, x) })

describe('a primitive declared with nabla/extend', () => {
  it('is differentiable like nabla’s own: d/dx Σ x³ = 3x²', () => {
    const cube = (x: Matrix) => bind(cubePrim, [x], undefined)
    expect(Matrix.toArray(grad((x: Matrix) => sum(cube(x)))(Matrix.row([1, -2, 0.5])))).toEqual([3, 12, 0.75])
  })

  it.each(derivativeLaws(primitiveCases(cubePrim), 'cube').map((law) => [law.name, law] as const))(
    'passes %s',
    (_, law) => {
      expect(checkLaw(law, { numRuns: 25 }).failed).toBe(false)
    },
  )

  it('a wrong derivative fails the JVP law, shrunk to a single entry', () => {
    const [jvpLaw] = derivativeLaws(primitiveCases(wrongPrim), 'wrong cube')
    const report = checkLaw(jvpLaw!, { numRuns: 100 })
    expect(report.failed).toBe(true)
    expect(JSON.stringify(report.counterexample)).toContain('wrong cube(')
  })

  it('is not in the list of nabla’s own primitives', () => {
    expect(primitives.map((p) => p.name)).not.toContain('cube')
    expect(primitives.length).toBeGreaterThan(20)
  })
})
