import { Tracer } from './core.js'
import type { Value } from './core.js'
import { mapLeaves } from './Tree.js'

const strip = (v: Value): Value => (v instanceof Tracer ? v.cut(strip) : v)

/**
 * The same tree with every derivative cut: its leaves become the plain
 * numbers and matrices they stand for, constants to every transform that is
 * running (∂ stopGradient(x) / ∂x = 0); under `vmap` they stay batches of
 * such values. Reading raw entries of a value
 * being differentiated is only possible through this door, so a dropped
 * derivative is always visible in the code.
 *
 * @example
 * const m = Matrix.sum(stopGradient(x))   // a plain number, even inside grad
 * @category transforms
 */
export const stopGradient = <T>(tree: T): T => mapLeaves(tree, strip)
