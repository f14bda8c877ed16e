import { describe, expectTypeOf, it } from 'vitest'
import { Matrix } from 'nabla'

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
  })

  it('literal and plain matrices mix, and the literal shape wins', () => {
    const literal = Matrix.zeros(2, 3)
    const plain: Matrix = Matrix.zeros(2, 3)
    expectTypeOf(Matrix.add(literal, plain)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(Matrix.add(plain, literal)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(Matrix.add(plain, plain)).toEqualTypeOf<Matrix>()
    expectTypeOf(Matrix.matmul(literal, plain)).toEqualTypeOf<Matrix<2>>()
    expectTypeOf(Matrix.matmul(plain, Matrix.zeros(3, 4))).toEqualTypeOf<Matrix<number, 4>>()
  })

  it('reductions and the bias broadcast keep the dimensions they keep', () => {
    const a = Matrix.zeros(2, 3)
    expectTypeOf(Matrix.sumRows(a)).toEqualTypeOf<Matrix<2, 1>>()
    expectTypeOf(Matrix.sumCols(a)).toEqualTypeOf<Matrix<1, 3>>()
    expectTypeOf(Matrix.addColumn(a, Matrix.column([1, 2]))).toEqualTypeOf<Matrix<2, 3>>()
    // @ts-expect-error the bias column must have as many rows as the matrix
    Matrix.addColumn(a, Matrix.column([1, 2, 3]))
    expectTypeOf(Matrix.sum(a)).toEqualTypeOf<number>()
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
