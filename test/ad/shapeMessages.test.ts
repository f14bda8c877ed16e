import { describe, expect, it } from 'vitest'
import {
  add,
  div,
  matmul,
  matmulNT,
  matmulTN,
  mul,
  slice,
  stackCols,
  stackRows,
  sub,
  xdivy,
  xlogy,
  type Matrix,
} from 'nabla'
import { plain, refusal, thrown, type Refusal } from '../helpers/shapeMessages.js'

/*
 * Each case pairs the refusal the compiler gives for literal shapes (checked
 * by tsc against the string written here) with what the same call throws
 * when the shapes are known only at run time: the two must be the same words.
 * (`dot`, `sliceRows` and `sliceCols` are left out: at run time the op they
 * are built from throws, under its own name.)
 */
type Second<F extends (...args: never) => unknown> = Refusal<Parameters<F>[1]>
type Stack<Ps extends ReadonlyArray<Matrix>> = Refusal<Parameters<typeof stackRows<Ps>>[0]>

const cases: ReadonlyArray<readonly [string, () => unknown]> = [
  [
    refusal<Second<typeof add<Matrix<2, 3>, Matrix<3, 2>>>>(
      'add: shapes do not broadcast (each dimension must be equal, or 1 in one operand) (shapes 2×3 and 3×2)',
    ),
    () => add(plain(2, 3), plain(3, 2)),
  ],
  [
    refusal<Second<typeof sub<Matrix<2, 3>, Matrix<3, 1>>>>(
      'sub: shapes do not broadcast (each dimension must be equal, or 1 in one operand) (shapes 2×3 and 3×1)',
    ),
    () => sub(plain(2, 3), plain(3, 1)),
  ],
  [
    refusal<Second<typeof mul<Matrix<1, 2>, Matrix<4, 3>>>>(
      'mul: shapes do not broadcast (each dimension must be equal, or 1 in one operand) (shapes 1×2 and 4×3)',
    ),
    () => mul(plain(1, 2), plain(4, 3)),
  ],
  [
    refusal<Second<typeof div<Matrix<2, 2>, Matrix<2, 3>>>>(
      'div: shapes do not broadcast (each dimension must be equal, or 1 in one operand) (shapes 2×2 and 2×3)',
    ),
    () => div(plain(2, 2), plain(2, 3)),
  ],
  [
    refusal<Second<typeof xlogy<Matrix<3, 1>, Matrix<2, 1>>>>(
      'xlogy: shapes do not broadcast (each dimension must be equal, or 1 in one operand) (shapes 3×1 and 2×1)',
    ),
    () => xlogy(plain(3, 1), plain(2, 1)),
  ],
  [
    refusal<Second<typeof xdivy<Matrix<2, 3>, Matrix<2, 2>>>>(
      'xdivy: shapes do not broadcast (each dimension must be equal, or 1 in one operand) (shapes 2×3 and 2×2)',
    ),
    () => xdivy(plain(2, 3), plain(2, 2)),
  ],
  [
    refusal<Second<typeof matmul<2, 3, 4, 5>>>('matmul: inner dimensions 3 and 4 differ (shapes 2×3 and 4×5)'),
    () => matmul(plain(2, 3), plain(4, 5)),
  ],
  [
    refusal<Second<typeof matmulTN<3, 2, 4, 5>>>('matmulTN: inner dimensions 2 and 4 differ (shapes 2×3 and 4×5)'),
    () => matmulTN(plain(2, 3), plain(4, 5)),
  ],
  [
    refusal<Second<typeof matmulNT<2, 3, 5, 4>>>('matmulNT: inner dimensions 3 and 5 differ (shapes 2×3 and 4×5)'),
    () => matmulNT(plain(2, 3), plain(4, 5)),
  ],
  [
    refusal<Refusal<Parameters<typeof slice<2, 3, 0, 1, 1, 4>>[4]>>(
      'slice: block [0, 1) × [1, 4) is outside the matrix (shape 2×3)',
    ),
    () => slice(plain(2, 3), 0, 1, 1, 4),
  ],
  [
    refusal<Stack<readonly [Matrix<2, 3>, Matrix<1, 2>]>>('stackRows: column counts differ (shapes 2×3 and 1×2)'),
    () => stackRows([plain(2, 3), plain(1, 2)]),
  ],
  [
    refusal<Refusal<Parameters<typeof stackCols<readonly []>>[0]>>('stackCols: needs at least one matrix'),
    () => stackCols([] as ReadonlyArray<Matrix>),
  ],
]

describe('differentiable ops refuse literal shapes in the words they throw for run-time shapes', () => {
  it.each(cases)('%s', (expected, call) => {
    expect(thrown(call)).toBe(expected)
  })
})
