import { bind } from '../bind.js'
import type { Matrix } from '../../matrix/Matrix.js'
import type { ShapeMismatch, StackRule, Stacked } from '../../matrix/ShapeMismatch.js'
import { isScalar } from '../declare.js'
import { ShapeError } from '../../matrix/ShapeError.js'
import { buffer, fromBuffer } from '../../matrix/internal.js'
import * as K from '../../matrix/kernels.js'
import type { AnyValue } from '../core.js'
import { zerosLike } from '../core.js'
import type { DeclaredPrimitive } from '../declare.js'
import { slicePrim } from './slice.js'

/**
 * Matrices one above the other (same number of columns), every entry kept
 * as it is (−0 included). Its derivative is the matching slice of the
 * cotangent.
 *
 * @category slicing
 */
export const stackRows = <const Ps extends ReadonlyArray<Matrix>>(
  parts: Ps & StackRule<'stackRows', Ps, 'rows', NoParts<'stackRows'>>,
): Stacked<Ps, 'rows'> => stack('stackRows', parts, 'rows') as Stacked<Ps, 'rows'>

/** Matrices side by side (same number of rows). @category slicing */
export const stackCols = <const Ps extends ReadonlyArray<Matrix>>(
  parts: Ps & StackRule<'stackCols', Ps, 'cols', NoParts<'stackCols'>>,
): Stacked<Ps, 'cols'> => stack('stackCols', parts, 'cols') as Stacked<Ps, 'cols'>

/** Stacking nothing is refused: there is no shape to give the result. */
type NoParts<Op extends string> = ShapeMismatch<Op, 'needs at least one matrix'>

/** Which way `stack` joins its parts. */
export interface StackParams {
  readonly along: 'rows' | 'cols'
}

/** The offsets of the parts along the joined dimension, and the total. */
const offsets = (parts: ReadonlyArray<AnyValue>, along: 'rows' | 'cols'): ReadonlyArray<number> =>
  parts.reduce<ReadonlyArray<number>>((acc, p) => [...acc, (acc.at(-1) ?? 0) + (p as Matrix)[along]], [0])

/**
 * Matrices joined one above the other (`rows`) or side by side (`cols`):
 * each entry copied where it goes.
 *
 * - JVP: (Ẋ₁, …, Ẋₖ) ↦ the tangents joined alike (zeros for a constant part)
 * - VJP: C̄ ↦ the block of C̄ where each part sits
 */
export const stackPrim: DeclaredPrimitive<StackParams> = {
  name: 'stack',
  impl: (parts, { along }) => {
    const ms = parts as ReadonlyArray<Matrix>
    const first = ms[0] as Matrix
    const at = offsets(ms, along)
    const total = at.at(-1) ?? 0
    const [rows, cols] = along === 'rows' ? [total, first.cols] : [first.rows, total]
    const out = new Float64Array(rows * cols)
    ms.forEach((m, i) => {
      const o = at[i] ?? 0
      K.blit(out, cols, buffer(m), m.rows, m.cols, along === 'rows' ? o : 0, along === 'rows' ? 0 : o)
    })
    return fromBuffer(rows, cols, out)
  },
  jvp: [],
  vjp: [],
  jvpAll: (tangents, parts, _, params) =>
    bind(
      stackPrim,
      tangents.map((t, i) => t ?? zerosLike(parts[i] as AnyValue)),
      params,
    ),
  vjpAll: (c, parts, _, { along }) => {
    const at = offsets(parts, along)
    const out = c as Matrix
    return parts.map((p, i) => {
      const m = p as Matrix
      const o = at[i] ?? 0
      return along === 'rows'
        ? bind(slicePrim, [c], { r0: o, r1: o + m.rows, c0: 0, c1: out.cols })
        : bind(slicePrim, [c], { r0: 0, r1: out.rows, c0: o, c1: o + m.cols })
    })
  },
  sample: (d) => {
    const along = d.oneOf(['rows', 'cols'] as const)
    const across = d.size(1, 3)
    const parts = Array.from({ length: d.size(1, 3) }, () =>
      along === 'rows' ? d.matrix(d.size(1, 3), across) : d.matrix(across, d.size(1, 3)),
    )
    return { args: parts, params: { along } }
  },
}

const stack = (op: string, parts: ReadonlyArray<Matrix>, along: 'rows' | 'cols'): Matrix => {
  const first = parts[0]
  if (first === undefined) throw new ShapeError(op, [], 'needs at least one matrix')
  const scalar = parts.findIndex((p) => isScalar(p))
  if (scalar >= 0) {
    throw new ShapeError(
      op,
      ['scalar'],
      `part ${String(scalar)} is a number; stack matrices (reshape(x, 1, 1) reads a number as 1×1)`,
    )
  }
  const across = along === 'rows' ? 'cols' : 'rows'
  const bad = parts.find((p) => p[across] !== first[across])
  if (bad !== undefined) {
    throw new ShapeError(
      op,
      [
        [first.rows, first.cols],
        [bad.rows, bad.cols],
      ],
      `${across === 'cols' ? 'column' : 'row'} counts differ`,
    )
  }
  return bind(stackPrim, parts, { along }) as Matrix
}
