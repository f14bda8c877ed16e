import { describe, expectTypeOf, it } from 'vitest'
import {
  add,
  div,
  dot,
  exp,
  grad,
  jvp,
  matmul,
  matmulNT,
  matmulTN,
  Matrix,
  mul,
  scale,
  slice,
  sliceCols,
  sliceRows,
  softmax,
  stackCols,
  stackRows,
  sub,
  sum,
  sumCols,
  sumRows,
  transpose,
  valueAndGrad,
  vjp,
  xdivy,
  xlogy,
  type Operand,
} from 'nabla'
import type { Refusal } from '../helpers/shapeMessages.js'

/** The refusal in the second parameter of a function type. */
type SecondRefusal<F extends (...args: never) => unknown> = Refusal<Parameters<F>[1]>

/** How the broadcast refusals end. */
type Rule = 'shapes do not broadcast (each dimension must be equal, or 1 in one operand)'

describe('entrywise binary ops broadcast literal shapes', () => {
  const a = Matrix.zeros(2, 3)

  it('let every legal broadcast through, in either order, with the broadcast shape as the result', () => {
    expectTypeOf(add(a, Matrix.ones(2, 3))).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(add(a, 2)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(add(2, a)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(add(a, Matrix.scalar(1))).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(add(Matrix.scalar(1), a)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(add(a, Matrix.row([1, 2, 3]))).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(add(Matrix.row([1, 2, 3]), a)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(add(a, Matrix.column([1, 2]))).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(add(Matrix.column([1, 2]), a)).toEqualTypeOf<Matrix<2, 3>>()
    // a row against a column stretches both, as the run time does
    expectTypeOf(add(Matrix.row([1, 2, 3]), Matrix.column([1, 2]))).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(add(Matrix.scalar(1), Matrix.scalar(2))).toEqualTypeOf<Matrix<1, 1>>()
    expectTypeOf(add(2, 3)).toEqualTypeOf<number>()
  })

  it('give every binary op the same rule', () => {
    const column = Matrix.column([1, 2])
    expectTypeOf(sub(a, column)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(mul(column, a)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(div(a, 2)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(xlogy(a, a)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(xdivy(Matrix.row([1, 2, 3]), a)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(dot(a, column)).toEqualTypeOf<number>()
    expectTypeOf(scale(a, 2)).toEqualTypeOf<Matrix<2, 3>>()
  })

  it('refuse shapes that cannot broadcast, with the reason in the type', () => {
    const t = Matrix.zeros(3, 2)
    // @ts-expect-error a 2×3 plus a 3×2
    add(a, t)
    // @ts-expect-error in the other order too
    add(t, a)
    // @ts-expect-error a column of the wrong length
    sub(a, Matrix.column([1, 2, 3]))
    // @ts-expect-error a row of the wrong length
    mul(Matrix.row([1, 2]), a)
    // @ts-expect-error rows equal, columns 3 and 2
    div(a, Matrix.zeros(2, 2))
    // @ts-expect-error xlogy follows the same rule as add
    xlogy(a, t)
    // @ts-expect-error xdivy follows it too
    xdivy(t, a)
    // @ts-expect-error dot follows it too
    dot(a, t)
    expectTypeOf<
      SecondRefusal<typeof add<Matrix<2, 3>, Matrix<3, 2>>>
    >().toEqualTypeOf<`add: ${Rule} (shapes 2×3 and 3×2)`>()
    expectTypeOf<
      SecondRefusal<typeof mul<Matrix<1, 2>, Matrix<2, 3>>>
    >().toEqualTypeOf<`mul: ${Rule} (shapes 1×2 and 2×3)`>()
    expectTypeOf<
      SecondRefusal<typeof dot<Matrix<2, 3>, Matrix<3, 2>>>
    >().toEqualTypeOf<`dot: ${Rule} (shapes 2×3 and 3×2)`>()
    expectTypeOf<SecondRefusal<typeof xlogy<Matrix<2, 3>, Matrix<2, 3>>>>().toBeNever()
  })

  it('let plain dimensions through, keeping the literal ones', () => {
    const n: number = 4
    const plain: Matrix = a
    const rows = Matrix.zeros(n, 3)
    expectTypeOf(add(a, plain)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(add(plain, a)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(add(plain, plain)).toEqualTypeOf<Matrix>()
    expectTypeOf(add(rows, Matrix.column([1, 2]))).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(add(rows, Matrix.scalar(1))).toEqualTypeOf<Matrix<number, 3>>()
    expectTypeOf(add(rows, a)).toEqualTypeOf<Matrix<2, 3>>()
    // a plain dimension may still be 1 at run time, so it never refuses a literal one
    expectTypeOf(mul(Matrix.zeros(n, 1), Matrix.zeros(2, 5))).toEqualTypeOf<Matrix<2, 5>>()
  })

  it('type a number-or-matrix operand as either', () => {
    const x = 1 as Operand
    expectTypeOf(add(x, x)).toEqualTypeOf<number | Matrix>()
    expectTypeOf(add(x, a)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(mul(a, x)).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(exp(x)).toEqualTypeOf<number | Matrix>()
  })
})

describe('shape-generic code compiles', () => {
  it('for one shape against itself, a number, a row or a column of it', () => {
    const f = <R extends number, C extends number>(x: Matrix<R, C>, b: Matrix<R, 1>): Matrix<R, C> =>
      exp(sub(add(mul(x, 2), b), sumCols(x)))
    const g = <R extends number, C extends number>(x: Matrix<R, C>): Matrix<R, C> => div(add(sumRows(x), x), sub(1, x))
    expectTypeOf(f(Matrix.zeros(2, 3), Matrix.zeros(2, 1))).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(g(Matrix.zeros(2, 3))).toEqualTypeOf<Matrix<2, 3>>()
    expectTypeOf(softmax(Matrix.zeros(4, 2))).toEqualTypeOf<Matrix<4, 2>>()
  })

  it('for a product whose inner dimension is one type parameter', () => {
    const layer = <I extends number, O extends number, B extends number>(
      w: Matrix<O, I>,
      b: Matrix<O, 1>,
      x: Matrix<I, B>,
    ): Matrix<O, B> => add(matmul(w, x), b)
    expectTypeOf(layer(Matrix.zeros(3, 2), Matrix.zeros(3, 1), Matrix.zeros(2, 5))).toEqualTypeOf<Matrix<3, 5>>()
  })
})

describe('products, transposes, slices and stacks', () => {
  const a = Matrix.zeros(2, 3)

  it('type the product and refuse inner dimensions that differ, naming them', () => {
    expectTypeOf(matmul(a, Matrix.zeros(3, 4))).toEqualTypeOf<Matrix<2, 4>>()
    expectTypeOf(matmulTN(a, Matrix.zeros(2, 4))).toEqualTypeOf<Matrix<3, 4>>()
    expectTypeOf(matmulNT(a, Matrix.zeros(5, 3))).toEqualTypeOf<Matrix<2, 5>>()
    expectTypeOf(matmul(transpose(a), a)).toEqualTypeOf<Matrix<3, 3>>()
    // @ts-expect-error inner dimensions 3 and 2
    matmul(a, a)
    // @ts-expect-error a transpose's shape is checked like any other: 3×2 times 3×2
    matmul(transpose(a), transpose(a))
    // @ts-expect-error row counts 2 and 3
    matmulTN(a, Matrix.zeros(3, 1))
    // @ts-expect-error column counts 3 and 1
    matmulNT(a, Matrix.zeros(3, 1))
    expectTypeOf<
      SecondRefusal<typeof matmul<2, 3, 4, 5>>
    >().toEqualTypeOf<'matmul: inner dimensions 3 and 4 differ (shapes 2×3 and 4×5)'>()
    expectTypeOf<
      SecondRefusal<typeof matmulTN<3, 2, 4, 5>>
    >().toEqualTypeOf<'matmulTN: inner dimensions 2 and 4 differ (shapes 2×3 and 4×5)'>()
    expectTypeOf<
      SecondRefusal<typeof matmulNT<2, 3, 5, 4>>
    >().toEqualTypeOf<'matmulNT: inner dimensions 3 and 5 differ (shapes 2×3 and 4×5)'>()
  })

  it('type a literal slice and refuse one outside the matrix', () => {
    const m = Matrix.zeros(4, 5)
    expectTypeOf(slice(m, 1, 3, 0, 5)).toEqualTypeOf<Matrix<2, 5>>()
    expectTypeOf(sliceRows(m, 1, 4)).toEqualTypeOf<Matrix<3, 5>>()
    expectTypeOf(sliceCols(m, 2, 2)).toEqualTypeOf<Matrix<4, 0>>()
    const to: number = 3
    expectTypeOf(sliceCols(m, 0, to)).toEqualTypeOf<Matrix<4>>()
    // @ts-expect-error rows [0, 5) of a 4×5
    sliceRows(m, 0, 5)
    // @ts-expect-error columns [3, 2)
    slice(m, 0, 1, 3, 2)
    // a range written backwards is refused even in a matrix of plain shape
    // @ts-expect-error rows [2, 1)
    sliceRows(m as Matrix, 2, 1)
    expectTypeOf<
      Refusal<Parameters<typeof sliceRows<number, number, 2, 1>>[2]>
    >().toEqualTypeOf<'sliceRows: block [2, 1) × [0, ?) is outside the matrix (shape ?×?)'>()
    type Refused = Parameters<typeof sliceRows<4, 5, 0, 5>>[2]
    expectTypeOf<
      Refusal<Refused>
    >().toEqualTypeOf<'sliceRows: block [0, 5) × [0, 5) is outside the matrix (shape 4×5)'>()
  })

  it('type a literal stack and refuse parts that do not line up', () => {
    expectTypeOf(stackRows([a, Matrix.zeros(4, 3)])).toEqualTypeOf<Matrix<6, 3>>()
    expectTypeOf(stackCols([a, Matrix.zeros(2, 1), Matrix.zeros(2, 2)])).toEqualTypeOf<Matrix<2, 6>>()
    const parts: ReadonlyArray<Matrix> = [a]
    expectTypeOf(stackRows(parts)).toEqualTypeOf<Matrix>()
    // @ts-expect-error column counts 3 and 2
    stackRows([a, Matrix.zeros(1, 2)])
    // @ts-expect-error stacking nothing has no shape
    stackCols([])
    type Refused = Parameters<typeof stackRows<readonly [Matrix<2, 3>, Matrix<1, 2>]>>[0]
    expectTypeOf<Refusal<Refused>>().toEqualTypeOf<'stackRows: column counts differ (shapes 2×3 and 1×2)'>()
    expectTypeOf<
      Refusal<Parameters<typeof stackCols<readonly []>>[0]>
    >().toEqualTypeOf<'stackCols: needs at least one matrix'>()
  })
})

describe('transforms keep the literal shapes of their input', () => {
  const x = Matrix.zeros(2, 4)
  const y = Matrix.zeros(3, 4)
  const loss = (w: Matrix<3, 2>): number => sum(sub(matmul(w, x), y))

  it('grad and valueAndGrad return the shape of the input', () => {
    expectTypeOf(grad(loss)(Matrix.zeros(3, 2))).toEqualTypeOf<Matrix<3, 2>>()
    expectTypeOf(valueAndGrad(loss)(Matrix.zeros(3, 2))).toEqualTypeOf<readonly [number, Matrix<3, 2>]>()
    const params = { w: Matrix.zeros(3, 2), b: Matrix.zeros(3, 1) }
    const g = grad((p: typeof params) => sum(add(matmul(p.w, x), p.b)))(params)
    expectTypeOf(g).toEqualTypeOf<{ w: Matrix<3, 2>; b: Matrix<3, 1> }>()
    // @ts-expect-error the function takes a 3×2
    grad(loss)(Matrix.zeros(2, 3))
  })

  it('vjp types the output and the pullback, and jvp the tangent', () => {
    const [out, pullback] = vjp((w: Matrix<3, 2>) => matmul(w, x))(Matrix.zeros(3, 2))
    expectTypeOf(out).toEqualTypeOf<Matrix<3, 4>>()
    expectTypeOf(pullback(Matrix.ones(3, 4))).toEqualTypeOf<Matrix<3, 2>>()
    // @ts-expect-error a cotangent has the output's shape
    pullback(Matrix.ones(4, 3))
    const [value, tangent] = jvp((v: Matrix<2, 4>) => exp(v))(x, Matrix.ones(2, 4))
    expectTypeOf(value).toEqualTypeOf<Matrix<2, 4>>()
    expectTypeOf(tangent).toEqualTypeOf<Matrix<2, 4>>()
  })
})
