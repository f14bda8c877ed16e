/**
 * Learning-rate schedules: the learning rate η as a pure function of the
 * optimizer step t = 0, 1, 2, … (the number of updates made before this
 * one). A schedule has no state of its own: the optimizer keeps the step
 * count, so a checkpoint that stores the count resumes the schedule exactly.
 *
 * @module
 */
import * as t from 'io-ts'
import { either as E } from 'fp-ts'
import { NonNegativeNumberC, PositiveNumberC, at, strictType, taggedUnion } from '../matrix/json.js'

/** η(t): the learning rate of step t (t = 0 for the first update). @category schedules */
export type Schedule = (step: number) => number

/** A learning rate given as a constant or as a schedule. @category schedules */
export type LearningRate = number | Schedule

/** The schedule of a {@link LearningRate}: a number becomes a constant schedule. @category schedules */
export const toSchedule = (lr: LearningRate): Schedule => (typeof lr === 'number' ? constantSchedule(lr) : lr)

/** η(t) = η₀. @category schedules */
export const constantSchedule =
  (lr: number): Schedule =>
  () =>
    lr

/**
 * Step decay: η(t) = η₀ · factor^⌊t / every⌋ — the rate is multiplied by
 * `factor` (e.g. ½) every `every` steps.
 *
 * @category schedules
 */
export const stepDecaySchedule =
  (lr: number, factor: number, every: number): Schedule =>
  (step) =>
    lr * factor ** Math.floor(step / every)

/**
 * Exponential decay: η(t) = η₀ · rate^(t / every) — smoothly, by a factor
 * `rate` every `every` steps.
 *
 * @category schedules
 */
export const exponentialDecaySchedule =
  (lr: number, rate: number, every: number): Schedule =>
  (step) =>
    lr * rate ** (step / every)

/**
 * Cosine decay (Loshchilov and Hutter, SGDR, 2017, without restarts):
 * η(t) = η₀ · (α + (1 − α) · ½(1 + cos(π · min(t, T)/T))) — from η₀ at t = 0
 * down to α·η₀ at t = T = `steps`, and constant after that.
 *
 * @category schedules
 */
export const cosineDecaySchedule =
  (lr: number, steps: number, alpha: number = 0): Schedule =>
  (step) =>
    lr * (alpha + (1 - alpha) * 0.5 * (1 + Math.cos((Math.PI * Math.min(step, steps)) / steps)))

/**
 * A linear ramp (Optax's `linear_schedule`): from `init` at step
 * `transitionBegin` to `end` at step `transitionBegin + transitionSteps`,
 * constant before and after,
 *
 * η(t) = (init − end) · (1 − k/T) + end,  k = min(max(t − begin, 0), T)
 *
 * — a linear warm-up when init < end. With T = 0 it is `init` throughout,
 * as in Optax. A negative or non-finite T or begin is a `RangeError`.
 *
 * @category schedules
 */
export const linearSchedule = (
  init: number,
  end: number,
  transitionSteps: number,
  transitionBegin: number = 0,
): Schedule => {
  if (!(transitionSteps >= 0 && transitionSteps < Infinity) || !(transitionBegin >= 0 && transitionBegin < Infinity)) {
    throw new RangeError(
      `linearSchedule: the transition's steps and beginning must be finite and ≥ 0 (got ${String(transitionSteps)} and ${String(transitionBegin)})`,
    )
  }
  if (transitionSteps === 0) return constantSchedule(init)
  return (step) => {
    const k = Math.min(Math.max(step - transitionBegin, 0), transitionSteps)
    return (init - end) * (1 - k / transitionSteps) + end
  }
}

/**
 * Schedules one after the other (Optax's `join_schedules`): with
 * boundaries b₁ ≤ b₂ ≤ … (one fewer than the schedules), step t is given to
 * the last schedule whose boundary it has reached, counted from that
 * boundary:
 *
 * η(t) = ηₖ(t − bₖ) for bₖ ≤ t < bₖ₊₁  (b₀ = 0, and η₀ gets t itself)
 *
 * so each schedule starts at its own step 0. The joined schedule is
 * continuous at bₖ exactly when ηₖ₋₁(bₖ − bₖ₋₁) = ηₖ(0), as in
 * {@link warmupCosineDecaySchedule}. Boundaries out of order, not finite
 * or of the wrong number are a `RangeError`.
 *
 * @category schedules
 */
export const joinSchedules = (schedules: ReadonlyArray<Schedule>, boundaries: ReadonlyArray<number>): Schedule => {
  const ordered = boundaries.every((b, i) => Number.isFinite(b) && (i === 0 || b >= (boundaries[i - 1] as number)))
  if (schedules.length === 0 || boundaries.length !== schedules.length - 1 || !ordered) {
    throw new RangeError(
      `joinSchedules: needs n ≥ 1 schedules and n − 1 finite boundaries in increasing order (got ${String(schedules.length)} schedules and boundaries [${boundaries.join(', ')}])`,
    )
  }
  const first = schedules[0] as Schedule
  return (step) => {
    const k = boundaries.reduce((last, b, i) => (step >= b ? i : last), -1)
    return k < 0 ? first(step) : (schedules[k + 1] as Schedule)(step - (boundaries[k] as number))
  }
}

/**
 * Linear warm-up, then cosine decay (Optax's `warmup_cosine_decay_schedule`):
 * from `init` up to `peak` over the first W = `warmupSteps` steps, then
 * along half a cosine down to `end` at step T = `decaySteps` (counted from
 * the start, warm-up included), and `end` after that:
 *
 * η(t) = init + (peak − init) · t/W                          for t ≤ W
 * η(t) = peak · (α + (1 − α) · ½(1 + cos(π (t − W)/(T − W))))   for t ≥ W, α = end/peak
 *
 * Built as `joinSchedules([linearSchedule(init, peak, W), cosineDecaySchedule(peak, T − W, α)], [W])`:
 * both pieces give `peak` at t = W, so it is continuous there. Optax takes
 * α = 0 when peak = 0; so does this. W < 0 or T ≤ W is a `RangeError`.
 *
 * @category schedules
 */
export const warmupCosineDecaySchedule = (
  init: number,
  peak: number,
  warmupSteps: number,
  decaySteps: number,
  end: number = 0,
): Schedule => {
  if (!(warmupSteps >= 0 && decaySteps > warmupSteps && decaySteps < Infinity)) {
    throw new RangeError(
      `warmupCosineDecaySchedule: needs 0 ≤ warmupSteps < decaySteps < ∞ (got ${String(warmupSteps)} and ${String(decaySteps)})`,
    )
  }
  const alpha = peak === 0 ? 0 : end / peak
  return joinSchedules(
    [linearSchedule(init, peak, warmupSteps), cosineDecaySchedule(peak, decaySteps - warmupSteps, alpha)],
    [warmupSteps],
  )
}

/**
 * A schedule as data, so that it can be stored in a checkpoint and rebuilt
 * with {@link scheduleFromSpec}. `warmupCosine` is
 * {@link warmupCosineDecaySchedule} with `lr` its peak, `warmup` its
 * warm-up steps and `steps` its decay steps (warm-up included).
 *
 * @category schedules
 */
export type ScheduleSpec =
  | { readonly kind: 'constant'; readonly lr: number }
  | { readonly kind: 'step'; readonly lr: number; readonly factor: number; readonly every: number }
  | { readonly kind: 'exponential'; readonly lr: number; readonly rate: number; readonly every: number }
  | { readonly kind: 'cosine'; readonly lr: number; readonly steps: number; readonly alpha: number }
  | {
      readonly kind: 'warmupCosine'
      readonly init: number
      readonly lr: number
      readonly warmup: number
      readonly steps: number
      readonly end: number
    }

/** The schedule a {@link ScheduleSpec} describes. @category schedules */
export const scheduleFromSpec = (spec: ScheduleSpec): Schedule => {
  switch (spec.kind) {
    case 'constant':
      return constantSchedule(spec.lr)
    case 'step':
      return stepDecaySchedule(spec.lr, spec.factor, spec.every)
    case 'exponential':
      return exponentialDecaySchedule(spec.lr, spec.rate, spec.every)
    case 'cosine':
      return cosineDecaySchedule(spec.lr, spec.steps, spec.alpha)
    case 'warmupCosine':
      return warmupCosineDecaySchedule(spec.init, spec.lr, spec.warmup, spec.steps, spec.end)
  }
}

/** A warm-up-cosine spec's codec, refusing a decay that ends before its warm-up does. */
const decayEndsAfterWarmup = <A extends { readonly warmup: number; readonly steps: number }, O>(
  codec: t.Type<A, O>,
): t.Type<A, O> =>
  new t.Type<A, O>(
    codec.name,
    (u): u is A => codec.is(u) && u.steps > u.warmup,
    (u, c) =>
      E.chain((a: A) =>
        a.steps > a.warmup
          ? t.success(a)
          : t.failure<A>(
              a.steps,
              at(c, 'steps', PositiveNumberC, a.steps),
              `expected more steps than the warm-up's ${String(a.warmup)}`,
            ),
      )(codec.validate(u, c)),
    codec.encode,
  )

/**
 * The io-ts codec of a {@link ScheduleSpec}: `kind` picks the case, each
 * case has exactly its own keys, learning rates and periods must be
 * positive, and cosine's α ≥ 0 (not −0, which JSON would write back as 0);
 * a warm-up's initial and end rates and its warm-up steps are ≥ 0, and its
 * decay ends after its warm-up (`steps` > `warmup`).
 *
 * @category codec
 */
export const ScheduleSpecC: t.Type<ScheduleSpec, ScheduleSpec> = taggedUnion(
  'kind',
  {
    constant: strictType({ kind: t.literal('constant'), lr: PositiveNumberC }, 'ConstantSchedule'),
    step: strictType(
      { kind: t.literal('step'), lr: PositiveNumberC, factor: PositiveNumberC, every: PositiveNumberC },
      'StepSchedule',
    ),
    exponential: strictType(
      { kind: t.literal('exponential'), lr: PositiveNumberC, rate: PositiveNumberC, every: PositiveNumberC },
      'ExponentialSchedule',
    ),
    cosine: strictType(
      { kind: t.literal('cosine'), lr: PositiveNumberC, steps: PositiveNumberC, alpha: NonNegativeNumberC },
      'CosineSchedule',
    ),
    warmupCosine: decayEndsAfterWarmup(
      strictType(
        {
          kind: t.literal('warmupCosine'),
          init: NonNegativeNumberC,
          lr: PositiveNumberC,
          warmup: NonNegativeNumberC,
          steps: PositiveNumberC,
          end: NonNegativeNumberC,
        },
        'WarmupCosineSchedule',
      ),
    ),
  } as Readonly<Record<string, t.Type<ScheduleSpec, ScheduleSpec>>>,
  'ScheduleSpec',
)
