/**
 * Backpropagation as the four equations of the textbook, each an exported
 * function, and the network they act on.
 *
 * @module
 */
export {
  activations,
  identityActivation,
  reluActivation,
  sigmoidActivation,
  softmaxActivation,
  tanhActivation,
  type Activation,
  type ActivationName,
} from './Activation.js'
export { costs, crossEntropyCost, logLikelihoodCost, quadraticCost, type Cost, type CostName } from './Cost.js'
export { initNetwork, sizes, type Layer, type Layers, type Network, type WeightInit } from './Network.js'
export { outputError, hiddenError, biasGradient, weightGradient, bp1, bp2, bp3, bp4 } from './equations.js'
export {
  backprop,
  costFromLayer,
  errors,
  feedforward,
  networkCost,
  outputCost,
  outputErrorOf,
  outputOf,
  predict,
  sgdBackpropStep,
  valueAndBackprop,
  type ForwardPass,
} from './backprop.js'
export { l2Penalty, addWeightDecay } from './regularization.js'
export { modelCodec, decodeModel, encodeModel, type Model, type ModelJson } from './codec.js'
export { mazurExample, mazurGraphSvg, type MazurExample } from './mazur.js'
