import { bind } from '../bind.js'
import type { Matrix } from '../../matrix/Matrix.js'
import type { Value } from '../core.js'
import { buffer, fromBuffer } from '../../matrix/internal.js'
import * as K from '../../matrix/kernels.js'
import type { DeclaredPrimitive } from '../declare.js'

/**
 * Xᵀ.
 *
 * - JVP: Ẋ ↦ Ẋᵀ
 * - VJP: C̄ ↦ C̄ᵀ
 */
export const transposePrim: DeclaredPrimitive<undefined> = {
  name: 'transpose',
  impl: ([x]) => {
    const v = x as Value
    return typeof v === 'number' ? v : fromBuffer(v.cols, v.rows, K.transpose(v.rows, v.cols, buffer(v)))
  },
  jvp: [(t) => bind(transposePrim, [t], undefined)],
  vjp: [(c) => bind(transposePrim, [c], undefined)],
  sample: (d) => ({ args: [d.matrix(d.size(1, 4), d.size(1, 4))], params: undefined }),
}

/** Xᵀ. @category operations */
export const transpose = <R extends number, C extends number>(x: Matrix<R, C>): Matrix<C, R> =>
  bind(transposePrim, [x], undefined) as Matrix<C, R>
