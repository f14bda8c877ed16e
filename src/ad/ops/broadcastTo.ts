import { bind } from '../bind.js'
import type { AnyValue, Value } from '../core.js'
import { shapeOfValue } from '../core.js'
import { ShapeError } from '../../matrix/ShapeError.js'
import { buffer, fromBuffer } from '../../matrix/internal.js'
import * as K from '../../matrix/kernels.js'
import type { DeclaredPrimitive } from '../declare.js'
import { unbroadcast } from './unbroadcast.js'

/** The target shape of a broadcast. */
export interface BroadcastParams {
  readonly rows: number
  readonly cols: number
}

const first = (x: number): number => x

/**
 * Stretches a scalar, a row, a column or a 1×1 matrix to rows×cols by
 * repetition (a matrix already of that shape is unchanged).
 *
 * - JVP: ẋ ↦ broadcast(ẋ)
 * - VJP: c ↦ unbroadcast(c, x), summing back over the repeated dimensions
 */
export const broadcastPrim: DeclaredPrimitive<BroadcastParams> = {
  name: 'broadcast',
  impl: ([x], { rows, cols }) => {
    const m = typeof x === 'number' ? fromBuffer(1, 1, Float64Array.of(x)) : (x as Exclude<Value, number>)
    if ((m.rows !== 1 && m.rows !== rows) || (m.cols !== 1 && m.cols !== cols)) {
      throw new ShapeError(
        'broadcast',
        [
          [m.rows, m.cols],
          [rows, cols],
        ],
        'cannot stretch the first shape to the second',
      )
    }
    return fromBuffer(
      rows,
      cols,
      K.zipBroadcast(rows, cols, buffer(m), m.rows, m.cols, buffer(m), m.rows, m.cols, first),
    )
  },
  jvp: [(t, _, __, params) => bind(broadcastPrim, [t], params)],
  vjp: [(c, [x]) => unbroadcast(c, x as AnyValue)],
  sample: (d) => {
    const rows = d.size(1, 4)
    const cols = d.size(1, 4)
    const x = d.oneOf(['scalar', 'row', 'column'] as const)
    return {
      args: [x === 'scalar' ? d.number() : x === 'row' ? d.matrix(1, cols) : d.matrix(rows, 1)],
      params: { rows, cols },
    }
  },
}

/**
 * `x` stretched to the shape of `like` (a scalar stays a scalar when `like`
 * is one). Used by the rules of reductions.
 */
export const broadcastTo = (x: AnyValue, like: AnyValue): AnyValue => {
  const s = shapeOfValue(like)
  if (s === undefined) return x
  const own = shapeOfValue(x)
  if (own !== undefined && own[0] === s[0] && own[1] === s[1]) return x
  return bind(broadcastPrim, [x], { rows: s[0], cols: s[1] })
}
