import type { AnyValue, Primitive, ReverseTrace, Trace } from './Tracer.js'
import { Tracer, asValue, sameShape, shapeOfValue } from './Tracer.js'
// A benign import cycle: add's own rules call bind, but only when they run, never at load time.
import { addPrim } from './ops/add.js'

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
 * Runs `body` as a new transform of the given kind, one level deeper than
 * the transforms running now. The trace is active only while `body` runs.
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

/** The primal of `v` as seen by trace `t`: unwraps t's own tracers, leaves others alone. */
export const primalAt = (t: Trace, v: AnyValue): AnyValue => (v instanceof Tracer && v.trace === t ? v.primal : v)

/**
 * Applies a primitive to its arguments.
 *
 * With plain arguments this is `prim.impl`. Otherwise the innermost
 * transform among the arguments interprets the operation: forward mode
 * pushes the tangents through `prim.jvp`, reverse mode records the
 * operation on its tape for the pullback to run `prim.vjp` later. Either
 * way the primal result is computed by `bind` on the unwrapped arguments,
 * so outer transforms see the operation too.
 */
export const bind = <P>(prim: Primitive<P>, args: ReadonlyArray<AnyValue>, params: P): AnyValue => {
  const trace = topTrace(args)
  if (trace === undefined) return prim.impl(args, params)
  const primals = args.map((a) => primalAt(trace, a))
  const out = bind(prim, primals, params)
  if (trace.kind === 'forward') {
    const tangents = args.map((a) => (a instanceof Tracer && a.trace === trace ? a.tangent : undefined))
    if (tangents.every((t) => t === undefined)) return asValue(new Tracer(trace, out, undefined, -1))
    const tangent =
      prim.jvpAll !== undefined
        ? checkRuleShape(prim, 'JVP', undefined, prim.jvpAll(tangents, primals, out, params), out)
        : tangents.reduce<AnyValue | undefined>((acc, t, i) => {
            const rule = prim.jvp[i]
            if (t === undefined || rule === undefined) return acc
            const ti = checkRuleShape(prim, 'JVP', i, rule(t, primals, out, params), out)
            return acc === undefined ? ti : bind(addPrim, [acc, ti], undefined)
          }, undefined)
    return asValue(new Tracer(trace, out, tangent, -1))
  }
  const tape = (trace as ReverseTrace).tape
  const parents = args.map((a) => (a instanceof Tracer && a.trace === trace ? a.node : -1))
  // eslint-disable-next-line functional/immutable-data -- the tape is local to one reverse-mode call
  tape.entries.push({ prim: prim as Primitive, args: primals, params, out, parents })
  return asValue(new Tracer(trace, out, undefined, tape.entries.length - 1))
}

const describe = (v: AnyValue): string => {
  const s = shapeOfValue(v)
  return s === undefined ? 'a scalar' : `a ${String(s[0])}×${String(s[1])} matrix`
}

/**
 * A derivative rule must return exactly the shape it stands for: a JVP the
 * shape of the primitive's output, a VJP the shape of its argument (a
 * number for a number, never a 1×1 matrix for one). A rule that does not is
 * a bug in that rule, which this reports by name instead of letting a wrong
 * shape flow into later operations (where it would be broadcast silently).
 */
export const checkRuleShape = (
  prim: { readonly name: string },
  kind: 'JVP' | 'VJP',
  argument: number | undefined,
  result: AnyValue,
  expected: AnyValue,
): AnyValue => {
  if (sameShape(result, expected)) return result
  const along = argument === undefined ? '' : ` along argument ${String(argument)}`
  const wants = kind === 'JVP' ? "the output's shape" : "that argument's shape"
  throw new TypeError(
    `the ${kind} rule of ${prim.name}${along} returned ${describe(result)}, but must return ${wants}, ${describe(expected)}`,
  )
}
