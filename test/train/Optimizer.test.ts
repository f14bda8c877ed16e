// The model of Optimizer.ts: applyUpdates, the masks and chain (its fused step included).
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { Matrix, Random, ShapeError, initNetwork, sigmoidActivation, type Network } from 'nabla'
import {
  adam,
  applyUpdates,
  chain,
  leafPaths,
  momentum,
  networkWeights,
  sgd,
  weightDecay,
  type Optimizer,
} from '../../src/train/namespaces/Optim.js'
import { anyShapeMatrix } from 'nabla/laws'
import { bits } from './fixtures.js'

const [network] = initNetwork([3, 4, 2], sigmoidActivation, Random.seed(5))
const [grads] = initNetwork([3, 4, 2], sigmoidActivation, Random.seed(6))

describe('applyUpdates', () => {
  it('adds the updates leaf by leaf, keeps static parts, and refuses trees of other leaves', () => {
    const next = applyUpdates(
      { w: Matrix.fromRows([[1, 2]]), b: 3, name: 'p' },
      { w: Matrix.fromRows([[0.5, -1]]), b: -3, name: 'p' },
    )
    expect(Matrix.toArray(next.w)).toEqual([1.5, 1])
    expect(next.b).toBe(0)
    expect(next.name).toBe('p')
    expect(() => applyUpdates([1, 2], [1])).toThrow(ShapeError)
    expect(() => applyUpdates([Matrix.zeros(1, 2)], [Matrix.zeros(2, 1)])).toThrow(
      /applyUpdates.*leaf 0 is a 1×2 matrix in one tree and a 2×1 matrix in the other/,
    )
  })

  it('static leaves (a layer activation) pass through updates untouched', () => {
    const [net] = initNetwork([2, 2], sigmoidActivation, Random.seed(1))
    const opt = adam(0.01)
    const [u] = opt.update(net, opt.init(net), net)
    const next: Network = applyUpdates(net, u)
    expect(next.layers[0]!.activation).toBe(sigmoidActivation)
  })
})

describe('masks', () => {
  it('leafPaths lists the path of every leaf, in the order of the leaves', () => {
    const tree = {
      a: [1, Matrix.zeros(1, 2), { b: 2, f: (x: number) => x, s: 'static', n: null }] as const,
      c: { d: [3] },
      e: true,
    }
    expect(leafPaths(tree)).toEqual([
      ['a', 0],
      ['a', 1],
      ['a', 2, 'b'],
      ['c', 'd', 0],
    ])
    const opt = sgd(1)
    const [u] = opt.update(tree, opt.init(tree), tree)
    expect([u.a[0], u.a[2].b, u.c.d[0]]).toEqual([-1, -2, -3])
    expect(u.a[2].s).toBe('static')
    expect(u.e).toBe(true)
  })

  it('networkWeights picks the w of every layer, not the biases', () => {
    expect(leafPaths(network)).toEqual([
      ['layers', 0, 'w'],
      ['layers', 0, 'b'],
      ['layers', 1, 'w'],
      ['layers', 1, 'b'],
    ])
    expect(leafPaths(network).map((p) => networkWeights(p, 0))).toEqual([true, false, true, false])
  })
})

describe('chain', () => {
  it("weight decay chained before sgd is Nielsen's w ← (1 − ηλ/n)w − η∂C₀/∂w, biases undecayed", () => {
    const [eta, lambda, n] = [0.5, 5, 1000]
    const opt = chain(weightDecay(lambda / n, networkWeights), sgd(eta))
    const [u, state] = opt.update(grads, opt.init(network), network)
    expect(state).toEqual([{}, { count: 1 }])
    const next = applyUpdates(network, u)
    network.layers.forEach((layer, i) => {
      const w = Matrix.toArray(layer.w)
      const g = Matrix.toArray(grads.layers[i]!.w)
      Matrix.toArray(next.layers[i]!.w).forEach((x, k) => {
        // two roundings in a different order than the formula: agreement to 14 digits, not bit for bit
        expect(x).toBeCloseTo((1 - (eta * lambda) / n) * w[k]! - eta * g[k]!, 14)
      })
      const b = Matrix.toArray(layer.b)
      const gb = Matrix.toArray(grads.layers[i]!.b)
      expect(Matrix.toArray(next.layers[i]!.b)).toEqual(b.map((x, k) => x + -eta * gb[k]!))
    })
  })

  it('the updates of each part are the gradients of the next, and each part keeps its own state', () => {
    const a = momentum(0.1, 0.5)
    const b = adam(0.01)
    const opt = chain(a, b)
    const [u, [sa, sb]] = opt.update(grads, opt.init(network), network)
    const [ua, ra] = a.update(grads, a.init(network), network)
    const [ub, rb] = b.update(ua, b.init(network), network)
    expect(bits(u)).toBe(bits(ub))
    expect(bits(sa)).toBe(bits(ra))
    expect(bits(sb)).toBe(bits(rb))
  })

  it('has a fused step when its last part has one, and none otherwise', () => {
    expect(chain(weightDecay(0.1), sgd(0.1)).step).toBeTypeOf('function')
    expect(chain(momentum(0.1), sgd(0.1)).step).toBeTypeOf('function')
    expect(chain(weightDecay(0.1), adam(0.1)).step).toBeUndefined()
    const identity: Optimizer<Record<string, never>> = {
      name: 'identity',
      init: () => ({}),
      update: (g, st) => [g, st],
    }
    expect(chain(sgd(0.1), identity).step).toBeUndefined()
    expect(chain().step).toBeUndefined()
  })

  it('refuses weightDecay after an optimizer whose updates are already steps, which would make weights grow', () => {
    expect(() => chain(adam(0.1), weightDecay(0.1))).toThrow(
      /^chain: weightDecay after adam adds c·w to an update that is already a step −η·\(…\), so the weights would grow/,
    )
    expect(() => chain(weightDecay(0.1), sgd(0.1), weightDecay(0.1))).toThrow(/weightDecay after sgd/)
    expect(() => chain(weightDecay(0.1), adam(0.1))).not.toThrow()
  })

  /** The claim that an optimizer's fused step is applyUpdates of its update, bit for bit, after k updates. */
  const stepIsUpdateThenApply =
    <S>(opt: Optimizer<S>) =>
    ([p, g]: readonly [Matrix, Matrix], s: number, k: number): void => {
      const params = { p, s, label: 'static' }
      const gs = { p: g, s: s / 3, label: 'static' }
      const state = Array.from({ length: k }).reduce<S>((st) => opt.update(gs, st, params)[1], opt.init(params))
      const [updates, viaUpdate] = opt.update(gs, state, params)
      const [fused, viaStep] = opt.step!(gs, state, params)
      expect(bits(fused)).toBe(bits(applyUpdates(params, updates)))
      expect(bits(viaStep)).toBe(bits(viaUpdate))
    }
  const steps: ReadonlyArray<readonly [string, ReturnType<typeof stepIsUpdateThenApply>]> = [
    ['chain(weightDecay, sgd)', stepIsUpdateThenApply(chain(weightDecay(0.3), sgd(0.7)))],
    ['chain(momentum, sgd)', stepIsUpdateThenApply(chain(momentum(0.2, 0.9), sgd(1.5)))],
  ]
  const pair = anyShapeMatrix({ maxRows: 4, maxCols: 4 }).chain((a) =>
    fc.tuple(fc.constant(a), anyShapeMatrix({ minRows: a.rows, maxRows: a.rows, minCols: a.cols, maxCols: a.cols })),
  )
  describe.each(steps)('%s', (_, claim) => {
    test.prop([pair, fc.double({ noNaN: true, min: -1e3, max: 1e3 }), fc.integer({ min: 0, max: 3 })], {
      numRuns: 50,
    })('its fused step is applyUpdates(update), bit for bit, after any number of updates', claim)
  })

  it('a chain whose last part steps and a broken step are told apart: the law can fail', () => {
    // a deliberately wrong last part: its step adds the update twice
    const base = sgd(0.5)
    const wrong: Optimizer<{ readonly count: number }> = {
      ...base,
      step: (g, st, p) => {
        const [u, next] = base.update(g, st, p)
        return [applyUpdates(applyUpdates(p, u), u), next]
      },
    }
    const opt = chain(weightDecay(0.1), wrong)
    const params = { w: Matrix.fromRows([[1, -2]]) }
    const gs = { w: Matrix.fromRows([[0.25, 4]]) }
    const [updates] = opt.update(gs, opt.init(params), params)
    expect(bits(opt.step!(gs, opt.init(params), params)[0])).not.toBe(bits(applyUpdates(params, updates)))
  })
})
