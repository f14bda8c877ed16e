import { bind } from '../bind.js'
import type { Value } from '../core.js'
import type { Minus } from '../../matrix/Dimension.js'
import type { Matrix } from '../../matrix/Matrix.js'
import type { DimText, RangeRule, ShapeOf } from '../../matrix/ShapeMismatch.js'
import { ShapeError } from '../../matrix/ShapeError.js'
import { buffer, fromBuffer } from '../../matrix/internal.js'
import * as K from '../../matrix/kernels.js'
import type { DeclaredPrimitive } from '../declare.js'

/** The block rows [r0, r1) × columns [c0, c1). */
export interface SliceParams {
  readonly r0: number
  readonly r1: number
  readonly c0: number
  readonly c1: number
}

/** Where a block sits inside a rows×cols matrix of zeros. */
export interface EmbedParams {
  readonly rows: number
  readonly cols: number
  readonly r0: number
  readonly c0: number
}

const asMatrix = (op: string, x: Value | undefined): Matrix => {
  if (x === undefined || typeof x === 'number') throw new ShapeError(op, ['scalar'], 'needs a matrix, got a scalar')
  return x
}

/**
 * A block of a matrix: rows [r0, r1), columns [c0, c1).
 *
 * - JVP: Ẋ ↦ the same block of Ẋ
 * - VJP: C̄ ↦ C̄ placed at (r0, c0) in a zero matrix of X's shape (`embed`)
 */
export const slicePrim: DeclaredPrimitive<SliceParams> = {
  name: 'slice',
  impl: ([x], { r0, r1, c0, c1 }) => {
    const m = asMatrix('slice', x)
    if (!(0 <= r0 && r0 <= r1 && r1 <= m.rows && 0 <= c0 && c0 <= c1 && c1 <= m.cols)) {
      throw new ShapeError('slice', [[m.rows, m.cols]], `block [${r0}, ${r1}) × [${c0}, ${c1}) is outside the matrix`)
    }
    return fromBuffer(r1 - r0, c1 - c0, K.slice(m.cols, buffer(m), r0, r1, c0, c1))
  },
  jvp: [(t, _, __, p) => bind(slicePrim, [t], p)],
  vjp: [
    (c, [x], _, { r0, c0 }) => {
      const m = asMatrix('slice', x)
      return bind(embedPrim, [c], { rows: m.rows, cols: m.cols, r0, c0 })
    },
  ],
  sample: (d) => {
    const rows = d.size(1, 4)
    const cols = d.size(1, 4)
    const r0 = d.size(0, rows - 1)
    const c0 = d.size(0, cols - 1)
    return {
      args: [d.matrix(rows, cols)],
      params: { r0, r1: d.size(r0 + 1, rows), c0, c1: d.size(c0 + 1, cols) },
    }
  },
}

/**
 * A matrix of zeros of shape rows×cols with X placed at (r0, c0): the
 * adjoint of `slice`.
 *
 * - JVP: Ẋ ↦ embed(Ẋ)
 * - VJP: C̄ ↦ the block of C̄ where X sits
 */
export const embedPrim: DeclaredPrimitive<EmbedParams> = {
  name: 'embed',
  impl: ([x], { rows, cols, r0, c0 }) => {
    const m = asMatrix('embed', x)
    if (r0 < 0 || c0 < 0 || r0 + m.rows > rows || c0 + m.cols > cols) {
      throw new ShapeError(
        'embed',
        [
          [m.rows, m.cols],
          [rows, cols],
        ],
        `the block does not fit at (${r0}, ${c0})`,
      )
    }
    const out = new Float64Array(rows * cols)
    K.blit(out, cols, buffer(m), m.rows, m.cols, r0, c0)
    return fromBuffer(rows, cols, out)
  },
  jvp: [(t, _, __, p) => bind(embedPrim, [t], p)],
  vjp: [
    (c, [x], _, { r0, c0 }) => {
      const m = asMatrix('embed', x)
      return bind(slicePrim, [c], { r0, r1: r0 + m.rows, c0, c1: c0 + m.cols })
    },
  ],
  sample: (d) => {
    const rows = d.size(1, 3)
    const cols = d.size(1, 3)
    const extraRows = d.size(0, 2)
    const extraCols = d.size(0, 2)
    return {
      args: [d.matrix(rows, cols)],
      params: { rows: rows + extraRows, cols: cols + extraCols, r0: d.size(0, extraRows), c0: d.size(0, extraCols) },
    }
  },
}

/** What `slice` says of a block outside the matrix. */
type BlockMessage<
  M extends Matrix,
  R0 extends number,
  R1 extends number,
  C0 extends number,
  C1 extends number,
> = `block [${DimText<R0>}, ${DimText<R1>}) × [${DimText<C0>}, ${DimText<C1>}) is outside the matrix (shape ${ShapeOf<M>})`

/**
 * The block rows [r0, r1) × columns [c0, c1) of x, of shape
 * (r1 − r0)×(c1 − c0). With literal bounds and shape, a block outside the
 * matrix is a compile error.
 *
 * @category slicing
 */
export const slice = <
  R extends number,
  C extends number,
  R0 extends number,
  R1 extends number,
  C0 extends number,
  C1 extends number,
>(
  x: Matrix<R, C>,
  r0: R0,
  r1: R1 & RangeRule<'slice', R0, R1, R, BlockMessage<Matrix<R, C>, R0, R1, C0, C1>>,
  c0: C0,
  c1: C1 & RangeRule<'slice', C0, C1, C, BlockMessage<Matrix<R, C>, R0, R1, C0, C1>>,
): Matrix<Minus<R1, R0>, Minus<C1, C0>> =>
  bind(slicePrim, [x], { r0, r1, c0, c1 }) as Matrix<Minus<R1, R0>, Minus<C1, C0>>

/** Rows [from, to) of x. @category slicing */
export const sliceRows = <R extends number, C extends number, F extends number, T extends number>(
  x: Matrix<R, C>,
  from: F,
  to: T & RangeRule<'sliceRows', F, T, R, BlockMessage<Matrix<R, C>, F, T, 0, C>>,
): Matrix<Minus<T, F>, C> =>
  slice(x as Matrix, from as number, to as number, 0, x.cols as number) as Matrix<Minus<T, F>, C>

/** Columns [from, to) of x: a contiguous range of a batch's examples. @category slicing */
export const sliceCols = <R extends number, C extends number, F extends number, T extends number>(
  x: Matrix<R, C>,
  from: F,
  to: T & RangeRule<'sliceCols', F, T, C, BlockMessage<Matrix<R, C>, 0, R, F, T>>,
): Matrix<R, Minus<T, F>> =>
  slice(x as Matrix, 0, x.rows as number, from as number, to as number) as Matrix<R, Minus<T, F>>
