export { drawFrom, casesOf, primitiveCases, type DiffCase } from './draw.js'
export { kinkCases } from './kinks.js'
export {
  EXACT_TOLERANCE,
  FINITE_DIFFERENCE_TOLERANCE,
  jvpMatchesCentralDifference,
  vjpIsAdjointOfJvp,
  jvpIsLinear,
  forwardAndReverseJacobiansAgree,
  secondOrderDerivativesMatchFiniteDifferences,
  taylorRemainderIsQuadratic,
  derivativeLiesBetweenOneSidedDifferences,
  derivativeLaws,
} from './derivative.js'
export {
  smoothCases,
  smoothFunction,
  chainRuleHolds,
  hessianIsSymmetric,
  hvpMatchesFiniteDifferenceOfGrad,
  hvpEqualsHessianTimesVector,
  transformsAreDeterministic,
  perturbationsAreNotConfused,
  secondDerivativesAgreeAcrossModes,
  type SmoothCase,
} from './transforms.js'
export {
  nablaOps,
  programs,
  runProgram,
  showProgram,
  type Program,
  type ProgramCase,
  type ProgramOps,
  type ProgramOptions,
  type Shape,
  type Step,
} from './program.js'
export {
  programArgnumsAgreeWithClosures,
  programDerivativesKeepStructure,
  programHvpAgreesFourWays,
  programHvpMatchesFiniteDifferenceOfGrad,
  programJacobiansAgree,
  programJvpMatchesCentralDifference,
  programLaws,
  programThirdDerivativesAgree,
  programVjpIsAdjointOfJvp,
  structureDifference,
  type ArgnumsGrad,
  type ProgramLawOptions,
  type SeededProgram,
} from './programs.js'
