/**
 * Learning-rate schedules: the learning rate η as a pure function of the
 * optimizer step t = 0, 1, 2, … (the number of updates made before this
 * one). A schedule has no state of its own: the optimizer keeps the step
 * count, so a checkpoint that stores the count resumes the schedule exactly.
 *
 * @module
 */
import * as t from 'io-ts'
import { NonNegativeNumberC, PositiveNumberC, strictType, taggedUnion } from '../matrix/json.js'

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
 * A schedule as data, so that it can be stored in a checkpoint and rebuilt
 * with {@link scheduleFromSpec}.
 *
 * @category schedules
 */
export type ScheduleSpec =
  | { readonly kind: 'constant'; readonly lr: number }
  | { readonly kind: 'step'; readonly lr: number; readonly factor: number; readonly every: number }
  | { readonly kind: 'exponential'; readonly lr: number; readonly rate: number; readonly every: number }
  | { readonly kind: 'cosine'; readonly lr: number; readonly steps: number; readonly alpha: number }

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
  }
}

/**
 * The io-ts codec of a {@link ScheduleSpec}: `kind` picks the case, each
 * case has exactly its own keys, learning rates and periods must be
 * positive, and cosine's α ≥ 0 (not −0, which JSON would write back as 0).
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
  } as Readonly<Record<string, t.Type<ScheduleSpec, ScheduleSpec>>>,
  'ScheduleSpec',
)
