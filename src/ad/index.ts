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
export type { Pullback } from './transforms.js'
export { stopGradient } from './stopGradient.js'
export { customJvp, customVjp, type JvpRule, type VjpRule } from './custom.js'
export { registerTreeNode, treeNode, type Tree, type TreeNode, type TreeNodeParts } from './Tree.js'
export type { Value } from './core.js'
