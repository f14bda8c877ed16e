/**
 * Evaluation of a classifier network on a data set: its cost, predictions,
 * accuracy and confusion matrix, computed in chunks of examples.
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
  predictClasses,
  type EvaluateOptions,
  type Evaluation,
} from '../Evaluation.js'
export { validationEvaluation } from '../EarlyStopping.js'
