import type { Eq as EqT } from 'fp-ts/lib/Eq.js'
import type { Show as ShowT } from 'fp-ts/lib/Show.js'
import type { Matrix } from './Matrix.js'
import { buffer } from './internal.js'
import { deepFreeze } from './freeze.js'

/** Whether p holds for every pair of entries at the same index of two matrices of equal size. */
const entriesEvery = (a: Matrix, b: Matrix, p: (x: number, y: number) => boolean): boolean => {
  const x = buffer(a)
  const y = buffer(b)
  return x.every((xi, i) => p(xi, y[i] as number))
}

/**
 * Exact equality: same shape and equal entries, where NaN equals NaN (so the
 * relation is reflexive, as an `Eq` must be) and 0 equals −0.
 *
 * @category instances
 */
export const Eq: EqT<Matrix> = deepFreeze({
  equals: (a, b) =>
    a === b ||
    (a.rows === b.rows &&
      a.cols === b.cols &&
      entriesEvery(a, b, (x, y) => x === y || (Number.isNaN(x) && Number.isNaN(y)))),
})

/**
 * Tolerances for approximate comparison: |a − b| ≤ atol + rtol·max(|a|, |b|).
 * Both default to 0 (exact).
 *
 * @category instances
 */
export interface Tolerance {
  readonly atol?: number
  readonly rtol?: number
}

/**
 * Approximate equality entry by entry: same shape and
 * |aᵢⱼ − bᵢⱼ| ≤ atol + rtol·max(|aᵢⱼ|, |bᵢⱼ|). Symmetric and reflexive (NaN
 * matches NaN, ∞ matches the same ∞); not transitive, as no tolerance is.
 *
 * @example
 * getEqApprox({ atol: 1e-12, rtol: 1e-9 }).equals(a, b)
 * @category instances
 */
export const getEqApprox = ({ atol = 0, rtol = 0 }: Tolerance): EqT<Matrix> => ({
  equals: (a, b) => a.rows === b.rows && a.cols === b.cols && entriesEvery(a, b, (x, y) => closeTo(x, y, atol, rtol)),
})

/** |x − y| ≤ atol + rtol·max(|x|, |y|), with NaN ~ NaN and equal infinities close. */
export const closeTo = (x: number, y: number, atol: number, rtol: number): boolean =>
  x === y || (Number.isNaN(x) && Number.isNaN(y)) || Math.abs(x - y) <= atol + rtol * Math.max(Math.abs(x), Math.abs(y))

/** An entry as text that parses back to the same number; `String` would print −0 as `0`. */
const showEntry = (x: number): string => (Object.is(x, -0) ? '-0' : String(x))

/** Rows and columns shown before eliding the middle with an ellipsis. */
const SHOW_EDGE = 4

/**
 * `Matrix 2×3 [[1, 2, 3], [4, 5, 6]]`; entries print with enough digits to
 * round-trip; matrices wider or taller than 8 show their first and last 4
 * rows and columns around a `…`.
 *
 * @category instances
 */
export const Show: ShowT<Matrix> = deepFreeze({
  show: (m) => {
    const pick = (n: number): ReadonlyArray<number | '…'> =>
      n <= 2 * SHOW_EDGE
        ? Array.from({ length: n }, (_, i) => i)
        : [
            ...Array.from({ length: SHOW_EDGE }, (_, i) => i),
            '…' as const,
            ...Array.from({ length: SHOW_EDGE }, (_, i) => n - SHOW_EDGE + i),
          ]
    const rows = pick(m.rows).map((i) =>
      i === '…'
        ? '…'
        : `[${pick(m.cols)
            .map((j) => (j === '…' ? '…' : showEntry(buffer(m)[i * m.cols + j] as number)))
            .join(', ')}]`,
    )
    return `Matrix ${String(m.rows)}×${String(m.cols)} [${rows.join(', ')}]`
  },
})
