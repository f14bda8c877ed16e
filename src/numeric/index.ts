/**
 * Numerical checking of derivatives: central differences, tolerances,
 * `checkGrads`, the Taylor-remainder test and the kink-aware check.
 *
 * @module
 */
export { isClose, relativeError, type Tolerance } from './tolerance.js'
export {
  centralDifference,
  centralStep,
  extrapolatedDifference,
  numericGradient,
  oneSidedDifferences,
} from './finiteDifference.js'
export {
  checkGrads,
  type CheckGradsOptions,
  type GradCheckFailure,
  type GradCheckReport,
  type Mode,
} from './checkGrads.js'
export { taylorTest, type TaylorReport } from './taylor.js'
export { checkBetweenOneSided } from './kink.js'
export { checkFinite, type NonFinite, type OperandReport } from './checkFinite.js'
