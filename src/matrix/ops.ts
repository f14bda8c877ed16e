/* eslint-disable functional/no-loop-statements, functional/no-let, functional/immutable-data --
 * Only the stacking ops write, into buffers they allocate in the same call.
 */
import type { Minus } from './Dimension.js'
import type { Known, Matrix } from './Matrix.js'
import type {
  ColumnIndicesRule,
  ColumnRule,
  ProductRule,
  RangeMessage,
  RangeRule,
  SameShapeRule,
  StackRule,
  Stacked,
  VectorLength,
  VectorsRule,
} from './ShapeMismatch.js'
import { ShapeError } from './ShapeError.js'
import { assertSameShape, buffer, fromBuffer, shapeOf } from './internal.js'
import * as K from './kernels.js'
import { gemm } from './product.js'

/** A + B, entrywise. Shapes must be equal. @category operations */
export const add = <R extends number, C extends number, R2 extends number, C2 extends number>(
  a: Matrix<R, C>,
  b: Matrix<R2, C2> & SameShapeRule<'add', Matrix<R, C>, Matrix<R2, C2>>,
): Matrix<Known<R, R2>, Known<C, C2>> => {
  assertSameShape('add', a, b)
  return fromBuffer(a.rows as Known<R, R2>, a.cols as Known<C, C2>, K.add(buffer(a), buffer(b)))
}

/** A − B, entrywise. Shapes must be equal. @category operations */
export const sub = <R extends number, C extends number, R2 extends number, C2 extends number>(
  a: Matrix<R, C>,
  b: Matrix<R2, C2> & SameShapeRule<'sub', Matrix<R, C>, Matrix<R2, C2>>,
): Matrix<Known<R, R2>, Known<C, C2>> => {
  assertSameShape('sub', a, b)
  return fromBuffer(a.rows as Known<R, R2>, a.cols as Known<C, C2>, K.sub(buffer(a), buffer(b)))
}

/** −A. @category operations */
export const neg = <R extends number, C extends number>(a: Matrix<R, C>): Matrix<R, C> =>
  fromBuffer(a.rows, a.cols, K.scale(buffer(a), -1))

/** s·A. @category operations */
export const scale = <R extends number, C extends number>(a: Matrix<R, C>, s: number): Matrix<R, C> =>
  fromBuffer(a.rows, a.cols, K.scale(buffer(a), s))

/** A ⊙ B, the entrywise (Hadamard) product. Shapes must be equal. @category operations */
export const hadamard = <R extends number, C extends number, R2 extends number, C2 extends number>(
  a: Matrix<R, C>,
  b: Matrix<R2, C2> & SameShapeRule<'hadamard', Matrix<R, C>, Matrix<R2, C2>>,
): Matrix<Known<R, R2>, Known<C, C2>> => {
  assertSameShape('hadamard', a, b)
  return fromBuffer(a.rows as Known<R, R2>, a.cols as Known<C, C2>, K.mul(buffer(a), buffer(b)))
}

/** A ⊘ B, the entrywise quotient. Shapes must be equal. @category operations */
export const div = <R extends number, C extends number, R2 extends number, C2 extends number>(
  a: Matrix<R, C>,
  b: Matrix<R2, C2> & SameShapeRule<'div', Matrix<R, C>, Matrix<R2, C2>>,
): Matrix<Known<R, R2>, Known<C, C2>> => {
  assertSameShape('div', a, b)
  return fromBuffer(a.rows as Known<R, R2>, a.cols as Known<C, C2>, K.div(buffer(a), buffer(b)))
}

/**
 * The matrix product AB of an R×K and a K×C matrix. With literal shapes,
 * mismatched inner dimensions are a compile error; at run time they throw a
 * `ShapeError`.
 *
 * @category operations
 */
export const matmul = <R extends number, K extends number, K2 extends number, C extends number>(
  a: Matrix<R, K>,
  b: Matrix<K2, C> & ProductRule<'matmul', Matrix<R, K>, Matrix<K2, C>, 'cannot multiply: inner dimensions'>,
): Matrix<R, C> => {
  if ((a.cols as number) !== b.rows) {
    throw new ShapeError(
      'matmul',
      [shapeOf(a), shapeOf(b)],
      `cannot multiply: inner dimensions ${String(a.cols)} and ${String(b.rows)} differ`,
    )
  }
  return fromBuffer(a.rows, b.cols, gemm(a.rows, b.cols, a.cols, buffer(a), false, buffer(b), false))
}

/** AᵀB without forming Aᵀ. A is K×R, B is K×C. @category operations */
export const matmulTN = <R extends number, K extends number, K2 extends number, C extends number>(
  a: Matrix<K, R>,
  b: Matrix<K2, C> & ProductRule<'matmulTN', Matrix<K, R>, Matrix<K2, C>, 'cannot multiply Aᵀ by B: row counts'>,
): Matrix<R, C> => {
  if ((a.rows as number) !== b.rows) {
    throw new ShapeError(
      'matmulTN',
      [shapeOf(a), shapeOf(b)],
      `cannot multiply Aᵀ by B: row counts ${String(a.rows)} and ${String(b.rows)} differ`,
    )
  }
  return fromBuffer(a.cols, b.cols, gemm(a.cols, b.cols, a.rows, buffer(a), true, buffer(b), false))
}

/** ABᵀ without forming Bᵀ. A is R×K, B is C×K. @category operations */
export const matmulNT = <R extends number, K extends number, K2 extends number, C extends number>(
  a: Matrix<R, K>,
  b: Matrix<C, K2> & ProductRule<'matmulNT', Matrix<R, K>, Matrix<C, K2>, 'cannot multiply A by Bᵀ: column counts'>,
): Matrix<R, C> => {
  if ((a.cols as number) !== b.cols) {
    throw new ShapeError(
      'matmulNT',
      [shapeOf(a), shapeOf(b)],
      `cannot multiply A by Bᵀ: column counts ${String(a.cols)} and ${String(b.cols)} differ`,
    )
  }
  return fromBuffer(a.rows, b.rows, gemm(a.rows, b.rows, a.cols, buffer(a), false, buffer(b), true))
}

/** Aᵀ. @category operations */
export const transpose = <R extends number, C extends number>(a: Matrix<R, C>): Matrix<C, R> =>
  fromBuffer(a.cols, a.rows, K.transpose(a.rows, a.cols, buffer(a)))

/** f applied to every entry. @category operations */
export const map = <R extends number, C extends number>(a: Matrix<R, C>, f: (x: number) => number): Matrix<R, C> =>
  fromBuffer(a.rows, a.cols, K.map(buffer(a), f))

/** f applied to corresponding entries of two matrices of equal shape. @category operations */
export const zipWith = <R extends number, C extends number, R2 extends number, C2 extends number>(
  a: Matrix<R, C>,
  b: Matrix<R2, C2> & SameShapeRule<'zipWith', Matrix<R, C>, Matrix<R2, C2>>,
  f: (x: number, y: number) => number,
): Matrix<Known<R, R2>, Known<C, C2>> => {
  assertSameShape('zipWith', a, b)
  return fromBuffer(
    a.rows as Known<R, R2>,
    a.cols as Known<C, C2>,
    K.zipBroadcast(a.rows, a.cols, buffer(a), a.rows, a.cols, buffer(b), b.rows, b.cols, f),
  )
}

/** The sum of all entries (compensated, so long sums stay accurate). @category reductions */
export const sum = (a: Matrix): number => K.sum(buffer(a))

/** The mean of all entries; NaN for an empty matrix. @category reductions */
export const mean = (a: Matrix): number => K.sum(buffer(a)) / (a.rows * a.cols)

/** The largest entry (−∞ for an empty matrix, NaN if any entry is NaN). @category reductions */
export const max = (a: Matrix): number => K.max(buffer(a))

/** The 1×C row of column maxima. @category reductions */
export const maxCols = <C extends number>(a: Matrix<number, C>): Matrix<1, C> =>
  fromBuffer(1, a.cols, K.maxCols(a.rows, a.cols, buffer(a)))

/** The R×1 column of row sums: entry i is Σⱼ Aᵢⱼ. @category reductions */
export const sumRows = <R extends number>(a: Matrix<R>): Matrix<R, 1> =>
  fromBuffer(a.rows, 1, K.sumRows(a.rows, a.cols, buffer(a)))

/** The 1×C row of column sums: entry j is Σᵢ Aᵢⱼ. @category reductions */
export const sumCols = <C extends number>(a: Matrix<number, C>): Matrix<1, C> =>
  fromBuffer(1, a.cols, K.sumCols(a.rows, a.cols, buffer(a)))

/** ⟨A, B⟩ = Σᵢⱼ AᵢⱼBᵢⱼ, the Frobenius inner product (the dot product of two vectors). @category reductions */
export const dot = <R extends number, C extends number, R2 extends number, C2 extends number>(
  a: Matrix<R, C>,
  b: Matrix<R2, C2> & SameShapeRule<'dot', Matrix<R, C>, Matrix<R2, C2>>,
): number => {
  assertSameShape('dot', a, b)
  return K.dot(buffer(a), buffer(b))
}

/**
 * The outer product u vᵀ of an m-vector and an n-vector (either may be a
 * row or a column): an m×n matrix.
 *
 * @category operations
 */
export const outer = <U extends Matrix, V extends Matrix>(
  u: U,
  v: V & VectorsRule<'outer', U, V>,
): Matrix<VectorLength<U>, VectorLength<V>> => {
  if ((u.rows !== 1 && u.cols !== 1) || (v.rows !== 1 && v.cols !== 1)) {
    throw new ShapeError('outer', [shapeOf(u), shapeOf(v)], 'both operands must be vectors')
  }
  const m = u.rows * u.cols
  const n = v.rows * v.cols
  return fromBuffer(m as VectorLength<U>, n as VectorLength<V>, gemm(m, n, 1, buffer(u), false, buffer(v), false))
}

/**
 * A + b 1ᵀ: the R×1 column b added to every column of the R×C matrix A —
 * the bias broadcast of a mini-batch whose columns are examples.
 *
 * @category operations
 */
export const addColumn = <R extends number, C extends number, R2 extends number, C2 extends number>(
  a: Matrix<R, C>,
  b: Matrix<R2, C2> & ColumnRule<'addColumn', Matrix<R, C>, Matrix<R2, C2>>,
): Matrix<R, C> => {
  if ((b.cols as number) !== 1 || b.rows !== (a.rows as number)) {
    throw new ShapeError('addColumn', [shapeOf(a), shapeOf(b)], `expected a ${String(a.rows)}×1 column`)
  }
  return fromBuffer(
    a.rows,
    a.cols,
    K.zipBroadcast(a.rows, a.cols, buffer(a), a.rows, a.cols, buffer(b), b.rows, 1, plus),
  )
}

const plus = (x: number, y: number): number => x + y

/** Rows [from, to) of a matrix. @category slicing */
export const sliceRows = <R extends number, C extends number, F extends number, T extends number>(
  a: Matrix<R, C>,
  from: F,
  to: T & RangeRule<'sliceRows', F, T, R, RangeMessage<Matrix<R, C>, F, T, R>>,
): Matrix<Minus<T, F>, C> => {
  assertRange('sliceRows', a, from, to, a.rows)
  return fromBuffer((to - from) as Minus<T, F>, a.cols, K.slice(a.cols, buffer(a), from, to, 0, a.cols))
}

/** Columns [from, to) of a matrix (a contiguous range of examples of a batch). @category slicing */
export const sliceCols = <R extends number, C extends number, F extends number, T extends number>(
  a: Matrix<R, C>,
  from: F,
  to: T & RangeRule<'sliceCols', F, T, C, RangeMessage<Matrix<R, C>, F, T, C>>,
): Matrix<R, Minus<T, F>> => {
  assertRange('sliceCols', a, from, to, a.cols)
  return fromBuffer(a.rows, (to - from) as Minus<T, F>, K.slice(a.cols, buffer(a), 0, a.rows, from, to))
}

/** The block of rows [r0, r1) and columns [c0, c1). @category slicing */
export const slice = <
  R extends number,
  C extends number,
  R0 extends number,
  R1 extends number,
  C0 extends number,
  C1 extends number,
>(
  a: Matrix<R, C>,
  r0: R0,
  r1: R1 & RangeRule<'slice', R0, R1, R, RangeMessage<Matrix<R, C>, R0, R1, R>>,
  c0: C0,
  c1: C1 & RangeRule<'slice', C0, C1, C, RangeMessage<Matrix<R, C>, C0, C1, C>>,
): Matrix<Minus<R1, R0>, Minus<C1, C0>> => {
  assertRange('slice', a, r0, r1, a.rows)
  assertRange('slice', a, c0, c1, a.cols)
  return fromBuffer((r1 - r0) as Minus<R1, R0>, (c1 - c0) as Minus<C1, C0>, K.slice(a.cols, buffer(a), r0, r1, c0, c1))
}

/** The columns with the given indices, in that order (gathering a shuffled mini-batch). @category slicing */
export const selectCols = <R extends number, C extends number, const Is extends ReadonlyArray<number>>(
  a: Matrix<R, C>,
  indices: Is & ColumnIndicesRule<'selectCols', Matrix<R, C>, Is>,
): Matrix<R, Is['length']> => {
  const src = buffer(a)
  const n = indices.length
  const out = new Float64Array(a.rows * n)
  for (let k = 0; k < n; k++) {
    const j = indices[k] as number
    if (!Number.isInteger(j) || j < 0 || j >= a.cols) {
      throw new RangeError(`selectCols: column ${String(j)} is outside a ${String(a.rows)}×${String(a.cols)} matrix`)
    }
  }
  for (let i = 0; i < a.rows; i++) {
    const o = i * a.cols
    const p = i * n
    for (let k = 0; k < n; k++) out[p + k] = src[o + (indices[k] as number)] as number
  }
  return fromBuffer(a.rows, n as Is['length'], out)
}

/** The matrices one above the other; they must have the same number of columns. @category stacking */
export const stackRows = <const Ps extends ReadonlyArray<Matrix>>(
  parts: Ps & StackRule<'stackRows', Ps, 'rows', unknown>,
): Stacked<Ps, 'rows'> => {
  const first = parts[0]
  if (first === undefined) return fromBuffer(0, 0, new Float64Array(0)) as Stacked<Ps, 'rows'>
  const cols = first.cols
  parts.forEach((p) => {
    if (p.cols !== cols) throw new ShapeError('stackRows', [shapeOf(first), shapeOf(p)], 'column counts differ')
  })
  const rows = parts.reduce((n, p) => n + p.rows, 0)
  const out = new Float64Array(rows * cols)
  let r = 0
  for (const p of parts) {
    K.blit(out, cols, buffer(p), p.rows, p.cols, r, 0)
    r += p.rows
  }
  return fromBuffer(rows, cols, out) as Stacked<Ps, 'rows'>
}

/** The matrices side by side; they must have the same number of rows. @category stacking */
export const stackCols = <const Ps extends ReadonlyArray<Matrix>>(
  parts: Ps & StackRule<'stackCols', Ps, 'cols', unknown>,
): Stacked<Ps, 'cols'> => {
  const first = parts[0]
  if (first === undefined) return fromBuffer(0, 0, new Float64Array(0)) as Stacked<Ps, 'cols'>
  const rows = first.rows
  parts.forEach((p) => {
    if (p.rows !== rows) throw new ShapeError('stackCols', [shapeOf(first), shapeOf(p)], 'row counts differ')
  })
  const cols = parts.reduce((n, p) => n + p.cols, 0)
  const out = new Float64Array(rows * cols)
  let c = 0
  for (const p of parts) {
    K.blit(out, cols, buffer(p), p.rows, p.cols, 0, c)
    c += p.cols
  }
  return fromBuffer(rows, cols, out) as Stacked<Ps, 'cols'>
}

/**
 * For each column, the row index of its largest entry (the first one on
 * ties): the predicted class of each example of a batch.
 *
 * @category reductions
 */
export const argmaxCols = (a: Matrix): ReadonlyArray<number> => Array.from(K.argmaxCols(a.rows, a.cols, buffer(a)))

const assertRange = (op: string, a: Matrix, from: number, to: number, limit: number): void => {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from || to > limit) {
    throw new ShapeError(op, [shapeOf(a)], `range [${String(from)}, ${String(to)}) is outside 0…${String(limit)}`)
  }
}
