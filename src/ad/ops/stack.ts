import { bind } from '../bind.js'
import type { Matrix } from '../../matrix/Matrix.js'
import type { ShapeMismatch, StackRule, Stacked } from '../../matrix/ShapeMismatch.js'
import { isScalar } from '../declare.js'
import { ShapeError } from '../../matrix/ShapeError.js'
import { add } from './add.js'
import { embedPrim } from './slice.js'

/**
 * Matrices one above the other (same number of columns). Built as a sum of
 * embeddings, so its derivative is the matching slice of the cotangent.
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
  const total = parts.reduce((n, p) => n + p[along], 0)
  const offsets = parts.reduce<ReadonlyArray<number>>((acc, p) => [...acc, (acc.at(-1) ?? 0) + p[along]], [0])
  const placed = parts.map((p, i) =>
    bind(
      embedPrim,
      [p],
      along === 'rows'
        ? { rows: total, cols: first.cols, r0: offsets[i] ?? 0, c0: 0 }
        : { rows: first.rows, cols: total, r0: 0, c0: offsets[i] ?? 0 },
    ),
  )
  return placed.reduce((acc, p) => add(acc, p)) as Matrix
}
