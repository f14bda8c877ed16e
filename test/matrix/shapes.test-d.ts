import { describe, expectTypeOf, it } from 'vitest'
import { Matrix, type SameShape } from 'nabla'
import type { Refusal } from '../helpers/shapeMessages.js'

/** The refusal in parameter `I` of a function type. */
type RefusalAt<F extends (...args: never) => unknown, I extends number> = Refusal<Parameters<F>[I]>

describe('literal shapes in types', () => {
  it('constructors of literal sizes give literal shapes', () => {
    expectTypeOf(
      Matrix.fromRows([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(Matrix.zeros(2, 3)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(Matrix.ones(4, 1)).toEqualTypeOf<Matrix<4, 1>>()
    expectTypeOf(Matrix.identity(3)).toEqualTypeOf<Matrix<3, 3>>()
    expectTypeOf(Matrix.column([1, 2, 3])).toEqualTypeOf<Matrix<3, 1>>()
    expectTypeOf(Matrix.row([1, 2])).toEqualTypeOf<Matrix<1, 2>>()
    expectTypeOf(Matrix.scalar(7)).toEqualTypeOf<Matrix<1, 1>>()
  })

  it('sizes only known at run time give plain Matrix', () => {
    const n: number = 3
    expectTypeOf(Matrix.zeros(n, n)).toEqualTypeOf<Matrix>()
    expectTypeOf(Matrix.fromRows([[1, 2]] as number[][])).toEqualTypeOf<Matrix>()
  })

  it('matmul multiplies R×K by K×C into R×C, and refuses inner dimensions that differ', () => {
    const a = Matrix.zeros(2, 3)
    const b = Matrix.zeros(3, 5)
    expectTypeOf(Matrix.matmul(a, b)).toEqualTypeOf<Matrix<2, 5>>()
    // @ts-expect-error 3 ≠ 4: a Matrix<2, 3> times a Matrix<4, 5> does not compile
    Matrix.matmul(a, Matrix.zeros(4, 5))
    // @ts-expect-error the other order does not fit either
    Matrix.matmul(b, a)
    expectTypeOf(Matrix.matmulTN(Matrix.zeros(3, 2), b)).toEqualTypeOf<Matrix<2, 5>>()
    expectTypeOf(Matrix.matmulNT(a, Matrix.zeros(7, 3))).toEqualTypeOf<Matrix<2, 7>>()
    // @ts-expect-error matmulTN needs equal row counts
    Matrix.matmulTN(a, b)
    // @ts-expect-error matmulNT needs equal column counts
    Matrix.matmulNT(a, b)
    expectTypeOf<
      RefusalAt<typeof Matrix.matmul<2, 3, 4, 5>, 1>
    >().toEqualTypeOf<'matmul: cannot multiply: inner dimensions 3 and 4 differ (shapes 2×3 and 4×5)'>()
    expectTypeOf<RefusalAt<typeof Matrix.matmulTN<2, 3, 3, 5>, 1>>().toBeNever()
    expectTypeOf<
      RefusalAt<typeof Matrix.matmulNT<2, 3, 4, 5>, 1>
    >().toEqualTypeOf<'matmulNT: cannot multiply A by Bᵀ: column counts 3 and 4 differ (shapes 2×3 and 5×4)'>()
  })

  it('transpose swaps the dimensions', () => {
    expectTypeOf(Matrix.transpose(Matrix.zeros(2, 3))).toEqualTypeOf<Matrix<3, 2>>()
    expectTypeOf(Matrix.transpose(Matrix.column([1, 2]))).toEqualTypeOf<Matrix<1, 2>>()
  })

  it('entrywise operations keep the shape and refuse a different literal shape', () => {
    const a = Matrix.zeros(2, 3)
    expectTypeOf(Matrix.add(a, Matrix.ones(2, 3))).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(Matrix.hadamard(a, a)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(Matrix.scale(a, 2)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(Matrix.map(a, Math.exp)).toEqualTypeOf<Matrix<2, 3>>()
    // @ts-expect-error a Matrix<2, 3> plus a Matrix<3, 2> does not compile
    Matrix.add(a, Matrix.zeros(3, 2))
    // @ts-expect-error neither does a row count that differs alone
    Matrix.sub(a, Matrix.zeros(4, 3))
    // @ts-expect-error nor a column count that differs alone
    Matrix.hadamard(a, Matrix.zeros(2, 4))
    // @ts-expect-error the Matrix module does not broadcast: a row is not a 2×3
    Matrix.div(a, Matrix.row([1, 2, 3]))
    // @ts-expect-error zipWith needs equal shapes too
    Matrix.zipWith(a, Matrix.zeros(3, 3), (x, y) => x + y)
    // @ts-expect-error and so does dot
    Matrix.dot(a, Matrix.zeros(3, 2))
    expectTypeOf<
      RefusalAt<typeof Matrix.add<2, 3, 3, 2>, 1>
    >().toEqualTypeOf<'add: shapes must be equal (shapes 2×3 and 3×2)'>()
    expectTypeOf<
      RefusalAt<typeof Matrix.hadamard<2, 3, 2, 4>, 1>
    >().toEqualTypeOf<'hadamard: shapes must be equal (shapes 2×3 and 2×4)'>()
    expectTypeOf<RefusalAt<typeof Matrix.dot<2, 3, 2, 3>, 1>>().toBeNever()
    // the exported SameShape names the op it is given
    expectTypeOf<
      Refusal<SameShape<2, 3, 1, 3, 'mine'>>
    >().toEqualTypeOf<'mine: shapes must be equal (shapes 2×3 and 1×3)'>()
    expectTypeOf<SameShape<2, 3, number, 3>>().toEqualTypeOf<Matrix<number, 3>>()
  })

  it('literal and plain matrices mix, and the literal shape wins', () => {
    const literal = Matrix.zeros(2, 3)
    const plain: Matrix = Matrix.zeros(2, 3)
    expectTypeOf(Matrix.add(literal, plain)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(Matrix.add(plain, literal)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(Matrix.add(plain, plain)).toEqualTypeOf<Matrix>()
    expectTypeOf(Matrix.matmul(literal, plain)).toEqualTypeOf<Matrix<2>>()
    expectTypeOf(Matrix.matmul(plain, Matrix.zeros(3, 4))).toEqualTypeOf<Matrix<number, 4>>()
    const n: number = 7
    // a plain dimension is checked at run time, never refused at compile time
    expectTypeOf(Matrix.matmul(Matrix.zeros(2, n), Matrix.zeros(5, 4))).toEqualTypeOf<Matrix<2, 4>>()
    expectTypeOf(Matrix.sub(Matrix.zeros(n, 3), Matrix.zeros(2, n))).toEqualTypeOf<Matrix<2, 3>>()
  })

  it('shape-generic code compiles when the shapes are one type parameter', () => {
    const gram = <R extends number, C extends number>(x: Matrix<R, C>): Matrix<C, C> =>
      Matrix.add(Matrix.matmulTN(x, x), Matrix.matmul(Matrix.transpose(x), x))
    expectTypeOf(gram(Matrix.zeros(2, 3))).toEqualTypeOf<Matrix<3, 3>>()
  })

  it('reductions and the bias broadcast keep the dimensions they keep', () => {
    const a = Matrix.zeros(2, 3)
    expectTypeOf(Matrix.sumRows(a)).toEqualTypeOf<Matrix<2, 1>>()
    expectTypeOf(Matrix.sumCols(a)).toEqualTypeOf<Matrix<1, 3>>()
    expectTypeOf(Matrix.addColumn(a, Matrix.column([1, 2]))).toEqualTypeOf<Matrix<2, 3>>()
    // @ts-expect-error the bias column must have as many rows as the matrix
    Matrix.addColumn(a, Matrix.column([1, 2, 3]))
    // @ts-expect-error and be a column
    Matrix.addColumn(a, Matrix.zeros(2, 2))
    expectTypeOf<
      RefusalAt<typeof Matrix.addColumn<2, 3, 2, 2>, 1>
    >().toEqualTypeOf<'addColumn: expected a 2×1 column (shapes 2×3 and 2×2)'>()
    expectTypeOf(Matrix.sum(a)).toEqualTypeOf<number>()
  })

  it('outer takes two vectors, rows or columns, and gives their lengths', () => {
    expectTypeOf(Matrix.outer(Matrix.column([1, 2, 3]), Matrix.row([1, 2]))).toEqualTypeOf<Matrix<3, 2>>()
    expectTypeOf(Matrix.outer(Matrix.row([1, 2]), Matrix.row([1, 2, 3, 4]))).toEqualTypeOf<Matrix<2, 4>>()
    expectTypeOf(Matrix.outer(Matrix.scalar(1), Matrix.column([1, 2]))).toEqualTypeOf<Matrix<1, 2>>()
    const n: number = 3
    expectTypeOf(Matrix.outer(Matrix.zeros(n, 1), Matrix.zeros(1, n))).toEqualTypeOf<Matrix>()
    expectTypeOf(Matrix.outer(Matrix.zeros(5, n), Matrix.zeros(n, 2))).toEqualTypeOf<Matrix<5, 2>>()
    // @ts-expect-error a 2×3 is not a vector
    Matrix.outer(Matrix.column([1, 2]), Matrix.zeros(2, 3))
    type Refused = Parameters<typeof Matrix.outer<Matrix<2, 3>, Matrix<2, 1>>>[1]
    expectTypeOf<Refusal<Refused>>().toEqualTypeOf<'outer: both operands must be vectors (shapes 2×3 and 2×1)'>()
  })

  it('slicing literal ranges gives literal shapes and refuses ranges outside the matrix', () => {
    const m = Matrix.zeros(4, 6)
    expectTypeOf(Matrix.sliceRows(m, 1, 3)).toEqualTypeOf<Matrix<2, 6>>()
    expectTypeOf(Matrix.sliceCols(m, 0, 6)).toEqualTypeOf<Matrix<4, 6>>()
    expectTypeOf(Matrix.slice(m, 0, 4, 5, 6)).toEqualTypeOf<Matrix<4, 1>>()
    const to: number = 2
    expectTypeOf(Matrix.sliceRows(m, 0, to)).toEqualTypeOf<Matrix<number, 6>>()
    expectTypeOf(Matrix.sliceRows(Matrix.zeros(to, 6), 0, 100)).toEqualTypeOf<Matrix<100, 6>>()
    // @ts-expect-error rows [3, 5) of 4
    Matrix.sliceRows(m, 3, 5)
    // @ts-expect-error an empty range written backwards
    Matrix.sliceCols(m, 2, 1)
    // @ts-expect-error columns [0, 7) of 6
    Matrix.slice(m, 0, 1, 0, 7)
    expectTypeOf<
      RefusalAt<typeof Matrix.sliceCols<4, 6, 2, 1>, 2>
    >().toEqualTypeOf<'sliceCols: range [2, 1) is outside 0…6 (shape 4×6)'>()
    expectTypeOf<
      RefusalAt<typeof Matrix.slice<4, 6, 0, 5, 0, 1>, 2>
    >().toEqualTypeOf<'slice: range [0, 5) is outside 0…4 (shape 4×6)'>()
    expectTypeOf(Matrix.selectCols(m, [5, 0, 0])).toEqualTypeOf<Matrix<4, 3>>()
    expectTypeOf(Matrix.selectCols(m, [] as ReadonlyArray<number>)).toEqualTypeOf<Matrix<4>>()
    // @ts-expect-error column 6 of a 4×6
    Matrix.selectCols(m, [1, 6])
    type Refused = Parameters<typeof Matrix.selectCols<4, 6, readonly [1, 6]>>[1]
    expectTypeOf<Refusal<Refused>>().toEqualTypeOf<'selectCols: column 6 is outside a 4×6 matrix'>()
  })

  it('stacking literal parts adds their sizes and refuses parts that do not line up', () => {
    const a = Matrix.zeros(2, 3)
    expectTypeOf(Matrix.stackRows([a, a, Matrix.row([1, 2, 3])])).toEqualTypeOf<Matrix<5, 3>>()
    expectTypeOf(Matrix.stackCols([a, Matrix.column([1, 2])])).toEqualTypeOf<Matrix<2, 4>>()
    expectTypeOf(Matrix.stackRows([])).toEqualTypeOf<Matrix<0, 0>>()
    const plain: Matrix = a
    expectTypeOf(Matrix.stackRows([plain, a])).toEqualTypeOf<Matrix<number, 3>>()
    expectTypeOf(Matrix.stackCols([plain, plain])).toEqualTypeOf<Matrix>()
    const many: ReadonlyArray<Matrix<number, 3>> = [a]
    expectTypeOf(Matrix.stackRows(many)).toEqualTypeOf<Matrix<number, 3>>()
    // @ts-expect-error a 2×3 above a 2×2
    Matrix.stackRows([a, Matrix.zeros(2, 2)])
    // @ts-expect-error a 2×3 beside a 3×3, after a plain part
    Matrix.stackCols([plain, a, Matrix.zeros(3, 3)])
    type Refused = Parameters<typeof Matrix.stackCols<readonly [Matrix, Matrix<2, 3>, Matrix<3, 3>]>>[0]
    expectTypeOf<Refusal<Refused>>().toEqualTypeOf<'stackCols: row counts differ (shapes 2×3 and 3×3)'>()
  })

  it('literal rows of different lengths do not compile', () => {
    // @ts-expect-error row 1 is shorter than row 0
    Matrix.fromRows([[1, 2], [3]])
    type Refused = Parameters<typeof Matrix.fromRows<readonly [readonly [1, 2], readonly [3, 4], readonly [5]]>>[0]
    expectTypeOf<Refusal<Refused>>().toEqualTypeOf<'fromRows: row 2 has 1 entries, row 0 has 2 (shapes 1×2 and 1×1)'>()
    expectTypeOf(Matrix.fromRows([])).toEqualTypeOf<Matrix<0, 0>>()
  })

  it('a matrix is read-only', () => {
    const a = Matrix.zeros(2, 2)
    // @ts-expect-error the fields are readonly
    a.rows = 3
    // @ts-expect-error and there is no buffer to write to: entries are read with get, or copied out
    a.data[0] = 1 // eslint-disable-line @typescript-eslint/no-unsafe-member-access -- it does not type-check, which is the point
    expectTypeOf(Matrix.get(a, 0, 0)).toEqualTypeOf<number>()
  })
})
