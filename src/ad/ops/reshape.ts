import { bind } from '../bind.js'
import type { Value } from '../core.js'
import { shapeOfValue } from '../core.js'
import type { Matrix } from '../../matrix/Matrix.js'
import { ShapeError } from '../../matrix/ShapeError.js'
import { buffer, fromBuffer } from '../../matrix/internal.js'
import type { DeclaredPrimitive } from '../declare.js'
import { sum } from './sums.js'

/** The new shape; rows·cols must equal the number of entries. A scalar counts as 1×1. */
export interface ReshapeParams {
  readonly rows: number
  readonly cols: number
}

/**
 * The same entries in row-major order, read into a new shape (a scalar is
 * read as a 1×1 matrix).
 *
 * - JVP: Ẋ ↦ reshape(Ẋ)
 * - VJP: C̄ ↦ C̄ reshaped back to X's shape (for a scalar X, the one entry of
 *   the 1×1 C̄ as a number, so a gradient has the structure of its input)
 */
export const reshapePrim: DeclaredPrimitive<ReshapeParams> = {
  name: 'reshape',
  impl: ([v], { rows, cols }) => {
    const x = v as Value
    const data = typeof x === 'number' ? Float64Array.of(x) : buffer(x).slice()
    if (data.length !== rows * cols) {
      const from = typeof x === 'number' ? ([1, 1] as const) : ([x.rows, x.cols] as const)
      throw new ShapeError('reshape', [from, [rows, cols]], 'the number of entries must not change')
    }
    return fromBuffer(rows, cols, data)
  },
  jvp: [(t, _, __, p) => bind(reshapePrim, [t], p)],
  vjp: [
    (c, [x]) => {
      const s = shapeOfValue(x as Value)
      return s === undefined ? sum(c) : bind(reshapePrim, [c], { rows: s[0], cols: s[1] })
    },
  ],
  sample: (d) => {
    // a number read as 1×1, whose gradient must come back a number
    if (d.oneOf([false, false, true])) return { args: [d.number()], params: { rows: 1, cols: 1 } }
    const rows = d.size(1, 4)
    const cols = d.size(1, 4)
    return {
      args: [d.matrix(rows, cols)],
      params: d.oneOf([
        { rows: rows * cols, cols: 1 },
        { rows: 1, cols: rows * cols },
        { rows: cols, cols: rows },
      ]),
    }
  },
}

/** The entries of x, row-major, read into a rows×cols matrix. @category operations */
export const reshape = <R extends number, C extends number>(x: Matrix | number, rows: R, cols: C): Matrix<R, C> =>
  bind(reshapePrim, [x], { rows, cols }) as Matrix<R, C>
