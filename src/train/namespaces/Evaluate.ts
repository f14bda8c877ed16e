/**
 * Evaluation of a classifier network on a data set: its cost, predictions,
 * accuracy and confusion matrix; and of a regression network: its cost and
 * RMSE. Both are computed in chunks of examples.
 *
 * @example
 * const { accuracy, cost } = Evaluate.evaluate(network, logLikelihoodCost, test)
 *
 * @module
 */
export {
  accuracy,
  confusionMatrix,
  DEFAULT_CHUNK_SIZE,
  evaluate,
  evaluateRegression,
  predictClasses,
  rmse,
  type EvaluateOptions,
  type Evaluation,
  type RegressionEvaluateOptions,
  type RegressionEvaluation,
} from '../Evaluation.js'
export { validationEvaluation } from '../EarlyStopping.js'
