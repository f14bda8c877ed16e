import { describe, expect, it } from 'vitest'
import { Matrix, grad, mazurExample, networkCost, quadraticCost, trace, tracedAdjoints, tracedSvg } from 'nabla'

const { network, x, y } = mazurExample
const cost = (ps: ReadonlyArray<Matrix>): number =>
  networkCost(quadraticCost)(
    { layers: network.layers.map((l, i) => ({ ...l, w: ps[2 * i] as Matrix, b: ps[2 * i + 1] as Matrix })) },
    x,
    y,
  )
const params = network.layers.flatMap((l) => [l.w, l.b])

describe('the graph of a traced program', () => {
  const program = trace(cost)(params)
  const adjoints = tracedAdjoints(program, 1)

  it("the adjoints of the inputs are the gradient, bit for bit (Mazur's ∂E/∂w5 = 0.082167041)", () => {
    const g = grad(cost)(params)
    program.inputs.forEach((v, i) => {
      expect(Matrix.toArray(adjoints.get(v.id) as Matrix)).toEqual(Matrix.toArray(g[i] as Matrix))
    })
    expect(Matrix.get(adjoints.get(2) as Matrix, 0, 0).toFixed(9)).toBe('0.082167041')
  })

  it('draws every value with its gradient, names the inputs, and is the same text every time', () => {
    const svg = tracedSvg(program, { adjoints, inputNames: ['w¹', 'b¹', 'w²', 'b²'], title: "Mazur's network" })
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    // E = 0.298371109, the output's value; out_o1 = 0.75136507
    expect(svg).toContain('>0.2984<')
    expect(svg).toContain('>0.7514<')
    expect(svg).toContain('>0.7729<')
    ;['w¹', 'b¹', 'w²', 'b²', 'sigmoid', 'matmul', 'grad'].forEach((s) => {
      expect(svg).toContain(s)
    })
    expect(svg.match(/<rect /g)?.length).toBe(program.inputs.length + program.equations.length)
    expect(tracedSvg(program, { adjoints, inputNames: ['w¹', 'b¹', 'w²', 'b²'], title: "Mazur's network" })).toBe(svg)
  })
})
