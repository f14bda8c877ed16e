import { bind } from '../bind.js'
import type { AnyValue, Value } from '../core.js'
import type { Matrix } from '../../matrix/Matrix.js'
import { buffer, fromBuffer } from '../../matrix/internal.js'
import * as K from '../../matrix/kernels.js'
import type { DeclaredPrimitive } from '../declare.js'
import { broadcastTo } from './broadcastTo.js'

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
