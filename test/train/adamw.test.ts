import { describe, expect, it } from 'vitest'
import { Matrix } from 'nabla'
import { checkLaw, decayShrinksWeights, lawReport, type Stepper } from 'nabla/laws'
import { adam, adamw, applyUpdates, networkWeights, type AdamState } from '../../src/train/namespaces/Optim.js'
import { axpbyLeaf } from '../../src/train/leaf.js'

describe('adamw', () => {
  it('decayShrinksWeights: under a zero gradient every step shrinks each weight, keeping its sign', () => {
    const law = decayShrinksWeights()
    const report = checkLaw(law, { numRuns: 300 })
    expect(report.failed, lawReport(law, report)).toBe(false)
  })

  it('the law catches decay added after Adam’s step (what chain(adam, weightDecay) did), on a 1×1 matrix', () => {
    // u = −η·m̂/(√v̂ + ε) + λw: with g = 0 each step multiplies w by 1 + λ
    const afterTheStep = (eta: number, lambda: number): Stepper => {
      const a = adam(eta)
      return {
        init: a.init,
        update: (g, s, p) => {
          const [u, next] = a.update(g, s, p)
          return [axpbyLeaf(1, u as Matrix, lambda, p as Matrix) as typeof g, next]
        },
      }
    }
    // the seed is fixed so the size asserted is reproducible: over seeds 1–20 it shrank to one step
    // every time, on a 1×1 matrix 16 times and on two entries 4 times
    const report = checkLaw(decayShrinksWeights(afterTheStep), { numRuns: 100, seed: 1 })
    expect(report.failed).toBe(true)
    const c = report.counterexample![0]
    expect(Matrix.size(c.w)).toBe(1)
    expect(c.steps).toBe(1)
  })

  it('is −η(m̂/(√v̂+ε) + λw): with a zero gradient, (1 − ηλ)w per step, and the published |w| 1 → 1.331 does not happen', () => {
    const w = Matrix.scalar(1)
    const opt = adamw(0.1, { weightDecay: 1 })
    const zero = Matrix.zeros(1, 1)
    type Run = readonly [Matrix, AdamState]
    const [after] = [1, 2, 3].reduce<Run>(
      ([p, s]) => {
        const [u, next] = opt.update(zero, s, p)
        return [applyUpdates(p, u), next]
      },
      [w, opt.init(w)],
    )
    // 0.9³ = 0.729, up to the rounding of three multiply-adds
    expect(Math.abs(Matrix.get(after, 0, 0) - 0.729)).toBeLessThan(1e-15)
  })

  it('decays only the leaves its mask picks: networkWeights leaves the biases alone', () => {
    const params = { layers: [{ w: Matrix.scalar(2), b: Matrix.scalar(2) }] }
    const opt = adamw(0.1, { weightDecay: 0.5, mask: networkWeights })
    const zero = { layers: [{ w: Matrix.zeros(1, 1), b: Matrix.zeros(1, 1) }] }
    const [u] = opt.update(zero, opt.init(params), params)
    const next = applyUpdates(params, u)
    expect(Matrix.get(next.layers[0]!.w, 0, 0)).toBeCloseTo(2 * (1 - 0.05), 15)
    expect(Matrix.get(next.layers[0]!.b, 0, 0)).toBe(2)
  })
})
