import { describe, expect, it } from 'vitest'
import { Matrix } from 'nabla'
import { plain, refusal, size, thrown, type Refusal } from '../helpers/shapeMessages.js'

/*
 * Each case pairs the refusal the compiler gives for literal shapes (checked
 * by tsc against the string written here) with what the same call throws
 * when the shapes are known only at run time: the two must be the same words.
 */
type Second<F extends (...args: never) => unknown> = Refusal<Parameters<F>[1]>
type Third<F extends (...args: never) => unknown> = Refusal<Parameters<F>[2]>
type Fifth<F extends (...args: never) => unknown> = Refusal<Parameters<F>[4]>

const cases: ReadonlyArray<readonly [string, () => unknown]> = [
  [
    refusal<Second<typeof Matrix.add<2, 3, 3, 2>>>('add: shapes must be equal (shapes 2×3 and 3×2)'),
    () => Matrix.add(plain(2, 3), plain(3, 2)),
  ],
  [
    refusal<Second<typeof Matrix.sub<2, 3, 4, 3>>>('sub: shapes must be equal (shapes 2×3 and 4×3)'),
    () => Matrix.sub(plain(2, 3), plain(4, 3)),
  ],
  [
    refusal<Second<typeof Matrix.hadamard<2, 3, 2, 1>>>('hadamard: shapes must be equal (shapes 2×3 and 2×1)'),
    () => Matrix.hadamard(plain(2, 3), plain(2, 1)),
  ],
  [
    refusal<Second<typeof Matrix.div<1, 1, 2, 2>>>('div: shapes must be equal (shapes 1×1 and 2×2)'),
    () => Matrix.div(plain(1, 1), plain(2, 2)),
  ],
  [
    refusal<Second<typeof Matrix.zipWith<2, 3, 3, 3>>>('zipWith: shapes must be equal (shapes 2×3 and 3×3)'),
    () => Matrix.zipWith(plain(2, 3), plain(3, 3), (x, y) => x + y),
  ],
  [
    refusal<Second<typeof Matrix.dot<3, 1, 1, 3>>>('dot: shapes must be equal (shapes 3×1 and 1×3)'),
    () => Matrix.dot(plain(3, 1), plain(1, 3)),
  ],
  [
    refusal<Second<typeof Matrix.matmul<2, 3, 4, 5>>>(
      'matmul: cannot multiply: inner dimensions 3 and 4 differ (shapes 2×3 and 4×5)',
    ),
    () => Matrix.matmul(plain(2, 3), plain(4, 5)),
  ],
  [
    refusal<Second<typeof Matrix.matmulTN<3, 2, 4, 5>>>(
      'matmulTN: cannot multiply Aᵀ by B: row counts 2 and 4 differ (shapes 2×3 and 4×5)',
    ),
    () => Matrix.matmulTN(plain(2, 3), plain(4, 5)),
  ],
  [
    refusal<Second<typeof Matrix.matmulNT<2, 3, 5, 4>>>(
      'matmulNT: cannot multiply A by Bᵀ: column counts 3 and 5 differ (shapes 2×3 and 4×5)',
    ),
    () => Matrix.matmulNT(plain(2, 3), plain(4, 5)),
  ],
  [
    refusal<Second<typeof Matrix.addColumn<2, 3, 3, 1>>>('addColumn: expected a 2×1 column (shapes 2×3 and 3×1)'),
    () => Matrix.addColumn(plain(2, 3), plain(3, 1)),
  ],
  [
    refusal<Second<typeof Matrix.addColumn<2, 3, 2, 3>>>('addColumn: expected a 2×1 column (shapes 2×3 and 2×3)'),
    () => Matrix.addColumn(plain(2, 3), plain(2, 3)),
  ],
  [
    refusal<Second<typeof Matrix.outer<Matrix<2, 1>, Matrix<2, 3>>>>(
      'outer: both operands must be vectors (shapes 2×1 and 2×3)',
    ),
    () => Matrix.outer(plain(2, 1), plain(2, 3)),
  ],
  [
    refusal<Third<typeof Matrix.sliceRows<4, 6, 3, 5>>>('sliceRows: range [3, 5) is outside 0…4 (shape 4×6)'),
    () => Matrix.sliceRows(plain(4, 6), 3, 5),
  ],
  [
    refusal<Third<typeof Matrix.sliceCols<4, 6, 2, 1>>>('sliceCols: range [2, 1) is outside 0…6 (shape 4×6)'),
    () => Matrix.sliceCols(plain(4, 6), 2, size(1)),
  ],
  [
    refusal<Third<typeof Matrix.slice<4, 6, 0, 5, 0, 1>>>('slice: range [0, 5) is outside 0…4 (shape 4×6)'),
    () => Matrix.slice(plain(4, 6), 0, 5, 0, 1),
  ],
  [
    refusal<Fifth<typeof Matrix.slice<4, 6, 0, 1, 0, 7>>>('slice: range [0, 7) is outside 0…6 (shape 4×6)'),
    () => Matrix.slice(plain(4, 6), 0, 1, 0, 7),
  ],
  [
    refusal<Second<typeof Matrix.selectCols<4, 6, readonly [1, 6]>>>('selectCols: column 6 is outside a 4×6 matrix'),
    () => Matrix.selectCols(plain(4, 6), [1, 6] as ReadonlyArray<number>),
  ],
  [
    refusal<Refusal<Parameters<typeof Matrix.stackRows<readonly [Matrix<2, 3>, Matrix<1, 2>]>>[0]>>(
      'stackRows: column counts differ (shapes 2×3 and 1×2)',
    ),
    () => Matrix.stackRows([plain(2, 3), plain(1, 2)]),
  ],
  [
    refusal<Refusal<Parameters<typeof Matrix.stackCols<readonly [Matrix<2, 3>, Matrix<3, 3>]>>[0]>>(
      'stackCols: row counts differ (shapes 2×3 and 3×3)',
    ),
    () => Matrix.stackCols([plain(2, 3), plain(3, 3)]),
  ],
  [
    refusal<Refusal<Parameters<typeof Matrix.fromRows<readonly [readonly [1, 2], readonly [3]]>>[0]>>(
      'fromRows: row 1 has 1 entries, row 0 has 2 (shapes 1×2 and 1×1)',
    ),
    () => Matrix.fromRows([[1, 2], [3]] as ReadonlyArray<ReadonlyArray<number>>),
  ],
]

describe('the Matrix module refuses literal shapes in the words it throws for run-time shapes', () => {
  it.each(cases)('%s', (expected, call) => {
    expect(thrown(call)).toBe(expected)
  })
})
