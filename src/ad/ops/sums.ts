import * as K from '../../matrix/kernels.js'
import type { Matrix } from '../../matrix/Matrix.js'
import { ShapeError } from '../../matrix/ShapeError.js'
import { buffer, fromBuffer } from '../../matrix/internal.js'
import { bind } from '../bind.js'
import { shapeOfValue } from '../core.js'
import type { AnyValue, Value } from '../core.js'
import type { DeclaredPrimitive } from '../declare.js'
import type { Operand } from './types.js'

/**
 * Sums and broadcasts, declared together because each is the other's
 * adjoint: the VJP of a sum broadcasts its cotangent back over the entries
 * that were summed, and the VJP of a broadcast sums its cotangent over the
 * entries that were repeated (`unbroadcast`). Their rules refer to each
 * other, so they share one module instead of importing each other.
 *
 * @module
 */

/**
 * s = Σᵢⱼ xᵢⱼ, the sum of all entries (compensated summation, as every sum
 * in nabla: `sumRows` and `sumCols` give, bit for bit, the `sum` of each
 * row or column).
 *
 * - JVP: ẋ ↦ Σ ẋᵢⱼ
 * - VJP: c ↦ c·1 (the scalar cotangent broadcast to x's shape)
 */
export const sumPrim: DeclaredPrimitive<undefined> = {
  name: 'sum',
  impl: ([x]) => (typeof x === 'number' ? x : K.sum(buffer(x as Matrix))),
  jvp: [(t) => sum(t)],
  vjp: [(c, [x]) => broadcastTo(c, x as AnyValue)],
  sample: (d) => ({ args: [d.matrix(d.size(1, 4), d.size(1, 4))], params: undefined }),
}

/** Σᵢⱼ xᵢⱼ, the sum of all entries: a scalar. @category reductions */
export const sum = (x: Operand): number => bind(sumPrim, [x], undefined) as number

/**
 * The column of row sums: yᵢ = Σⱼ xᵢⱼ (an R×C matrix gives R×1). Summing a
 * batch's per-example columns, as BP3 does.
 *
 * - JVP: ẋ ↦ sumRows(ẋ)
 * - VJP: c ↦ c 1ᵀ (the column repeated across x's columns)
 */
export const sumRowsPrim: DeclaredPrimitive<undefined> = {
  name: 'sumRows',
  impl: ([v]) => {
    const x = v as Value
    if (typeof x === 'number') return x
    return fromBuffer(x.rows, 1, K.sumRows(x.rows, x.cols, buffer(x)))
  },
  jvp: [(t) => bind(sumRowsPrim, [t], undefined)],
  vjp: [(c, [x]) => broadcastTo(c, x as AnyValue)],
  sample: (d) => ({ args: [d.matrix(d.size(1, 4), d.size(1, 4))], params: undefined }),
}

/** The R×1 column of row sums, yᵢ = Σⱼ xᵢⱼ. @category reductions */
export const sumRows = <R extends number>(x: Matrix<R>): Matrix<R, 1> =>
  bind(sumRowsPrim, [x], undefined) as Matrix<R, 1>

/**
 * The row of column sums: yⱼ = Σᵢ xᵢⱼ (an R×C matrix gives 1×C).
 *
 * - JVP: ẋ ↦ sumCols(ẋ)
 * - VJP: c ↦ 1 c (the row repeated down x's rows)
 */
export const sumColsPrim: DeclaredPrimitive<undefined> = {
  name: 'sumCols',
  impl: ([v]) => {
    const x = v as Value
    if (typeof x === 'number') return x
    return fromBuffer(1, x.cols, K.sumCols(x.rows, x.cols, buffer(x)))
  },
  jvp: [(t) => bind(sumColsPrim, [t], undefined)],
  vjp: [(c, [x]) => broadcastTo(c, x as AnyValue)],
  sample: (d) => ({ args: [d.matrix(d.size(1, 4), d.size(1, 4))], params: undefined }),
}

/** The 1×C row of column sums, yⱼ = Σᵢ xᵢⱼ. @category reductions */
export const sumCols = <C extends number>(x: Matrix<number, C>): Matrix<1, C> =>
  bind(sumColsPrim, [x], undefined) as Matrix<1, C>

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

/**
 * The adjoint of broadcasting: sums a cotangent `c` of the broadcast shape
 * back down to the shape of the operand `like` — over everything for a
 * scalar operand, over columns for a column operand, over rows for a row.
 * Built from differentiable reductions, so it can be differentiated again.
 */
export const unbroadcast = (c: AnyValue, like: AnyValue): AnyValue => {
  const target = shapeOfValue(like)
  const have = shapeOfValue(c)
  if (have === undefined) return c
  if (target === undefined) return sum(c)
  const rowsDone = target[0] === have[0] ? c : sumCols(c as Matrix)
  return target[1] === have[1] ? rowsDone : sumRows(rowsDone as Matrix)
}
