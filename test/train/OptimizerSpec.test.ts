// Optimizers as data: optimizerFromSpec builds what the combinators build, and the spec codec reads back what it writes.
import { either as E } from 'fp-ts'
import { describe, expect, it } from 'vitest'
import { Matrix, Random, initNetwork, sigmoidActivation } from 'nabla'
import {
  OptimizerSpecC,
  adamw,
  chain,
  momentum,
  networkWeights,
  optimizerFromSpec,
  rmsprop,
  sgd,
  weightDecay,
  type Optimizer,
  type OptimizerSpec,
} from '../../src/train/namespaces/Optim.js'
import { warmupCosineDecaySchedule } from '../../src/train/namespaces/Schedule.js'
import { optimizerSpecCodecLaws } from 'nabla/laws'
import { testLaw } from '../matrix/prop.js'
import { adamSpec, bits } from './fixtures.js'

const [network] = initNetwork([3, 4, 2], sigmoidActivation, Random.seed(5))
const [grads] = initNetwork([3, 4, 2], sigmoidActivation, Random.seed(6))
const run = <S>(o: Optimizer<S>): string => bits(o.update(grads, o.init(network), network))

const spec = adamSpec

describe('optimizerFromSpec', () => {
  it('builds the same optimizer as the combinators', () => {
    const built = optimizerFromSpec({
      kind: 'momentum',
      schedule: { kind: 'constant', lr: 0.5 },
      momentum: 0.8,
      weightDecay: { lambda: 5, n: 1000 },
    })
    expect(run(built)).toBe(run(chain(weightDecay(5 / 1000, networkWeights), momentum(0.5, 0.8))))
    expect(built.name).toBe('chain(weightDecay, momentum)')
  })

  it('adamw: Optax names, decoupled decay on the weights only (networkWeights), as the combinator builds it', () => {
    const built = optimizerFromSpec({
      kind: 'adamw',
      schedule: { kind: 'constant', lr: 0.01 },
      beta1: 0.8,
      beta2: 0.99,
      epsilon: 1e-6,
      decoupledDecay: 0.1,
      weightDecay: { lambda: 0, n: 1 },
    })
    expect(built.name).toBe('adamw')
    expect(run(built)).toBe(run(adamw(0.01, { b1: 0.8, b2: 0.99, eps: 1e-6, weightDecay: 0.1, mask: networkWeights })))
    expect(run(built)).not.toBe(run(adamw(0.01, { b1: 0.8, b2: 0.99, eps: 1e-6, weightDecay: 0.1 })))
  })

  it('rmsprop: ρ, ε, centered, and μ = 0 as no momentum (no trace in the state)', () => {
    const rms = (centered: boolean, mu: number): OptimizerSpec => ({
      kind: 'rmsprop',
      schedule: { kind: 'warmupCosine', init: 0, lr: 0.01, warmup: 2, steps: 10, end: 0 },
      decay: 0.95,
      epsilon: 1e-6,
      centered,
      momentum: mu,
      weightDecay: { lambda: 0, n: 1 },
    })
    const lr = warmupCosineDecaySchedule(0, 0.01, 2, 10)
    expect(run(optimizerFromSpec(rms(true, 0.5)))).toBe(
      run(rmsprop(lr, { decay: 0.95, eps: 1e-6, centered: true, momentum: 0.5 })),
    )
    const plain = optimizerFromSpec(rms(false, 0))
    expect(run(plain)).toBe(run(rmsprop(lr, { decay: 0.95, eps: 1e-6 })))
    expect(plain.init(network)).toMatchObject({ mu: [], trace: [] })
  })

  it('λ = 0 is no weight decay at all, and SGD keeps its fused step with or without it', () => {
    const plain = optimizerFromSpec({
      kind: 'sgd',
      schedule: { kind: 'constant', lr: 0.5 },
      weightDecay: { lambda: 0, n: 9 },
    })
    expect(plain.name).toBe('sgd')
    expect(run(plain)).toBe(run(sgd(0.5)))
    expect(plain.step).toBeTypeOf('function')
    const decayed = optimizerFromSpec({
      kind: 'sgd',
      schedule: { kind: 'constant', lr: 0.5 },
      weightDecay: { lambda: 1, n: 9 },
    })
    expect(decayed.step).toBeTypeOf('function')
  })
})

describe('the optimizer spec codec', () => {
  ;[...optimizerSpecCodecLaws()].forEach((law) => {
    testLaw(law, 100)
  })

  it('refuses an unknown kind, naming the known ones', () => {
    expect(E.isLeft(OptimizerSpecC.decode({ ...spec, kind: 'constructor' }))).toBe(true)
    expect(Matrix.decodeWith(OptimizerSpecC)({ ...spec, kind: 'adagrad' })).toEqual(
      E.left(
        'invalid OptimizerSpec:\n  kind: expected one of "sgd", "momentum", "adam", "adamw", "rmsprop" (got "adagrad")',
      ),
    )
  })

  it('refuses −0 wherever JSON would write it back as 0: λ, μ, β₁, β₂ and the schedule’s α', () => {
    const refused = (u: unknown): string => {
      const r = Matrix.decodeWith(OptimizerSpecC)(u)
      if (E.isRight(r)) throw new Error('accepted −0')
      return r.left
    }
    expect(refused({ ...spec, weightDecay: { lambda: -0, n: 200 } })).toMatch(
      /weightDecay\/lambda: expected a finite number ≥ 0 \(and not -0\)/,
    )
    expect(refused({ ...spec, beta1: -0 })).toMatch(/beta1: expected a number in \[0, 1\) \(and not -0\)/)
    expect(refused({ ...spec, beta2: -0 })).toMatch(/beta2: expected a number in \[0, 1\)/)
    expect(refused({ ...spec, schedule: { ...spec.schedule, alpha: -0 } })).toMatch(
      /schedule\/alpha: expected a finite number ≥ 0/,
    )
    expect(
      refused({
        kind: 'momentum',
        schedule: { kind: 'constant', lr: 1 },
        momentum: -0,
        weightDecay: { lambda: 0, n: 1 },
      }),
    ).toMatch(/momentum: expected a number in \[0, 1\)/)
    // +0 is fine, and reads back as +0
    const zero = OptimizerSpecC.decode({ ...spec, beta1: 0, weightDecay: { lambda: 0, n: 200 } })
    expect(E.isRight(zero) && zero.right.kind === 'adam' && Object.is(zero.right.beta1, 0)).toBe(true)
  })

  it('reports a bad adamw or rmsprop spec readably, at its path, and in bounded length', () => {
    const report = (u: unknown): string => {
      const r = Matrix.decodeWith(OptimizerSpecC)(u)
      return E.isLeft(r) ? r.left : 'accepted'
    }
    const adamwSpec = { ...spec, kind: 'adamw', decoupledDecay: 1e-4 }
    expect(E.isRight(OptimizerSpecC.decode(adamwSpec))).toBe(true)
    expect(report({ ...adamwSpec, decoupledDecay: -1 })).toBe(
      'invalid OptimizerSpec:\n  decoupledDecay: expected a finite number ≥ 0 (and not -0) (got -1)',
    )
    const withoutDecay = Object.fromEntries(Object.entries(adamwSpec).filter(([k]) => k !== 'decoupledDecay'))
    expect(report(withoutDecay)).toBe('invalid OptimizerSpec:\n  decoupledDecay: missing')
    const rmsSpec = {
      kind: 'rmsprop',
      schedule: spec.schedule,
      decay: 0.9,
      epsilon: 1e-8,
      centered: false,
      momentum: 0,
      weightDecay: spec.weightDecay,
    }
    expect(E.isRight(OptimizerSpecC.decode(rmsSpec))).toBe(true)
    expect(report({ ...rmsSpec, decay: 1 })).toMatch(
      /^invalid OptimizerSpec:\n {2}decay: expected a number in \[0, 1\)/,
    )
    expect(report({ ...rmsSpec, centered: 'yes' })).toMatch(/centered: .*\(got 'yes'\)|centered: .*"yes"/)
    expect(report({ ...rmsSpec, beta1: 0.9 })).toMatch(/beta1: unknown key/)
    const long = report({ ...rmsSpec, centered: 'x'.repeat(100_000) })
    expect(long.length).toBeLessThan(300)
  })

  it('refuses NaN and ±∞ as spec numbers, which JSON cannot hold as numbers', () => {
    ;[Number.NaN, Infinity, -Infinity].forEach((x) => {
      expect(E.isLeft(OptimizerSpecC.decode({ ...spec, epsilon: x }))).toBe(true)
      expect(E.isLeft(OptimizerSpecC.decode({ ...spec, weightDecay: { lambda: x, n: 200 } }))).toBe(true)
    })
  })
})
