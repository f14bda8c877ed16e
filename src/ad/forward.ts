import { ShapeError } from '../matrix/ShapeError.js'
import { primalAt, withTrace } from './bind.js'
import { zerosLike } from './reverse.js'
import type { Trace } from './Tracer.js'
import { Tracer, asValue } from './Tracer.js'
import { leaves, rebuild } from './Tree.js'
import { describeShape } from './declare.js'

/**
 * Runs f on dual numbers of a new forward-mode trace: each input leaf
 * carries the matching leaf of the tangent tree. Returns the output tree and
 * its tangent tree (zeros where the output does not depend on the input).
 */
export const pushforward = <X, Y>(f: (x: X) => Y, x: X, tangent: X): readonly [Y, Y] =>
  withTrace(
    (level, isActive): Trace => ({ level, kind: 'forward', isActive }),
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
