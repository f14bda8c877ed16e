import type { AnyValue, Primitive, Trace } from './core.js'
import { Tracer } from './core.js'

/**
 * How deep transforms are nested right now (0 outside every transform).
 *
 * This is the one piece of dynamic state in nabla. A transform increments
 * it on entry and restores it on exit (also when the function throws), so
 * it is 0 whenever no transform is running and a result never depends on
 * what ran before. It exists because a function may close over a tracer of
 * an enclosing transform: only the nesting depth tells which of two
 * transforms is the inner one, and so which perturbation is which.
 */
// eslint-disable-next-line functional/no-let -- see above: scoped, restored on exit
let depth = 0

/**
 * Runs `body` as a new transform, one level deeper than the transforms
 * running now. `make` builds the trace from its level and a test of whether
 * it is still running; the trace is active only while `body` runs.
 */
export const withTrace = <T extends Trace, R>(
  make: (level: number, isActive: () => boolean) => T,
  body: (trace: T) => R,
): R => {
  const level = depth + 1
  // eslint-disable-next-line functional/no-let -- local flag, flipped once when the transform returns
  let active = true
  const trace = make(level, () => active)
  depth = level
  try {
    return body(trace)
  } finally {
    depth = level - 1
    active = false
  }
}

/** The innermost trace among the arguments, or undefined if they are all plain values. */
const topTrace = (args: ReadonlyArray<AnyValue>): Trace | undefined =>
  args.reduce<Trace | undefined>((top, a) => {
    if (!(a instanceof Tracer)) return top
    const t = a.trace
    if (!t.isActive()) {
      throw new Error(
        'a tracer escaped its transform: a value being differentiated was kept (in a closure, a variable or a ' +
          'result) after the transform that created it had returned. Return plain values from the function instead.',
      )
    }
    if (top === undefined || t.level > top.level) return t
    if (t.level === top.level && t !== top) {
      throw new Error('tracers of two different transforms at the same depth met: one of them escaped its transform')
    }
    return top
  }, undefined)

/**
 * Applies a primitive to its arguments: with plain arguments, `prim.impl`;
 * otherwise the innermost transform among the arguments interprets the
 * operation (see `Trace.process`). Either way the primal result is computed
 * by `bind` on the unwrapped arguments, so outer transforms see the
 * operation too.
 */
export const bind = <P>(prim: Primitive<P>, args: ReadonlyArray<AnyValue>, params: P): AnyValue => {
  const trace = topTrace(args)
  return trace === undefined ? prim.impl(args, params) : trace.process(prim, args, params)
}
