// The state types of the optimizers: each optimizer says what its state is, and the compiler holds every caller to it.
import { describe, expectTypeOf, it } from 'vitest'
import { Random, type Network } from 'nabla'
import {
  adam,
  adamw,
  chain,
  clipByGlobalNorm,
  momentum,
  optimizerFromSpec,
  rmsprop,
  sgd,
  weightDecay,
  type AdamState,
  type ClipByGlobalNormState,
  type RmspropState,
  type MomentumState,
  type OptState,
  type Optimizer,
  type SgdState,
  type WeightDecayState,
} from '../../src/train/namespaces/Optim.js'
import { initTrainState, type TrainState } from '../../src/train/namespaces/Train.js'

declare const network: Network

describe('typed optimizer states', () => {
  it('each optimizer has its own state type, and every one of them is an OptState (a tree)', () => {
    expectTypeOf(sgd(0.1)).toEqualTypeOf<Optimizer<SgdState>>()
    expectTypeOf(momentum(0.1)).toEqualTypeOf<Optimizer<MomentumState>>()
    expectTypeOf(adam(0.1)).toEqualTypeOf<Optimizer<AdamState>>()
    expectTypeOf(weightDecay(0.1)).toEqualTypeOf<Optimizer<WeightDecayState>>()
    expectTypeOf(adamw(0.1)).toEqualTypeOf<Optimizer<AdamState>>()
    expectTypeOf(rmsprop(0.1)).toEqualTypeOf<Optimizer<RmspropState>>()
    expectTypeOf(clipByGlobalNorm(1)).toEqualTypeOf<Optimizer<ClipByGlobalNormState>>()
    expectTypeOf<RmspropState>().toExtend<OptState>()
    expectTypeOf<ClipByGlobalNormState>().toExtend<OptState>()
    expectTypeOf<SgdState>().toExtend<OptState>()
    expectTypeOf<MomentumState>().toExtend<OptState>()
    expectTypeOf<AdamState>().toExtend<OptState>()
    expectTypeOf<WeightDecayState>().toExtend<OptState>()
    expectTypeOf(adam(0.1).init(network).mu).toEqualTypeOf<AdamState['mu']>()
  })

  it("a chain's state is the tuple of its parts' states", () => {
    expectTypeOf(chain(weightDecay(0.1), adam(0.1))).toEqualTypeOf<Optimizer<readonly [WeightDecayState, AdamState]>>()
    expectTypeOf(chain(weightDecay(0.1), sgd(0.1)).init(network)[1].count).toEqualTypeOf<number>()
  })

  it('a state made by another optimizer, or any other tree, does not compile', () => {
    const opt = adam(0.1)
    // @ts-expect-error: an SGD state has no moments
    opt.update(1, sgd(0.1).init(1), 1)
    // @ts-expect-error: nor is any tree an Adam state
    opt.update(1, [0], 1)
    // @ts-expect-error: nor is an Adam state an RMSProp state
    rmsprop(0.1).update(1, opt.init(1), 1)
    // @ts-expect-error: a chain's states come in its order
    chain(weightDecay(0.1), sgd(0.1)).update(1, [{ count: 0 }, {}], 1)
  })

  it('a training state carries the state type of its optimizer, and is a TrainState of any OptState', () => {
    const s = initTrainState(network, adam(0.1), Random.seed(1))
    expectTypeOf(s).toEqualTypeOf<TrainState<Network, AdamState>>()
    expectTypeOf(s).toExtend<TrainState<Network>>()
  })

  it('an optimizer built from a spec is known only at run time: its state is any OptState', () => {
    expectTypeOf(optimizerFromSpec).returns.toEqualTypeOf<Optimizer>()
  })
})
