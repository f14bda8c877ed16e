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
import { adam, momentum, sgd, weightDecay } from './optimizers.js'
import { ScheduleSpecC, scheduleFromSpec, type ScheduleSpec } from './Schedule.js'

/**
 * An optimizer as data.
 *
 * - `sgd`, `momentum` (with `momentum` = μ) or `adam` (β₁, β₂, ε);
 * - `schedule`: the learning rate;
 * - `weightDecay`: λ and the training-set size n of L2 regularisation on
 *   the weights of a network (λ = 0 for none), applied as
 *   `chain(weightDecay(λ/n, networkWeights), …)`.
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
  const base =
    spec.kind === 'sgd'
      ? forget(sgd(lr))
      : spec.kind === 'momentum'
        ? forget(momentum(lr, spec.momentum))
        : forget(adam(lr, { beta1: spec.beta1, beta2: spec.beta2, epsilon: spec.epsilon }))
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
 * dropped). Every number must read back as it was written: μ, β₁ and β₂ in
 * [0, 1), ε and n positive, λ ≥ 0, and none of them −0.
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
  } as Readonly<Record<string, t.Type<OptimizerSpec, OptimizerSpec>>>,
  'OptimizerSpec',
)
