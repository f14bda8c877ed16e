import { bind } from '../bind.js'
import type { AnyValue, Value } from '../core.js'
import type { Matrix } from '../../matrix/Matrix.js'
import { buffer, fromBuffer } from '../../matrix/internal.js'
import * as K from '../../matrix/kernels.js'
import type { DeclaredPrimitive } from '../declare.js'
import { broadcastTo } from './broadcastTo.js'

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
