/**
 * Learning-rate schedules: functions from the step number to a learning
 * rate (constant, step decay, exponential decay, cosine decay, linear,
 * warm-up then cosine decay, and schedules joined one after the other), and
 * their spec (plain data, with its codec) for checkpoints.
 *
 * @example
 * const lr = Schedule.cosineDecaySchedule(0.1, 1000)
 * const opt = Optim.sgd(lr)
 *
 * @module
 */
export {
  constantSchedule,
  cosineDecaySchedule,
  exponentialDecaySchedule,
  joinSchedules,
  linearSchedule,
  scheduleFromSpec,
  ScheduleSpecC,
  stepDecaySchedule,
  toSchedule,
  warmupCosineDecaySchedule,
  type LearningRate,
  type Schedule,
  type ScheduleSpec,
} from '../Schedule.js'
