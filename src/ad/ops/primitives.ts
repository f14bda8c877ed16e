/**
 * The list of every primitive of nabla's op set, for the laws and for
 * authors of new ops (`nabla/extend`). It is kept out of the ops barrel, so
 * that the package root does not export it.
 */
import { deepFreeze } from '../../matrix/freeze.js'
import type { DeclaredPrimitive } from '../declare.js'
import { absPrim } from './abs.js'
import { cosPrim, sinPrim } from './trig.js'
import { expm1Prim } from './expm1.js'
import { log1pPrim } from './log1p.js'
import { maxSharePrim, maximumPrim } from './maximum.js'
import { normPrim } from './norm.js'
import { wherePrim } from './where.js'
import { addPrim } from './add.js'
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
import { stackPrim } from './stack.js'
import { stepPrim } from './step.js'
import { subPrim } from './sub.js'
import { broadcastPrim, sumColsPrim, sumPrim, sumRowsPrim } from './sums.js'
import { tanhPrim } from './tanh.js'
import { transposePrim } from './transpose.js'
import { xdivyPrim } from './xdivy.js'
import { xlogyPrim } from './xlogy.js'

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
  wherePrim,
  stackPrim,
]) as unknown as ReadonlyArray<DeclaredPrimitive<never>>
