import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { Matrix } from '../../src/index.js'
import { measureCostArgument } from '../../src/cli/gradcheck/costArgument.js'
import { numericGradient } from '../../src/numeric/finiteDifference.js'
import { run } from './harness.js'

// `nabla gradcheck` prints Nielsen's cost argument for the network it checks: the forward passes the
// whole gradient by central differences took, and the times of it and of backprop. The counts are
// checked against the layer sizes; the times only for their form, never their value.

/** The parameters of a network of these sizes: Σₗ nₗ·(nₗ₋₁ + 1), each neuron's weights and bias. */
const parameters = (sizes: ReadonlyArray<number>): number =>
  sizes.slice(1).reduce((n, size, i) => n + size * ((sizes[i] ?? 0) + 1), 0)

const measured =
  /^measured: central differences \d+(\.\d+)?(e[+-]\d+)? ms, backprop \d+(\.\d+)?(e[+-]\d+)? ms \(mean of [1-9]\d* runs\): \d+(\.\d+)?(e[+-]\d+)?× backprop's time$/m

/** The lines of the cost argument, and where they stand among the others. */
const costLines = (out: string): { readonly at: number; readonly lines: ReadonlyArray<string> } => {
  const all = out.split('\n')
  const at = all.findIndex((l) => l.startsWith('cost argument:'))
  return { at, lines: all.slice(at, at + 3) }
}

describe('nabla gradcheck: the cost argument', () => {
  test.prop(
    [fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 4 }), fc.integer({ min: 1, max: 4 })],
    {
      numRuns: 8,
    },
  )(
    'counts two forward passes per parameter for the whole gradient, and times it against backprop',
    async (sizes, m) => {
      const r = await run(['gradcheck', '--layers', sizes.join(','), '--examples', String(m)])
      const p = parameters(sizes)
      const { lines } = costLines(r.out)
      expect(lines[0]).toBe(
        `cost argument: the whole gradient by central differences took ${String(2 * p)} forward passes ` +
          `for ${String(p)} parameters (two per parameter);`,
      )
      expect(lines[1]).toBe('  backprop takes one forward and one backward pass for all of them')
      expect(lines[2]).toMatch(measured)
    },
  )

  it('stands after the table of checks and before the verdict, also when a check fails', async () => {
    const r = await run(['gradcheck', '--tolerance', '1e-30'])
    expect(r.code).toBe(1)
    const all = r.out.split('\n')
    const { at, lines } = costLines(r.out)
    expect(at).toBeGreaterThan(all.findIndex((l) => l.includes('reverse-mode grad of the cost')))
    expect(at).toBeLessThan(all.findIndex((l) => l.startsWith('verdict: FAILED')))
    expect(lines[0]).toContain(`took ${String(2 * parameters([4, 5, 3]))} forward passes`)
    expect(lines[2]).toMatch(measured)
  })

  it('measureCostArgument counts every evaluation of the cost and every timed backprop', () => {
    const x = Matrix.fromRows([
      [0.5, -1, 2],
      [3, 0.25, -0.75],
    ])
    let costCalls = 0
    let backpropCalls = 0
    const cost = (m: Matrix): number => {
      costCalls += 1
      return Matrix.sum(Matrix.map(m, (v) => Math.sin(v) * v))
    }
    const argument = measureCostArgument(cost, x, () => {
      backpropCalls += 1
    })
    expect(argument.passes).toBe(12)
    expect(costCalls).toBe(12)
    expect(argument.backpropRuns).toBe(backpropCalls)
    expect(argument.backpropRuns).toBeGreaterThan(0)
    expect(Matrix.toArray(argument.gradient)).toEqual(Matrix.toArray(numericGradient(cost, x)))
  })
})
