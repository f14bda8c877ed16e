/**
 * Automatic differentiation: the differentiable operations and the
 * transforms that turn a function into its derivatives.
 *
 * @module
 */
export * from './ops/index.js'
export {
  grad,
  valueAndGrad,
  gradWithAux,
  valueAndGradWithAux,
  vjp,
  jvp,
  derivative,
  jacfwd,
  jacrev,
  hessian,
  hvp,
} from './transforms.js'
export type { Pullback, Scalar } from './transforms.js'
export { stopGradient } from './stopGradient.js'
export { customJvp, customVjp, type JvpRule, type VjpRule } from './custom.js'
export { registerTreeNode, treeNode, type Tree, type TreeNode, type TreeNodeParts } from './Tree.js'
export type { Value, Primitive, PartialRule } from './core.js'
export type { Draw, Range, Sample, DeclaredPrimitive } from './declare.js'
export { bind } from './bind.js'
