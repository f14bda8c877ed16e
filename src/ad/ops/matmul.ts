import { bind } from '../bind.js'
import type { Value } from '../core.js'
import type { Matrix } from '../../matrix/Matrix.js'
import type { ProductRule } from '../../matrix/ShapeMismatch.js'
import { ShapeError } from '../../matrix/ShapeError.js'
import { buffer, fromBuffer } from '../../matrix/internal.js'
import { gemm } from '../../matrix/product.js'
import { describeShape, type DeclaredPrimitive } from '../declare.js'

/** Whether each operand enters transposed: C = op(A)·op(B). */
export interface MatmulParams {
  readonly ta: boolean
  readonly tb: boolean
}

/**
 * C = op(A)·op(B), where op(X) is X or Xᵀ as the params say. One primitive
 * for all four cases, because the rules of each are products of the others:
 *
 * - JVP: (Ȧ, Ḃ) ↦ op(Ȧ)·op(B) + op(A)·op(Ḃ)
 * - VJP for A: Ā = C̄·op(B)ᵀ, or op(B)·C̄ᵀ when A enters transposed
 * - VJP for B: B̄ = op(A)ᵀ·C̄, or C̄ᵀ·op(A) when B enters transposed
 *
 * so no transpose is ever materialised: BP2's (wˡ⁺¹)ᵀδ and BP4's δ(aˡ⁻¹)ᵀ
 * are this primitive with a flag set.
 */
export const matmulPrim: DeclaredPrimitive<MatmulParams> = {
  name: 'matmul',
  impl: ([a, b], { ta, tb }) => {
    if (typeof a === 'number' || typeof b === 'number' || a === undefined || b === undefined) {
      throw new ShapeError(
        'matmul',
        [],
        `needs two matrices, got ${describeShape(a ?? 0)} and ${describeShape(b ?? 0)}`,
      )
    }
    const [m, k] = ta ? [a.cols, a.rows] : [a.rows, a.cols]
    const [k2, n] = tb ? [b.cols, b.rows] : [b.rows, b.cols]
    if (k !== k2) {
      const name = ta ? (tb ? 'matmul (AᵀBᵀ)' : 'matmulTN') : tb ? 'matmulNT' : 'matmul'
      throw new ShapeError(
        name,
        [
          [a.rows, a.cols],
          [b.rows, b.cols],
        ],
        `inner dimensions ${String(k)} and ${String(k2)} differ`,
      )
    }
    return fromBuffer(m, n, gemm(m, n, k, buffer(a), ta, buffer(b), tb))
  },
  jvp: [
    (t, [, b], _, p) => bind(matmulPrim, [t, b as Value], p),
    (t, [a], _, p) => bind(matmulPrim, [a as Value, t], p),
  ],
  vjp: [
    (c, [, b], _, { ta, tb }) =>
      ta
        ? bind(matmulPrim, [b as Value, c], { ta: tb, tb: true })
        : bind(matmulPrim, [c, b as Value], { ta: false, tb: !tb }),
    (c, [a], _, { ta, tb }) =>
      tb
        ? bind(matmulPrim, [c, a as Value], { ta: true, tb: ta })
        : bind(matmulPrim, [a as Value, c], { ta: !ta, tb: false }),
  ],
  sample: (d) => {
    const [m, k, n] = [d.size(1, 4), d.size(1, 4), d.size(1, 4)]
    const ta = d.oneOf([false, true])
    const tb = d.oneOf([false, true])
    return {
      args: [ta ? d.matrix(k, m) : d.matrix(m, k), tb ? d.matrix(n, k) : d.matrix(k, n)],
      params: { ta, tb },
    }
  },
}

/**
 * The matrix product AB of an R×K and a K×C matrix. With literal shapes,
 * inner dimensions that differ are a compile error that names them;
 * otherwise they throw a `ShapeError`.
 *
 * @category operations
 */
export const matmul = <R extends number, K extends number, K2 extends number, C extends number>(
  a: Matrix<R, K>,
  b: Matrix<K2, C> & ProductRule<'matmul', Matrix<R, K>, Matrix<K2, C>, 'inner dimensions'>,
): Matrix<R, C> => bind(matmulPrim, [a, b], { ta: false, tb: false }) as Matrix<R, C>

/** AᵀB, without forming Aᵀ (A is K×R, B is K×C). @category operations */
export const matmulTN = <R extends number, K extends number, K2 extends number, C extends number>(
  a: Matrix<K, R>,
  b: Matrix<K2, C> & ProductRule<'matmulTN', Matrix<K, R>, Matrix<K2, C>, 'inner dimensions'>,
): Matrix<R, C> => bind(matmulPrim, [a, b], { ta: true, tb: false }) as Matrix<R, C>

/** ABᵀ, without forming Bᵀ (A is R×K, B is C×K). @category operations */
export const matmulNT = <R extends number, K extends number, K2 extends number, C extends number>(
  a: Matrix<R, K>,
  b: Matrix<C, K2> & ProductRule<'matmulNT', Matrix<R, K>, Matrix<C, K2>, 'inner dimensions'>,
): Matrix<R, C> => bind(matmulPrim, [a, b], { ta: false, tb: true }) as Matrix<R, C>
