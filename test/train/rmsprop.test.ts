// rmsprop: Optax's RMSProp against its formula by hand, centered and with momentum, matrices bit for bit as numbers.
import { describe, expect, it } from 'vitest'
import { Matrix, ShapeError } from 'nabla'
import { applyUpdates, chain, rmsprop, weightDecay, type RmspropOptions } from '../../src/train/namespaces/Optim.js'
import { bits } from './fixtures.js'

/** Two updates from p = 0 with gradients 2 then −1, η = 0.1: the updates and the last state. */
const twoSteps = (options: RmspropOptions) => {
  const opt = rmsprop(0.1, options)
  const [u1, s1] = opt.update(2, opt.init(0), 0)
  const [u2, s2] = opt.update(-1, s1, applyUpdates(0, u1))
  return { u1, u2, s1, s2 }
}

describe('rmsprop', () => {
  it('ν ← ρν + (1 − ρ)g², u = −η·g/√(ν + ε): two steps by hand (ρ = 0.9, ε = 1e-8, η = 0.1, g = 2, −1)', () => {
    // step 1: ν = 0.1·4 = 0.4,              u = −0.1·2/√0.40000001 ≈ −0.316227762
    // step 2: ν = 0.9·0.4 + 0.1·1 = 0.46,   u = 0.1/√0.46000001 ≈ 0.147441955
    const { u1, u2, s1, s2 } = twoSteps({})
    expect(u1).toBeCloseTo(-0.316227762064, 11)
    expect(s1.nu[0]).toBeCloseTo(0.4, 15)
    expect(u2).toBeCloseTo(0.147441954552, 11)
    expect(s2).toMatchObject({ count: 2, mu: [], trace: [] })
    expect(s2.nu[0]).toBeCloseTo(0.46, 15)
  })

  it('centered: m ← ρm + (1 − ρ)g, u = −η·g/√(ν − m² + ε), by hand', () => {
    // step 1: m = 0.2, ν − m² = 0.36,                     u = −0.2/√0.36000001 ≈ −0.333333329
    // step 2: m = 0.18 − 0.1 = 0.08, ν − m² = 0.4536,     u = 0.1/√0.45360001 ≈ 0.148478466
    const { u1, u2, s2 } = twoSteps({ centered: true })
    expect(u1).toBeCloseTo(-0.333333328704, 11)
    expect(u2).toBeCloseTo(0.148478466092, 11)
    expect(s2.mu[0]).toBeCloseTo(0.08, 15)
  })

  it('momentum μ: v ← u + μv on the scaled step, and the update is v (μ = 0.5, by hand)', () => {
    // v₁ = u₁ ≈ −0.316227762,  v₂ = u₂ + 0.5·v₁ ≈ 0.147441955 − 0.158113881 = −0.010671926
    const { u1, u2, s2 } = twoSteps({ momentum: 0.5 })
    expect(u1).toBeCloseTo(-0.316227762064, 11)
    expect(u2).toBeCloseTo(-0.010671926479, 11)
    expect(s2.trace).toEqual([u2])
  })

  it('ρ and ε by their Optax names: ρ = 0.5, ε = 0.5, g = 1 gives ν = 0.5 and u = −1/√(0.5 + 0.5) = −1, exactly', () => {
    const opt = rmsprop(1, { decay: 0.5, eps: 0.5 })
    const [u, s] = opt.update(1, opt.init(0), 0)
    expect(s.nu).toEqual([0.5])
    expect(u).toBe(-1)
  })

  it('a matrix gives, entry by entry, the numbers a scalar parameter gets, bit for bit', () => {
    ;[{}, { centered: true }, { momentum: 0.9 }, { centered: true, momentum: 0.3 }].forEach((options) => {
      const opt = rmsprop(0.05, options)
      const g1 = Matrix.row([2, -0.5, 0, 1e-3])
      const g2 = Matrix.row([-1, 3, 0, 7])
      const p = Matrix.zeros(1, 4)
      const [, s1] = opt.update(g1, opt.init(p), p)
      const [u2] = opt.update(g2, s1, p)
      const scalar = (a: number, b: number): number => {
        const [, t1] = opt.update(a, opt.init(0), 0)
        return opt.update(b, t1, 0)[0]
      }
      const g1s = Matrix.toArray(g1)
      const expected = Matrix.toArray(g2).map((b, i) => scalar(g1s[i]!, b))
      expect(bits(Matrix.toArray(u2))).toBe(bits(expected))
    })
  })

  it('a zero gradient makes a zero update (ε under the root keeps 0/0 away)', () => {
    const opt = rmsprop(0.1)
    const [u] = opt.update(Matrix.zeros(2, 2), opt.init(Matrix.zeros(2, 2)), Matrix.zeros(2, 2))
    expect(Matrix.toArray(u).every((x) => x === 0)).toBe(true)
  })

  it('the state has ν always, m only when centered, the trace only with momentum', () => {
    const p = { w: Matrix.zeros(2, 3), b: 0 }
    expect(rmsprop(0.1).init(p)).toEqual({ count: 0, nu: [Matrix.zeros(2, 3), 0], mu: [], trace: [] })
    const both = rmsprop(0.1, { centered: true, momentum: 0.9 }).init(p)
    expect(both.mu).toHaveLength(2)
    expect(both.trace).toHaveLength(2)
  })

  it('bad hyper-parameters are a RangeError naming the one, when the optimizer is made', () => {
    expect(() => rmsprop(0.1, { decay: 1 })).toThrow(/rmsprop: decay ρ must be in \[0, 1\) \(got 1\)/)
    expect(() => rmsprop(0.1, { decay: Number.NaN })).toThrow(/decay ρ/)
    expect(() => rmsprop(0.1, { eps: -1e-8 })).toThrow(/rmsprop: eps ε must be finite and ≥ 0/)
    expect(() => rmsprop(0.1, { momentum: 1 })).toThrow(/rmsprop: momentum μ must be in \[0, 1\)/)
  })

  it('a state made for other parameters is a ShapeError naming rmsprop', () => {
    const opt = rmsprop(0.1, { centered: true })
    expect(() => opt.update([1, 2], opt.init([1]), [1, 2])).toThrow(ShapeError)
    expect(() => opt.update([1, 2], opt.init([1]), [1, 2])).toThrow(/rmsprop.*the trees have 2 and 1 leaves/)
  })

  it('is a step −η·(…): chain refuses weightDecay after it', () => {
    expect(() => chain(rmsprop(0.1), weightDecay(0.1))).toThrow(/weightDecay after rmsprop/)
  })
})
