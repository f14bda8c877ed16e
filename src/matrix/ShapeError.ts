/**
 * The error thrown when an operation receives operands whose shapes do not
 * fit together. A shape mismatch inside the math is a programmer error (like
 * an index out of range), so it throws; data that crosses a boundary is
 * validated with `Either` instead.
 *
 * The message names the operation and every shape involved, e.g.
 * `matmul: cannot multiply 2×3 by 4×5 (inner dimensions 3 and 4 differ)`.
 *
 * @category errors
 */
export class ShapeError extends Error {
  override readonly name = 'ShapeError'
  /** The operation that refused its operands, e.g. `'matmul'`. */
  readonly op: string
  /** The shapes it was given, as `[rows, cols]` pairs (or `'scalar'` for a number), in argument order. */
  readonly shapes: ReadonlyArray<readonly [number, number] | 'scalar'>

  constructor(op: string, shapes: ReadonlyArray<readonly [number, number] | 'scalar'>, detail: string) {
    super(
      shapes.length === 0
        ? `${op}: ${detail}`
        : `${op}: ${detail} (shape${shapes.length === 1 ? '' : 's'} ${shapes.map(showShapeOrScalar).join(' and ')})`,
    )
    this.op = op
    this.shapes = shapes
  }
}

/** `2×3` for a 2-row, 3-column shape. */
export const showShape = ([rows, cols]: readonly [number, number]): string => `${String(rows)}×${String(cols)}`

const showShapeOrScalar = (s: readonly [number, number] | 'scalar'): string => (s === 'scalar' ? s : showShape(s))
