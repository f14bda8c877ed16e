import { bind } from '../bind.js'
import type { AnyValue } from '../core.js'
import type { Matrix } from '../../matrix/Matrix.js'
import { buffer } from '../../matrix/internal.js'
import * as K from '../../matrix/kernels.js'
import type { DeclaredPrimitive } from '../declare.js'
import { broadcastTo } from './broadcastTo.js'
import type { Operand } from './types.js'

/**
 * s = Σᵢⱼ xᵢⱼ, the sum of all entries (compensated summation).
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
