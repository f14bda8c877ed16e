/**
 * nabla's differentiable operations: each primitive declared once, with its
 * value, JVP and VJP side by side, plus composites built from them.
 */
import { deepFreeze } from '../../matrix/freeze.js'
import type { DeclaredPrimitive } from '../declare.js'
import { absPrim } from './abs.js'
import { cosPrim, sinPrim } from './trig.js'
import { expm1Prim } from './expm1.js'
import { log1pPrim } from './log1p.js'
import { maxSharePrim, maximumPrim } from './maximum.js'
import { normPrim } from './norm.js'
import { addPrim } from './add.js'
import { broadcastPrim, sumColsPrim, sumPrim, sumRowsPrim } from './sums.js'
import { divPrim } from './div.js'
import { expPrim } from './exp.js'
import { logPrim } from './log.js'
import { matmulPrim } from './matmul.js'
import { mulPrim } from './mul.js'
import { negPrim } from './neg.js'
import { powPrim } from './pow.js'
import { reluPrim } from './relu.js'
import { reshapePrim } from './reshape.js'
import { sigmoidPrim } from './sigmoid.js'
import { signPrim } from './sign.js'
import { embedPrim, slicePrim } from './slice.js'
import { softplusPrim } from './softplus.js'
import { sqrtPrim } from './sqrt.js'
import { squarePrim } from './square.js'
import { stepPrim } from './step.js'
import { subPrim } from './sub.js'
import { tanhPrim } from './tanh.js'
import { transposePrim } from './transpose.js'
import { xdivyPrim } from './xdivy.js'
import { xlogyPrim } from './xlogy.js'

export { abs } from './abs.js'
export { cos, sin } from './trig.js'
export { expm1 } from './expm1.js'
export { log1p } from './log1p.js'
export { clip, maximum, minimum } from './maximum.js'
export { norm } from './norm.js'
export { add } from './add.js'
export { div } from './div.js'
export { exp } from './exp.js'
export { log } from './log.js'
export { matmul, matmulNT, matmulTN } from './matmul.js'
export { mul, scale } from './mul.js'
export { neg } from './neg.js'
export { pow } from './pow.js'
export { relu } from './relu.js'
export { reshape } from './reshape.js'
export { sigmoid } from './sigmoid.js'
export { sign } from './sign.js'
export { slice, sliceCols, sliceRows } from './slice.js'
export { softplus } from './softplus.js'
export { sqrt } from './sqrt.js'
export { square } from './square.js'
export { step } from './step.js'
export { sub } from './sub.js'
export { sum, sumCols, sumRows } from './sums.js'
export { tanh } from './tanh.js'
export { transpose } from './transpose.js'
export { xdivy } from './xdivy.js'
export { xlogy } from './xlogy.js'
export { dot, logSumExp, logSumExpCols, mean } from './reductions.js'
export { logSoftmax, softmax } from './softmax.js'
export { stackCols, stackRows } from './stack.js'
export type { Broadcast, Operand, Same } from './types.js'

/**
 * Every primitive of the op set. The derivative laws run over this list, so
 * a primitive added here is checked against finite differences without a
 * test of its own.
 */
export const primitives: ReadonlyArray<DeclaredPrimitive<never>> = deepFreeze([
  addPrim,
  subPrim,
  mulPrim,
  divPrim,
  negPrim,
  matmulPrim,
  transposePrim,
  sumPrim,
  sumRowsPrim,
  sumColsPrim,
  broadcastPrim,
  expPrim,
  logPrim,
  tanhPrim,
  sigmoidPrim,
  reluPrim,
  stepPrim,
  softplusPrim,
  squarePrim,
  sqrtPrim,
  powPrim,
  absPrim,
  signPrim,
  slicePrim,
  embedPrim,
  reshapePrim,
  xlogyPrim,
  xdivyPrim,
  sinPrim,
  cosPrim,
  log1pPrim,
  expm1Prim,
  maximumPrim,
  maxSharePrim,
  normPrim,
]) as unknown as ReadonlyArray<DeclaredPrimitive<never>>
