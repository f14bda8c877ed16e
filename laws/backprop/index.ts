export { networkCases, type NetworkCase, type NetworkConstraints } from './arbitraries.js'
export {
  bp1MatchesFiniteDifference,
  bp2MatchesFiniteDifference,
  bp3MatchesFiniteDifference,
  bp4MatchesFiniteDifference,
  backpropAgreesWithGrad,
  backpropAgreesWithForwardMode,
  batchGradientIsMeanOfExampleGradients,
  gradientsHaveTheShapesOfTheParameters,
  weightDecayAddsLambdaOverNTimesW,
  backpropIsDifferentiable,
  backpropLaws,
} from './laws.js'
export { costFromZMatchesCostOfActivation, costLaws, costStaysFiniteWhereTheMathIs, type CostCase } from './costs.js'
export { anyModel, encodeModelRoundTrips, identicalModels, modelCodecLaws, type ModelConstraints } from './codec.js'
