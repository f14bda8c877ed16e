import type { Matrix } from '../../matrix/Matrix.js'
import type { AnyValue } from '../core.js'
import { shapeOfValue } from '../core.js'
import { sum } from './sum.js'
import { sumCols } from './sumCols.js'
import { sumRows } from './sumRows.js'

/**
 * The adjoint of broadcasting: sums a cotangent `c` of the broadcast shape
 * back down to the shape of the operand `like` — over everything for a
 * scalar operand, over columns for a column operand, over rows for a row.
 * Built from differentiable reductions, so it can be differentiated again.
 */
export const unbroadcast = (c: AnyValue, like: AnyValue): AnyValue => {
  const target = shapeOfValue(like)
  const have = shapeOfValue(c)
  if (have === undefined) return c
  if (target === undefined) return sum(c)
  const rowsDone = target[0] === have[0] ? c : sumCols(c as Matrix)
  return target[1] === have[1] ? rowsDone : sumRows(rowsDone as Matrix)
}
