// The optimizers of optimizers.ts: each against its formula, by hand and bit for bit, with its typed state.
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { Matrix, Random, ShapeError, addWeightDecay, initNetwork, sigmoidActivation } from 'nabla'
import {
  adam,
  adamw,
  applyUpdates,
  chain,
  clipByGlobalNorm,
  momentum,
  networkWeights,
  rmsprop,
  sgd,
  weightDecay,
  type Optimizer,
} from '../../src/train/namespaces/Optim.js'
import { anyShapeMatrix } from 'nabla/laws'
import { bits } from './fixtures.js'

const m = (rows: ReadonlyArray<ReadonlyArray<number>>): Matrix => Matrix.fromRows(rows)

describe('sgd', () => {
  it('w ← w − η∇C: the update is −η·g on every leaf, numbers and matrices alike', () => {
    const params = { w: m([[1, 2]]), b: 3 }
    const grads = { w: m([[0.5, -1]]), b: 2 }
    const opt = sgd(0.1)
    const [updates, state] = opt.update(grads, opt.init(params), params)
    expect(Matrix.toArray(updates.w)).toEqual([-0.1 * 0.5, -0.1 * -1])
    expect(updates.b).toBe(-0.1 * 2)
    expect(state).toEqual({ count: 1 })
    const next = applyUpdates(params, updates)
    // bit for bit Nielsen's w − η∇C: adding −(ηg) is subtracting ηg
    expect(Matrix.toArray(next.w)).toEqual([1 - 0.1 * 0.5, 2 - 0.1 * -1])
    expect(next.b).toBe(3 - 0.1 * 2)
  })

  it('reads the learning rate of step t from a schedule, t counted by its state', () => {
    const opt = sgd((t) => 1 / (t + 1))
    const p = 0
    const [u0, s0] = opt.update(1, opt.init(p), p)
    const [u1, s1] = opt.update(1, s0, p)
    const [u2] = opt.update(1, s1, p)
    expect([u0, u1, u2]).toEqual([-1, -1 / 2, -1 / 3])
  })
})

describe('momentum (v ← μv − η∇C, w ← w + v)', () => {
  it('two steps by hand: μ = 0.9, η = 0.1, w₀ = 1, g₁ = 1, g₂ = 2', () => {
    // v₁ = 0.9·0 − 0.1·1 = −0.1,            w₁ = 1 + v₁ = 0.9
    // v₂ = 0.9·(−0.1) − 0.1·2 = −0.29,      w₂ = 0.9 + v₂ = 0.61
    const opt = momentum(0.1, 0.9)
    const s0 = opt.init(1)
    const [v1, s1] = opt.update(1, s0, 1)
    const w1 = applyUpdates(1, v1)
    const [v2, s2] = opt.update(2, s1, w1)
    const w2 = applyUpdates(w1, v2)
    expect(v1).toBeCloseTo(-0.1, 15)
    expect(w1).toBeCloseTo(0.9, 15)
    expect(v2).toBeCloseTo(-0.29, 15)
    expect(w2).toBeCloseTo(0.61, 15)
    expect(s2).toEqual({ count: 2, velocity: [v2] })
  })

  it('the matrix kernel computes the same numbers as the scalar formula', () => {
    const opt = momentum(0.1, 0.9)
    const p = m([[1, -3]])
    const [u1, s1] = opt.update(m([[1, 0.25]]), opt.init(p), p)
    const [u2] = opt.update(m([[2, -4]]), s1, applyUpdates(p, u1))
    const scalar = (g1: number, g2: number): number => 0.9 * (0.9 * 0 + -0.1 * g1) + -0.1 * g2
    expect(Matrix.toArray(u2)).toEqual([scalar(1, 2), scalar(0.25, -4)])
  })

  it('μ = 0 is plain SGD', () => {
    const g = m([[0.3, -0.7]])
    const [a] = momentum(0.5, 0).update(g, momentum(0.5, 0).init(g), g)
    const [b] = sgd(0.5).update(g, sgd(0.5).init(g), g)
    expect(bits(a)).toBe(bits(b))
  })
})

describe('adam', () => {
  it('the first two steps by hand: η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, g₁ = 2, g₂ = −1', () => {
    // step 1: m = 0.1·2 = 0.2, v = 0.001·4 = 0.004
    //         m̂ = 0.2/(1 − 0.9) = 2, v̂ = 0.004/(1 − 0.999) = 4
    //         u₁ = −0.1 · 2 / (√4 + 1e-8) = −0.2/2.00000001 ≈ −0.0999999995
    // step 2: m = 0.9·0.2 + 0.1·(−1) = 0.08, v = 0.999·0.004 + 0.001·1 = 0.004996
    //         m̂ = 0.08/(1 − 0.81) = 0.42105263…, v̂ = 0.004996/(1 − 0.998001) = 2.49924962…
    //         u₂ = −0.1 · 0.42105263… / (1.58090152… + 1e-8) ≈ −0.0266337038
    const opt = adam(0.1)
    const [u1, s1] = opt.update(2, opt.init(0), 0)
    expect(u1).toBeCloseTo(-0.0999999995, 12)
    expect(s1).toMatchObject({ count: 1 })
    expect(s1.mu[0]).toBeCloseTo(0.2, 15)
    expect(s1.nu[0]).toBeCloseTo(0.004, 15)
    const [u2, s2] = opt.update(-1, s1, applyUpdates(0, u1))
    expect(u2).toBeCloseTo(-0.0266337038, 10)
    expect(s2.mu[0]).toBeCloseTo(0.08, 15)
    expect(s2.nu[0]).toBeCloseTo(0.004996, 15)
    expect(s2).toMatchObject({ count: 2 })
  })

  it('the fused matrix kernel gives the scalar formula, bit for bit', () => {
    const opt = adam(0.1)
    const g1 = m([[2, -0.5, 0]])
    const g2 = m([[-1, 3, 0]])
    const p = Matrix.zeros(1, 3)
    const [, s1] = opt.update(g1, opt.init(p), p)
    const [u2] = opt.update(g2, s1, p)
    const scalar = (a: number, b: number): number => {
      const [, t1] = opt.update(a, opt.init(0), 0)
      return opt.update(b, t1, 0)[0]
    }
    expect(bits(Matrix.toArray(u2))).toBe(bits([scalar(2, -1), scalar(-0.5, 3), scalar(0, 0)]))
  })

  it('ε keeps a zero gradient finite: the update is 0', () => {
    const opt = adam(0.1)
    const [u] = opt.update(0, opt.init(0), 0)
    expect(u === 0).toBe(true)
  })
})

describe("Optax's names b1, b2, eps, and the older beta1, beta2, epsilon as aliases", () => {
  const g = m([[2, -0.5]])
  const first = <S>(opt: Optimizer<S>): string => bits(opt.update(g, opt.init(g), g))

  it('either name gives the same optimizer, bit for bit, for adam and adamw', () => {
    const optax = { b1: 0.8, b2: 0.99, eps: 1e-3 }
    const older = { beta1: 0.8, beta2: 0.99, epsilon: 1e-3 }
    const defaults = first(adam(0.1))
    expect(first(adam(0.1, optax))).toBe(first(adam(0.1, older)))
    expect(first(adam(0.1, optax))).not.toBe(defaults)
    expect(first(adam(0.1, { ...optax, ...older }))).toBe(first(adam(0.1, optax)))
    expect(first(adamw(0.1, { ...optax, weightDecay: 0.1 }))).toBe(first(adamw(0.1, { ...older, weightDecay: 0.1 })))
    // one of each spelling mixes too
    expect(first(adam(0.1, { b1: 0.8, beta2: 0.99, eps: 1e-3 }))).toBe(first(adam(0.1, optax)))
  })

  it('a name and its alias with different values are a TypeError naming both', () => {
    expect(() => adam(0.1, { b1: 0.8, beta1: 0.9 })).toThrow(
      /adam: b1 = 0.8 and its alias beta1 = 0.9 disagree; give only b1/,
    )
    expect(() => adam(0.1, { b2: 0.9, beta2: 0.999 })).toThrow(/b2 = 0.9 and its alias beta2 = 0.999/)
    expect(() => adamw(0.1, { eps: 1e-8, epsilon: 1e-7 })).toThrow(/adamw: eps = 1e-8 and its alias epsilon = 1e-7/)
  })
})

describe('weight decay', () => {
  const [network] = initNetwork([3, 4, 2], sigmoidActivation, Random.seed(5))
  const [grads] = initNetwork([3, 4, 2], sigmoidActivation, Random.seed(6))

  it("is backprop's addWeightDecay (∂C/∂w + (λ/n)w), bit for bit", () => {
    const lambda = 5
    const n = 1000
    const [decayed] = weightDecay(lambda / n, networkWeights).update(grads, {}, network)
    expect(bits(decayed)).toBe(bits(addWeightDecay(grads, network, lambda, n)))
  })

  it('decays every leaf by default, numbers included', () => {
    const [u] = weightDecay(0.5).update({ w: m([[1, 2]]), b: 3 }, {}, { w: m([[4, -2]]), b: 8 })
    expect(Matrix.toArray(u.w)).toEqual([1 + 0.5 * 4, 2 + 0.5 * -2])
    expect(u.b).toBe(3 + 0.5 * 8)
  })
})

describe('states', () => {
  it('a state made for other parameters is a ShapeError naming the optimizer, before any work', () => {
    const small: { w: Matrix } = { w: Matrix.zeros(2, 2) }
    const big: { w: Matrix } = { w: Matrix.zeros(3, 2) }
    expect(() => adam(0.1).update(big, adam(0.1).init(small), big)).toThrow(ShapeError)
    expect(() => adam(0.1).update(big, adam(0.1).init(small), big)).toThrow(
      /adam.*leaf 0 is a 3×2 matrix in one tree and a 2×2 matrix in the other/,
    )
    expect(() => momentum(0.1).update([1, 2], momentum(0.1).init([1]), [1, 2])).toThrow(
      /momentum.*the trees have 2 and 1 leaves/,
    )
    expect(() => weightDecay(0.1).update([1, 2], {}, [1])).toThrow(/weightDecay/)
    expect(() => sgd(0.1).step!(big, { count: 0 }, small)).toThrow(/sgd/)
  })
})

/** The claim of purity for one optimizer, whatever its state type. */
const isPure =
  <S>(opt: Optimizer<S>) =>
  ([p, g]: readonly [Matrix, Matrix], s: number): void => {
    const params = { p, s }
    const grads = { p: g, s: -s }
    const state = opt.update(grads, opt.init(params), params)[1]
    const before = bits([params, grads, state])
    const first = opt.update(grads, state, params)
    const second = opt.update(grads, state, params)
    expect(bits([params, grads, state])).toBe(before)
    expect(bits(first)).toBe(bits(second))
  }

const optimizers: ReadonlyArray<readonly [string, ReturnType<typeof isPure>]> = [
  ['sgd', isPure(sgd(0.1))],
  ['momentum', isPure(momentum(0.1, 0.9))],
  ['adam', isPure(adam(0.01))],
  ['weightDecay', isPure(weightDecay(0.01))],
  ['chain', isPure(chain(weightDecay(0.01), adam(0.01)))],
  ['adamw', isPure(adamw(0.01, { weightDecay: 0.1 }))],
  ['rmsprop', isPure(rmsprop(0.01, { centered: true, momentum: 0.9 }))],
  ['clipByGlobalNorm', isPure(chain(clipByGlobalNorm(0.5), sgd(0.1)))],
]

describe.each(optimizers)('%s is pure', (_, claim) => {
  const pair = anyShapeMatrix({ maxRows: 4, maxCols: 4 }).chain((a) =>
    fc.tuple(fc.constant(a), anyShapeMatrix({ minRows: a.rows, maxRows: a.rows, minCols: a.cols, maxCols: a.cols })),
  )

  test.prop([pair, fc.double({ min: -5, max: 5, noNaN: true })], { numRuns: 50 })(
    'update leaves its gradients, state and parameters bit-identical, and is deterministic',
    claim,
  )
})

describe('the fused step of sgd', () => {
  // the hot loop uses step() instead of update() then applyUpdates(): it must not change a single bit
  it.each([0.5, 3, 1e-3])('equals applyUpdates(update) bit for bit (η = %s)', (eta) => {
    const params = {
      w: Matrix.fromRows([
        [0.1, -0.2, 3e-17],
        [-0, 5, 1e10],
      ]),
      b: 0.25,
      name: 'static',
    }
    const grads = {
      w: Matrix.fromRows([
        [1 / 3, 2e-300, -7],
        [0.1, -0, 1e-10],
      ]),
      b: -1 / 7,
      name: 'static',
    }
    const opt = sgd(eta)
    const state = opt.init(params)
    const [updates, s1] = opt.update(grads, state, params)
    const [fused, s2] = opt.step!(grads, state, params)
    const viaApply = applyUpdates(params, updates)
    const bits = (m: Matrix): ReadonlyArray<bigint> =>
      Array.from(new BigUint64Array(Float64Array.from(Matrix.toFloat64Array(m)).buffer))
    expect(bits(fused.w)).toEqual(bits(viaApply.w))
    expect(Object.is(fused.b, viaApply.b)).toBe(true)
    expect(fused.name).toBe('static')
    expect(s2).toEqual(s1)
  })
})
