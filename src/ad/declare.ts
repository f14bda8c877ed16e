import type { Matrix } from '../matrix/Matrix.js'
import { ShapeError, showShape } from '../matrix/ShapeError.js'
import { buffer, fromBuffer } from '../matrix/internal.js'
import * as K from '../matrix/kernels.js'
import type { AnyValue, Primitive, Value } from './core.js'
import { Tracer, shapeOfValue } from './core.js'

/**
 * A source of test inputs, as a primitive describes them. `nabla/laws`
 * implements it with fast-check, so every primitive in the op set gets its
 * derivative laws checked from this description alone; `src/` never
 * depends on fast-check.
 */
export interface Draw {
  /** An integer dimension in [min, max]. */
  readonly size: (min: number, max: number) => number
  /** A finite number in the range. */
  readonly number: (range?: Range) => number
  /** A rows×cols matrix with entries in the range. */
  readonly matrix: (rows: number, cols: number, range?: Range) => Matrix
  /** One of the options. */
  readonly oneOf: <T>(options: ReadonlyArray<T>) => T
}

/**
 * Where a primitive's inputs should be drawn from for its laws: [min, max],
 * staying at least `margin` (default 0.05) away from each point of `avoid` —
 * the kinks where a central difference straddles a non-differentiable point.
 */
export interface Range {
  readonly min?: number
  readonly max?: number
  readonly avoid?: ReadonlyArray<number>
  readonly margin?: number
}

/** Arguments and parameters for one application of a primitive. */
export interface Sample<P> {
  readonly args: ReadonlyArray<Value>
  readonly params: P
}

/** A primitive of nabla's own op set, which also says how to sample its inputs for the laws. */
export interface DeclaredPrimitive<P = unknown> extends Primitive<P> {
  readonly sample: (d: Draw) => Sample<P>
  /**
   * Points where an entrywise primitive is not differentiable (relu's 0).
   * `sample` stays away from them; the kink-aware law evaluates exactly there.
   */
  readonly kinks?: ReadonlyArray<number>
}

/** A value's shape as text, for error messages: `scalar` or `2×3`. */
export const describeShape = (v: AnyValue): string => {
  const s = shapeOfValue(v)
  return s === undefined ? 'scalar' : showShape(s)
}

export const isScalar = (v: AnyValue): boolean => typeof v === 'number' || (v instanceof Tracer ? v.isScalar : false)

/**
 * The shape two operands broadcast to (numbers are scalars; a dimension of
 * 1 stretches to match the other operand), or a ShapeError naming the op.
 * Returns undefined when both are scalars.
 */
const broadcastShape = (op: string, a: AnyValue, b: AnyValue): readonly [number, number] | undefined => {
  const sa = shapeOfValue(a)
  const sb = shapeOfValue(b)
  if (sa === undefined) return sb
  if (sb === undefined) return sa
  const rows = sa[0] === sb[0] ? sa[0] : sa[0] === 1 ? sb[0] : sb[0] === 1 ? sa[0] : -1
  const cols = sa[1] === sb[1] ? sa[1] : sa[1] === 1 ? sb[1] : sb[1] === 1 ? sa[1] : -1
  if (rows < 0 || cols < 0) {
    throw new ShapeError(op, [sa, sb], 'shapes do not broadcast (each dimension must be equal, or 1 in one operand)')
  }
  return [rows, cols]
}

/** Plain implementation of an entrywise unary function on a number or a matrix. */
export const unaryImpl =
  (f: (x: number) => number, kernel?: (a: Float64Array) => Float64Array) =>
  (args: ReadonlyArray<Value>): Value => {
    const x = args[0] as Value
    if (typeof x === 'number') return f(x)
    return fromBuffer(x.rows, x.cols, kernel === undefined ? K.map(buffer(x), f) : kernel(buffer(x)))
  }

/**
 * Plain implementation of an entrywise binary function with broadcasting.
 * For the four arithmetic operators, `op` selects dedicated loops for the
 * common cases — equal shapes, a scalar operand, a column operand (the bias
 * of a batch) — so that no function is called per entry; anything else goes
 * through the general broadcasting kernel with f.
 */
export const binaryImpl =
  (name: string, f: (x: number, y: number) => number, op?: K.Arithmetic) =>
  (args: ReadonlyArray<Value>): Value => {
    const a = args[0] as Value
    const b = args[1] as Value
    if (typeof a === 'number' && typeof b === 'number') return f(a, b)
    const [rows, cols] = broadcastShape(name, a, b) as readonly [number, number]
    if (op !== undefined) {
      if (typeof a === 'number') return fromBuffer(rows, cols, K.withScalar(buffer(b as Matrix), a, op, true))
      if (typeof b === 'number') return fromBuffer(rows, cols, K.withScalar(buffer(a), b, op, false))
      if (a.rows === b.rows && a.cols === b.cols) return fromBuffer(rows, cols, sameShape(op, buffer(a), buffer(b)))
      if (b.cols === 1 && b.rows === rows && a.rows === rows && a.cols === cols) {
        return fromBuffer(rows, cols, K.withColumn(rows, cols, buffer(a), buffer(b), op, false))
      }
      if (a.cols === 1 && a.rows === rows && b.rows === rows && b.cols === cols) {
        return fromBuffer(rows, cols, K.withColumn(rows, cols, buffer(b), buffer(a), op, true))
      }
    }
    const am = typeof a === 'number' ? fromBuffer(1, 1, Float64Array.of(a)) : a
    const bm = typeof b === 'number' ? fromBuffer(1, 1, Float64Array.of(b)) : b
    return fromBuffer(
      rows,
      cols,
      K.zipBroadcast(rows, cols, buffer(am), am.rows, am.cols, buffer(bm), bm.rows, bm.cols, f),
    )
  }

const sameShape = (op: K.Arithmetic, a: Float64Array, b: Float64Array): Float64Array =>
  op === 'add' ? K.add(a, b) : op === 'sub' ? K.sub(a, b) : op === 'mul' ? K.mul(a, b) : K.div(a, b)

/** Two broadcast-compatible operands: same shape, scalar and matrix, or a column/row against a matrix. */
export const sampleBroadcastPair = (d: Draw, a: Range, b: Range): ReadonlyArray<Value> => {
  const rows = d.size(1, 4)
  const cols = d.size(1, 4)
  const kind = d.oneOf(['same', 'scalar-left', 'scalar-right', 'column', 'row', 'scalars'] as const)
  switch (kind) {
    case 'same':
      return [d.matrix(rows, cols, a), d.matrix(rows, cols, b)]
    case 'scalar-left':
      return [d.number(a), d.matrix(rows, cols, b)]
    case 'scalar-right':
      return [d.matrix(rows, cols, a), d.number(b)]
    case 'column':
      return [d.matrix(rows, cols, a), d.matrix(rows, 1, b)]
    case 'row':
      return [d.matrix(1, cols, a), d.matrix(rows, cols, b)]
    case 'scalars':
      return [d.number(a), d.number(b)]
  }
}
