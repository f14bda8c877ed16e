/**
 * Automatic differentiation: the differentiable operations and the
 * transforms that turn a function into its derivatives. What authors of new
 * primitives need (`bind`, the primitive list, the rule types and builders)
 * is in `src/extend.ts` (`nabla/extend`).
 *
 * @module
 */
export * from './ops/index.js'
export {
  grad,
  valueAndGrad,
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- kept for code written before hasAux was an option
  gradWithAux,
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- kept for code written before hasAux was an option
  valueAndGradWithAux,
  vjp,
  jvp,
  derivative,
} from './transforms.js'
export {
  hessian,
  hvp,
  jacfwd,
  jacrev,
  type HessianTransform,
  type Jacobian,
  type JacobianBlock,
  type JacobianOptions,
  type JacobianTransform,
} from './jacobians.js'
export type { Pullback, Scalar, Vjp, Jvp } from './transforms.js'
export type { Argnums, GradOf, GradOptions, Grad, ValueAndGrad } from './gradients.js'
export { linearize, linearTranspose, type Pushforward } from './linearize.js'
export { stopGradient } from './stopGradient.js'
export { vmap, type Axis, type VmapOptions } from './vmap.js'
export {
  evalTraced,
  showTraced,
  trace,
  type Atom,
  type Constant,
  type Equation,
  type TracedProgram,
  type TracedShape,
  type Variable,
} from './traced.js'
export { tracedAdjoints, tracedSvg, type TracedSvgOptions } from './tracedGraph.js'
export {
  customJvp,
  customVjp,
  customVjpWithResiduals,
  type BwdRule,
  type FwdRule,
  type JvpRule,
  type VjpRule,
} from './custom.js'
export { registerTreeNode, treeNode, type Tree, type TreeNode, type TreeNodeParts } from './Tree.js'
export type { Value } from './core.js'
