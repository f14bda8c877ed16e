import { ShapeError } from '../../matrix/ShapeError.js'
import { buffer, fromBuffer } from '../../matrix/internal.js'
import { selectBroadcast } from '../../matrix/kernels.js'
import type { Matrix } from '../../matrix/Matrix.js'
import { bind } from '../bind.js'
import type { AnyValue, Value } from '../core.js'
import { shapeOfValue } from '../core.js'
import { sampleBroadcastPair, type DeclaredPrimitive } from '../declare.js'
import { stopGradient } from '../stopGradient.js'
import { broadcastTo, unbroadcast } from './sums.js'
import type { Broadcast, Operand, Same } from './types.js'
import { exampleAt, fromExamples, innermostBatch, mine } from '../batch.js'

/** The shape c, a and b broadcast to, or a ShapeError naming the three. */
const broadcast3 = (c: Value, a: Value, b: Value): readonly [number, number] | undefined => {
  const all = [c, a, b].map((v) => shapeOfValue(v))
  const shapes = all.filter((s) => s !== undefined)
  if (shapes.length === 0) return undefined
  const dim = (k: 0 | 1): number =>
    shapes.reduce<number>((n, s) => (n === s[k] || s[k] === 1 ? n : n === 1 ? s[k] : -1), 1)
  const [rows, cols] = [dim(0), dim(1)]
  if (rows < 0 || cols < 0) {
    throw new ShapeError(
      'where',
      all.map((s) => s ?? 'scalar'),
      'the condition and both branches must broadcast to one shape',
    )
  }
  return [rows, cols]
}

const asMatrix = (v: Value): Matrix => (typeof v === 'number' ? fromBuffer(1, 1, Float64Array.of(v)) : v)

const selectImpl = (args: ReadonlyArray<Value>): Value => {
  const [c, a, b] = args as readonly [Value, Value, Value]
  const shape = broadcast3(c, a, b)
  if (shape === undefined) {
    const k = c as number
    return k > 0 ? a : k <= 0 ? b : Number.NaN
  }
  const [cm, am, bm] = [asMatrix(c), asMatrix(a), asMatrix(b)]
  return fromBuffer(
    shape[0],
    shape[1],
    selectBroadcast(
      shape[0],
      shape[1],
      buffer(cm),
      cm.rows,
      cm.cols,
      buffer(am),
      am.rows,
      am.cols,
      buffer(bm),
      bm.rows,
      bm.cols,
    ),
  )
}

const select = (c: AnyValue, a: AnyValue, b: AnyValue): AnyValue => bind(wherePrim, [c, a, b], undefined)

/**
 * where(c, a, b), entrywise with broadcasting: a where c > 0, b where
 * c ≤ 0, NaN where c is NaN. The condition is not differentiated (it is a
 * step: its derivative is 0 wherever it exists).
 *
 * - JVP: (ȧ, ḃ) ↦ where(c, ȧ, 0) + where(c, 0, ḃ)
 * - VJP: g ↦ (unbroadcast(where(c, g, 0), a), unbroadcast(where(c, 0, g), b))
 *
 * The entry not chosen never reaches the result, in the value or in the
 * rules: where(c, g, 0) is 0 there even if g is NaN.
 */
export const wherePrim: DeclaredPrimitive<undefined> = {
  name: 'where',
  impl: selectImpl,
  jvp: [
    undefined,
    (t, [c], y) => broadcastTo(select(c as AnyValue, t, 0), y),
    (t, [c], y) => broadcastTo(select(c as AnyValue, 0, t), y),
  ],
  vjp: [
    undefined,
    (g, [c, a]) => unbroadcast(select(c as AnyValue, g, 0), a as AnyValue),
    (g, [c, , b]) => unbroadcast(select(c as AnyValue, 0, g), b as AnyValue),
  ],
  sample: (d) => {
    const [a, b] = sampleBroadcastPair(d, {}, {}) as readonly [Value, Value]
    const s = shapeOfValue(a) ?? shapeOfValue(b)
    // a condition well away from 0, where a small step of it changes nothing
    const range = { min: -3, max: 3, avoid: [0], margin: 0.5 }
    const c = s === undefined ? d.number(range) : d.matrix(s[0], s[1], range)
    return { args: [c, a, b], params: undefined }
  },
}

/** The shape of `where` with its two forms (see the function's documentation). */
export interface Where {
  <A extends Operand, B extends Operand>(cond: Operand, a: A, b: B): Broadcast<A, B>
  <X extends Operand>(cond: Operand, x: X, onTrue: (x: X) => Operand, onFalse: (x: X) => Operand): Same<X>
}

/** The first entry of a plain value where `keep` holds, or undefined. */
const firstWhere = (m: Value, x: Value, keep: (c: number) => boolean): number | undefined => {
  if (typeof m === 'number') return keep(m) ? (x as number) : undefined
  const cs = buffer(m)
  const i = cs.findIndex(keep)
  return i < 0 ? undefined : typeof x === 'number' ? x : buffer(x)[i]
}

/**
 * A point where `keep` holds for the condition, as {@link firstWhere} finds
 * it; under `vmap`, one per example (an example where the branch is taken
 * nowhere borrows another's point, which its result never uses), and
 * undefined only if the branch is taken nowhere in the whole batch.
 */
const pointWhere = (m: Value, x: Value, keep: (c: number) => boolean): Value | undefined => {
  const t = innermostBatch([m, x])
  if (t === undefined) return firstWhere(m, x, keep)
  const of = (v: Value, j: number): Value => (mine(t, v) ? exampleAt(v, j) : v)
  const points = Array.from({ length: t.n }, (_, j) => pointWhere(of(m, j), of(x, j), keep))
  const found = points.find((p) => p !== undefined)
  return found === undefined
    ? undefined
    : fromExamples(
        t,
        points.map((p) => p ?? found),
        'where',
      )
}

/**
 * The two-function form: each branch evaluated only where it is taken, at
 * points of its own domain elsewhere (see {@link where}).
 */
const whereBranches = (
  cond: Operand,
  x: Operand,
  onTrue: (x: Operand) => Operand,
  onFalse: (x: Operand) => Operand,
): Operand => {
  const m = stopGradient(cond)
  const at = stopGradient(x)
  const cs = shapeOfValue(m)
  const xs = shapeOfValue(at)
  if (cs !== undefined && (xs === undefined || xs[0] !== cs[0] || xs[1] !== cs[1])) {
    throw new ShapeError('where', [cs, xs ?? 'scalar'], 'with branch functions, x must have the shape of the condition')
  }
  // a point where each branch is taken: it stands in for x where that branch is not
  const truePoint = pointWhere(m, at, (c) => c > 0)
  const falsePoint = pointWhere(m, at, (c) => c <= 0)
  const taken = truePoint === undefined ? 0 : onTrue(select(m, x, truePoint))
  const other = falsePoint === undefined ? 0 : onFalse(select(m, falsePoint, x))
  return select(m, taken, other)
}

/**
 * A choice, entry by entry, with broadcasting: where the condition is
 * positive, the first branch; where it is 0 or negative, the second; NaN
 * where it is NaN. The condition is not differentiated (a 0/1 mask such as
 * `step(x)` works as it reads).
 *
 * - `where(cond, a, b)` chooses between two values. Their derivatives go
 *   only to the entries chosen, but a value is computed everywhere, so a
 *   branch that is NaN or ∞ where it is not chosen can still poison the
 *   gradient through its own rule (0 · ∞ = NaN): the classic trap of
 *   `where(x > 0, sqrt(x), 0)` at x < 0.
 * - `where(cond, x, onTrue, onFalse)` is the safe form for entrywise
 *   branches of x: each branch function sees x only where it is taken, and
 *   elsewhere an entry of x where it is taken (as a constant), so neither
 *   is ever evaluated outside the domain the condition gives it, and no
 *   NaN can leak into the value or the gradient from the side not taken
 *   (JAX users write this "double where" by hand). A branch taken nowhere
 *   is not called. The branches must be entrywise (entry i of the result
 *   depends on entry i of x alone), and x must have the condition's shape.
 *
 * @example
 * // √x for x > 0, else 0, with gradient 1/(2√x) and 0: no NaN at x < 0
 * const safeSqrt = (x: Matrix) => where(x, x, sqrt, () => 0)
 * @category elementwise
 */
export const where: Where = (cond: Operand, a: unknown, b: unknown, onFalse?: unknown) =>
  typeof b === 'function'
    ? whereBranches(cond, a as Operand, b as (x: Operand) => Operand, onFalse as (x: Operand) => Operand)
    : select(cond, a as Operand, b as Operand)
