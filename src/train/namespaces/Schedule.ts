/**
 * Learning-rate schedules: functions from the step number to a learning
 * rate (constant, step decay, exponential decay, cosine decay), and their
 * spec (plain data, with its codec) for checkpoints.
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
  scheduleFromSpec,
  ScheduleSpecC,
  stepDecaySchedule,
  toSchedule,
  type LearningRate,
  type Schedule,
  type ScheduleSpec,
} from '../Schedule.js'
