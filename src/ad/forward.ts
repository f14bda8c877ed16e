import { ShapeError } from '../matrix/ShapeError.js'
import { bind, withTrace } from './bind.js'
import type { AnyValue, Primitive, Trace } from './core.js'
import { Tracer, asValue, checkRuleShape, enterHooks, enterPass, isTracerOf, primalAt, zerosLike } from './core.js'
import { addPrim } from './ops/add.js'
import { leaves, rebuild } from './Tree.js'
import { describeShape } from './declare.js'

/**
 * The tangent of a primitive's output from the tangents of its arguments
 * (undefined where an argument has none): the sum of the partial
 * pushforwards, ẏ = Σᵢ (∂f/∂xᵢ)·ẋᵢ in argument order, or the primitive's
 * own rule over all tangents at once. Each partial must have the output's
 * shape; a rule that returns another is reported by name. Undefined when no
 * argument has a tangent.
 */
export const tangentOf = <P>(
  prim: Primitive<P>,
  tangents: ReadonlyArray<AnyValue | undefined>,
  primals: ReadonlyArray<AnyValue>,
  out: AnyValue,
  params: P,
): AnyValue | undefined => {
  if (tangents.every((t) => t === undefined)) return undefined
  if (prim.jvpAll !== undefined)
    return checkRuleShape(prim, 'JVP', undefined, prim.jvpAll(tangents, primals, out, params), out)
  return tangents.reduce<AnyValue | undefined>((acc, t, i) => {
    const rule = prim.jvp[i]
    if (t === undefined || rule === undefined) return acc
    const ti = checkRuleShape(prim, 'JVP', i, rule(t, primals, out, params), out)
    return acc === undefined ? ti : bind(addPrim, [acc, ti], undefined)
  }, undefined)
}

/**
 * Forward mode's interpretation of a primitive: the primal output from the
 * primals, and its tangent from those of the arguments that are this
 * trace's tracers (see {@link tangentOf}).
 */
const pushPrimitive =
  (trace: Trace) =>
  <P>(prim: Primitive<P>, args: ReadonlyArray<AnyValue>, params: P): AnyValue => {
    const primals = args.map((a) => primalAt(trace, a))
    const out = bind(prim, primals, params)
    const tangents = args.map((a) => (isTracerOf(trace, a) ? a.tangent : undefined))
    // the tangent's operations are named to the outer transforms that ask (checkFinite)
    const leave = enterPass(enterHooks(out), `the tangent (JVP) of ${prim.name}`)
    const tangent = tangentOf(prim, tangents, primals, out, params)
    leave()
    return asValue(new Tracer(trace, out, tangent, -1))
  }

/**
 * Runs f on dual numbers of a new forward-mode trace: each input leaf
 * carries the matching leaf of the tangent tree. Returns the output tree and
 * its tangent tree (zeros where the output does not depend on the input).
 */
export const pushforward = <X, Y>(f: (x: X) => Y, x: X, tangent: X): readonly [Y, Y] =>
  withTrace(
    (level, isActive): Trace => {
      const trace: Trace = {
        level,
        isActive,
        process: (prim, args, params) => pushPrimitive(trace)(prim, args, params),
      }
      return trace
    },
    (trace) => {
      const xs = leaves(x)
      const ts = leaves(tangent, 'tangent')
      if (xs.length !== ts.length) {
        throw new ShapeError('jvp', [], `the tangent has ${String(ts.length)} leaves, the input ${String(xs.length)}`)
      }
      const inputs = xs.map((xi, i) => {
        const ti = ts[i]
        if (ti === undefined || describeShape(ti) !== describeShape(xi)) {
          throw new ShapeError(
            'jvp',
            [],
            `tangent leaf ${String(i)} is ${describeShape(ti ?? 0)}, the input is ${describeShape(xi)}`,
          )
        }
        return asValue(new Tracer(trace, xi, ti, -1))
      })
      const y = f(rebuild(x, inputs))
      const ys = leaves(y, 'output')
      return [
        rebuild(
          y,
          ys.map((o) => primalAt(trace, o)),
          'output',
        ),
        rebuild(
          y,
          ys.map((o) => (o instanceof Tracer && o.trace === trace ? (o.tangent ?? zerosLike(o.primal)) : zerosLike(o))),
          'output',
        ),
      ] as const
    },
  )
