/**
 * `nabla/extend`: what an author of a new primitive needs, as autograd's
 * `autograd.extend`. A primitive is a value: its name, its plain
 * implementation, one JVP and one VJP rule per argument and, for the laws,
 * how to draw its inputs. `bind` applies it to operands (numbers, matrices
 * or the tracers of a transform), so the new op is differentiable in every
 * mode at once.
 *
 * @example
 * import { bind, elementwise } from 'nabla/extend'
 * import { mul, type Operand } from 'nabla'
 * const cubePrim = elementwise({ name: 'cube', f: (x) => x ** 3, derivative: (x) => mul(3, mul(x, x)) })
 * const cube = (x: Operand): Operand => bind(cubePrim, [x], undefined)
 *
 * Check it with `nabla/laws`: `derivativeLaws(primitiveCases(cubePrim), 'cube')`
 * states its JVP and VJP against central differences, on the inputs its
 * `sample` draws.
 *
 * @module nabla/extend
 */
export { bind } from './ad/bind.js'
export { primitives } from './ad/ops/primitives.js'
export type { Primitive, PartialRule, Value } from './ad/core.js'
export {
  binaryImpl,
  sampleBroadcastPair,
  unaryImpl,
  type DeclaredPrimitive,
  type Draw,
  type Range,
  type Sample,
} from './ad/declare.js'
export { elementwise } from './ad/ops/elementwise.js'
export { unbroadcast } from './ad/ops/sums.js'
