/**
 * Optimizers as data: an {@link OptimizerSpec} says which optimizer made a
 * state, so that a checkpoint can store it as JSON and
 * {@link optimizerFromSpec} can rebuild the very same optimizer.
 *
 * @module
 */
import * as t from 'io-ts'
import { NonNegativeNumberC, PositiveNumberC, UnitIntervalC, strictType, taggedUnion } from '../matrix/json.js'
import { chain, networkWeights, type Optimizer } from './Optimizer.js'
import { adam, adamw, momentum, sgd, weightDecay } from './optimizers.js'
import { rmsprop } from './rmsprop.js'
import { ScheduleSpecC, scheduleFromSpec, type ScheduleSpec } from './Schedule.js'

/**
 * An optimizer as data.
 *
 * - `sgd`, `momentum` (with `momentum` = μ), `adam` (β₁, β₂, ε), `adamw`
 *   (β₁, β₂, ε and the decoupled decay λ, `decoupledDecay`, on the weights
 *   of a network, `networkWeights`: biases do not decay) or `rmsprop`
 *   (ρ as `decay`, ε, `centered`, and μ as `momentum`, where 0 is no
 *   momentum at all);
 * - `schedule`: the learning rate;
 * - `weightDecay`: λ and the training-set size n of L2 regularisation on
 *   the weights of a network (λ = 0 for none), applied as
 *   `chain(weightDecay(λ/n, networkWeights), …)`.
 *
 * The keys are the spec's own and stay as they were written by earlier
 * versions (`beta1`, `epsilon`): the functions take Optax's names (`b1`,
 * `eps`), the stored format keeps one spelling per field.
 *
 * @category optimizers
 */
export type OptimizerSpec =
  | { readonly kind: 'sgd'; readonly schedule: ScheduleSpec; readonly weightDecay: WeightDecaySpec }
  | {
      readonly kind: 'momentum'
      readonly schedule: ScheduleSpec
      readonly momentum: number
      readonly weightDecay: WeightDecaySpec
    }
  | {
      readonly kind: 'adam'
      readonly schedule: ScheduleSpec
      readonly beta1: number
      readonly beta2: number
      readonly epsilon: number
      readonly weightDecay: WeightDecaySpec
    }
  | {
      readonly kind: 'adamw'
      readonly schedule: ScheduleSpec
      readonly beta1: number
      readonly beta2: number
      readonly epsilon: number
      readonly decoupledDecay: number
      readonly weightDecay: WeightDecaySpec
    }
  | {
      readonly kind: 'rmsprop'
      readonly schedule: ScheduleSpec
      readonly decay: number
      readonly epsilon: number
      readonly centered: boolean
      readonly momentum: number
      readonly weightDecay: WeightDecaySpec
    }

/** L2 regularisation: λ and the training-set size n (the coefficient is λ/n). @category optimizers */
export interface WeightDecaySpec {
  readonly lambda: number
  readonly n: number
}

/**
 * The optimizer an {@link OptimizerSpec} describes. Which one it is is
 * known only at run time, so its state is typed as any `OptState`: give it
 * the states it makes itself, or the state of a checkpoint, which the
 * checkpoint codec has checked against this optimizer's `init` (the one
 * check of a state's structure; the optimizers do not repeat it per step).
 *
 * @category optimizers
 */
export const optimizerFromSpec = (spec: OptimizerSpec): Optimizer => {
  const lr = scheduleFromSpec(spec.schedule)
  const base = ((): Optimizer => {
    switch (spec.kind) {
      case 'sgd':
        return forget(sgd(lr))
      case 'momentum':
        return forget(momentum(lr, spec.momentum))
      case 'adam':
        return forget(adam(lr, { b1: spec.beta1, b2: spec.beta2, eps: spec.epsilon }))
      case 'adamw':
        return forget(
          adamw(lr, {
            b1: spec.beta1,
            b2: spec.beta2,
            eps: spec.epsilon,
            weightDecay: spec.decoupledDecay,
            mask: networkWeights,
          }),
        )
      case 'rmsprop':
        return forget(
          rmsprop(lr, {
            decay: spec.decay,
            eps: spec.epsilon,
            centered: spec.centered,
            ...(spec.momentum > 0 ? { momentum: spec.momentum } : {}),
          }),
        )
    }
  })()
  return spec.weightDecay.lambda > 0
    ? forget(chain(weightDecay(spec.weightDecay.lambda / spec.weightDecay.n, networkWeights), base))
    : base
}

/** An optimizer with its state type forgotten (see {@link optimizerFromSpec} for why that is sound here). */
const forget = <S>(optimizer: Optimizer<S>): Optimizer => optimizer as unknown as Optimizer

const WeightDecaySpecC = strictType({ lambda: NonNegativeNumberC, n: PositiveNumberC }, 'WeightDecaySpec')

/**
 * The io-ts codec of an {@link OptimizerSpec}: `kind` picks the case, and
 * each case has exactly its own keys (an unknown key is an error, not
 * dropped). Every number must read back as it was written: μ, β₁, β₂ and
 * RMSProp's ρ in [0, 1), ε and n positive, λ and the decoupled decay ≥ 0,
 * and none of them −0.
 *
 * @category codec
 */
export const OptimizerSpecC: t.Type<OptimizerSpec, OptimizerSpec> = taggedUnion(
  'kind',
  {
    sgd: strictType({ kind: t.literal('sgd'), schedule: ScheduleSpecC, weightDecay: WeightDecaySpecC }, 'SgdSpec'),
    momentum: strictType(
      { kind: t.literal('momentum'), schedule: ScheduleSpecC, momentum: UnitIntervalC, weightDecay: WeightDecaySpecC },
      'MomentumSpec',
    ),
    adam: strictType(
      {
        kind: t.literal('adam'),
        schedule: ScheduleSpecC,
        beta1: UnitIntervalC,
        beta2: UnitIntervalC,
        epsilon: PositiveNumberC,
        weightDecay: WeightDecaySpecC,
      },
      'AdamSpec',
    ),
    adamw: strictType(
      {
        kind: t.literal('adamw'),
        schedule: ScheduleSpecC,
        beta1: UnitIntervalC,
        beta2: UnitIntervalC,
        epsilon: PositiveNumberC,
        decoupledDecay: NonNegativeNumberC,
        weightDecay: WeightDecaySpecC,
      },
      'AdamWSpec',
    ),
    rmsprop: strictType(
      {
        kind: t.literal('rmsprop'),
        schedule: ScheduleSpecC,
        decay: UnitIntervalC,
        epsilon: PositiveNumberC,
        centered: t.boolean,
        momentum: UnitIntervalC,
        weightDecay: WeightDecaySpecC,
      },
      'RmspropSpec',
    ),
  } as Readonly<Record<string, t.Type<OptimizerSpec, OptimizerSpec>>>,
  'OptimizerSpec',
)
