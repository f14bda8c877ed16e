import type { Matrix } from '../../matrix/Matrix.js'
import { exp } from './exp.js'
import { logSumExpCols } from './reductions.js'
import { sub } from './sub.js'

/**
 * log softmax per column: zᵢⱼ − log Σₖ exp(zₖⱼ). Stable for any magnitude
 * (at z = [1000, −1000] it gives [0, −2000]), and the log-likelihood of a
 * softmax output without ever taking the log of a rounded-to-zero
 * probability.
 *
 * @category activations
 */
export const logSoftmax = <R extends number, C extends number>(z: Matrix<R, C>): Matrix<R, C> =>
  sub(z, logSumExpCols(z))

/**
 * softmax per column: aᵢⱼ = exp(zᵢⱼ) / Σₖ exp(zₖⱼ), computed as
 * exp(logSoftmax(z)) so that it never overflows and each column sums to 1.
 *
 * @category activations
 */
export const softmax = <R extends number, C extends number>(z: Matrix<R, C>): Matrix<R, C> => exp(logSoftmax(z))
