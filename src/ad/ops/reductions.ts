import type { Matrix } from '../../matrix/Matrix.js'
import * as M from '../../matrix/ops.js'
import { stopGradient } from '../stopGradient.js'
import { shapeOfValue } from '../core.js'
import { add } from './add.js'
import { div } from './div.js'
import { exp } from './exp.js'
import { log } from './log.js'
import { mul } from './mul.js'
import { sub } from './sub.js'
import { sum, sumCols } from './sums.js'
import type { Broadcastable, Operand } from './types.js'
import { perExampleConstant } from '../batch.js'

/**
 * The mean of all entries: (1/n) Σᵢⱼ xᵢⱼ, computed as (Σᵢⱼ xᵢⱼ) / n, so it
 * equals `Matrix.mean` bit for bit.
 *
 * @category reductions
 */
export const mean = (x: Operand): number => {
  const s = shapeOfValue(x)
  return s === undefined ? sum(x) : div(sum(x), s[0] * s[1])
}

/**
 * ⟨a, b⟩ = Σᵢⱼ aᵢⱼbᵢⱼ: the dot product of two vectors, or the Frobenius
 * inner product (of the broadcast operands).
 *
 * @category reductions
 */
export const dot = <A extends Operand, B extends Operand>(a: A, b: B & Broadcastable<'dot', A, B>): number =>
  sum(mul<A, Operand>(a, b))

/** The largest entry, as a constant (for shifting exponentials); 0 if it is not finite. Under `vmap`, each example's. */
const shift = (x: Operand): number =>
  perExampleConstant(stopGradient(x), (plain) => {
    const m = typeof plain === 'number' ? plain : M.max(plain)
    return Number.isFinite(m) ? m : 0
  }) as number

/**
 * log Σᵢⱼ exp(xᵢⱼ), computed as m + log Σ exp(xᵢⱼ − m) with m the largest
 * entry, so it is exact at |x| = 1000 where the naive formula overflows. The
 * shift m is a constant (the result does not depend on it), so the
 * derivative is the softmax of all entries, to every order.
 *
 * @category reductions
 */
export const logSumExp = (x: Operand): number => {
  const m = shift(x)
  return add(m, log(sum(exp(sub(x, m)))))
}

/** Per-column maxima as a constant 1×C row, with non-finite maxima replaced by 0. */
const columnShift = (z: Matrix): Matrix =>
  perExampleConstant(stopGradient(z), (plain) =>
    M.map(M.maxCols(plain as Matrix), (m) => (Number.isFinite(m) ? m : 0)),
  ) as Matrix

/**
 * The 1×C row of log Σᵢ exp(zᵢⱼ), one per column (per example), stable for
 * any magnitude (see {@link logSumExp}).
 *
 * @category reductions
 */
export const logSumExpCols = <C extends number>(z: Matrix<number, C>): Matrix<1, C> => {
  const m = columnShift(z)
  return add(m, log(sumCols(exp(sub(z, m))))) as Matrix<1, C>
}
