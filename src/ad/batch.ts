import type { Matrix } from '../matrix/Matrix.js'
import { ShapeError } from '../matrix/ShapeError.js'
import { buffer, fromBuffer, rawReadError } from '../matrix/internal.js'
import { joinParts, splitColumns } from '../matrix/kernels.js'
import { bind } from './bind.js'
import { Tracer, asValue, shapeInfo, type AnyValue, type Trace, type Value } from './core.js'
import { slicePrim } from './ops/slice.js'
import { sumPrim } from './ops/sums.js'
import { transposePrim } from './ops/transpose.js'

/**
 * Batched values, as `vmap`'s batching interpreter (`batching.ts`) holds
 * them: a value that stands for one example and holds all n. Kept apart
 * from the rules so that the few composite ops that compute a constant from
 * their operands' values (the shift of a log-sum-exp, the safe points of a
 * double where) can compute it per example.
 *
 * @module
 */

/** The shape of one example: rows, columns, and whether it is a number. */
export type Shape = readonly [number, number, boolean]

/** How a batched value holds its examples (see the module's documentation). */
export type Batch =
  | { readonly layout: 'columns'; readonly value: AnyValue }
  | { readonly layout: 'rows'; readonly value: AnyValue }
  | { readonly layout: 'list'; readonly values: ReadonlyArray<AnyValue> }

/** A running `vmap`: its trace, and the number of examples n. */
export interface BatchTrace extends Trace {
  readonly n: number
}

const MAPPED =
  'is being mapped over by vmap, so its raw entries cannot be read: use nabla\u2019s operations on it, ' +
  'or vmap(f, { loop: true }) to call f on the plain values of each example in turn'

/**
 * A value under `vmap`: it stands for one example (its `rows`, `cols` and
 * `isScalar` are one example's) and holds the whole batch.
 */
export class BatchTracer extends Tracer {
  constructor(
    trace: BatchTrace,
    readonly batch: Batch,
    shape: Shape,
  ) {
    super(trace, batch.layout === 'list' ? (batch.values[0] as AnyValue) : batch.value, undefined, -1, shape)
  }

  override [rawReadError](): TypeError {
    return new TypeError(`a per-example ${this.describe()} ${MAPPED}`)
  }

  override [Symbol.toPrimitive](): never {
    throw new TypeError(
      `a per-example ${this.describe()} was used in JavaScript arithmetic or a condition under vmap; ` +
        `use nabla's operations (add, mul, where, …), or vmap(f, { loop: true }) for a function that branches on its values`,
    )
  }

  /** The derivatives under this batch cut (`stopGradient`): still a batch, of plain values. */
  override cut(strip: (v: AnyValue) => AnyValue): AnyValue {
    const b = this.batch
    const stripped: Batch =
      b.layout === 'list' ? { layout: 'list', values: b.values.map(strip) } : { ...b, value: strip(b.value) }
    return asValue(new BatchTracer(this.trace as BatchTrace, stripped, [this.rows, this.cols, this.isScalar]))
  }

  /** Every value the batch holds (`checkFinite` looks at all of them). */
  override held(): ReadonlyArray<AnyValue> {
    return this.batch.layout === 'list' ? this.batch.values : [this.batch.value]
  }
}

/** One example's shape of a value: a tracer's own, or a plain value's. */
export const shapeOf: (v: AnyValue) => Shape = shapeInfo

export const mine = (t: BatchTrace, v: AnyValue): v is AnyValue & BatchTracer =>
  v instanceof BatchTracer && v.trace === t

export const make = (t: BatchTrace, batch: Batch, shape: Shape): AnyValue => asValue(new BatchTracer(t, batch, shape))

export const transposed = (v: AnyValue): AnyValue => bind(transposePrim, [v], undefined)

/** The batch as a d×n matrix of example columns, when its examples are columns (or 1×1, or numbers). */
export const asColumns = (b: BatchTracer): AnyValue | undefined => {
  const batch = b.batch
  if (batch.layout === 'columns') return batch.value
  if (batch.layout === 'rows' && b.cols === 1) return transposed(batch.value)
  return undefined
}

/** The batch as an n×c matrix of example rows, when its examples are rows (or 1×1, or numbers). */
export const asRows = (b: BatchTracer): AnyValue | undefined => {
  const batch = b.batch
  if (batch.layout === 'rows') return batch.value
  if (batch.layout === 'columns' && b.rows === 1) return transposed(batch.value)
  return undefined
}

/** The entry of a 1×1 matrix as a number: read exactly when it is plain, else by a (differentiable) sum. */
const entry = (m: AnyValue): AnyValue =>
  m instanceof Tracer ? bind(sumPrim, [m], undefined) : (buffer(m as Matrix)[0] as number)

/**
 * Every example of a batched value, as f would see each alone: a plain
 * batch split in one pass, otherwise one (differentiable) slice each.
 */
export const examplesOf = (b: BatchTracer): ReadonlyArray<AnyValue> => {
  const n = (b.trace as BatchTrace).n
  const batch = b.batch
  if (batch.layout === 'list') return batch.values
  const value = batch.value
  if (value instanceof Tracer) return Array.from({ length: n }, (_, j) => exampleAt(b, j))
  const m = value as Matrix
  if (batch.layout === 'rows') return Array.from({ length: n }, (_, j) => exampleAt(b, j))
  const parts = splitColumns(m.rows, n, buffer(m))
  return parts.map((p) => (b.isScalar ? (p[0] as number) : fromBuffer(m.rows, 1, p)))
}

/** Example j of a batched value, as f would see it alone. */
export const exampleAt = (b: BatchTracer, j: number): AnyValue => {
  const batch = b.batch
  if (batch.layout === 'list') return batch.values[j] as AnyValue
  const block =
    batch.layout === 'columns'
      ? bind(slicePrim, [batch.value], { r0: 0, r1: b.rows, c0: j, c1: j + 1 })
      : bind(slicePrim, [batch.value], { r0: j, r1: j + 1, c0: 0, c1: b.cols })
  return b.isScalar ? entry(block) : block
}

const describe = (s: Shape): string => (s[2] ? 'a number' : `a ${String(s[0])}×${String(s[1])} matrix`)

/**
 * The batch of n per-example values (one example's shape each): stacked
 * into one matrix when they are plain numbers, columns or rows, a list
 * otherwise.
 */
export const fromExamples = (t: BatchTrace, values: ReadonlyArray<AnyValue>, op: string): AnyValue => {
  const shape = shapeOf(values[0] as AnyValue)
  values.forEach((v, j) => {
    const s = shapeOf(v)
    if (s[0] !== shape[0] || s[1] !== shape[1] || s[2] !== shape[2]) {
      throw new ShapeError(
        'vmap',
        [],
        `${op} gives ${describe(shape)} for example 0 but ${describe(s)} for example ${String(j)}`,
      )
    }
  })
  const plain = values.every((v) => !(v instanceof Tracer))
  const [rows, cols] = shape
  if (plain && (cols === 1 || rows === 1)) {
    const n = values.length
    const byColumns = cols === 1
    const out = joinParts(
      values.map((v) => (typeof v === 'number' ? v : buffer(v))),
      rows * cols,
      byColumns,
    )
    return byColumns
      ? make(t, { layout: 'columns', value: fromBuffer(rows, n, out) }, shape)
      : make(t, { layout: 'rows', value: fromBuffer(n, cols, out) }, shape)
  }
  return make(t, { layout: 'list', values }, shape)
}

/**
 * A constant computed from plain values (no transform sees how), for each
 * example when v is a batch (as `stopGradient` leaves one), or for v
 * itself: `f` on example j of a batch, and the results as a batch again.
 */
export const perExampleConstant = (v: Value, f: (plain: Value) => Value): Value => {
  if (!(v instanceof BatchTracer)) return f(v)
  const t = v.trace as BatchTrace
  return fromExamples(
    t,
    Array.from({ length: t.n }, (_, j) => perExampleConstant(exampleAt(v, j), f)),
    'a constant',
  )
}

/** The innermost batch among some values (as `stopGradient` leaves them), if any. */
export const innermostBatch = (vs: ReadonlyArray<Value>): BatchTrace | undefined =>
  vs.reduce<BatchTrace | undefined>((top, v) => {
    if (!(v instanceof BatchTracer)) return top
    const t = v.trace as BatchTrace
    return top === undefined || t.level > top.level ? t : top
  }, undefined)
