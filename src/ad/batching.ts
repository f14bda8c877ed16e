import { bind } from './bind.js'
import type { AnyValue, Primitive } from './core.js'
import {
  asColumns,
  asRows,
  examplesOf,
  fromExamples,
  make,
  mine,
  shapeOf,
  transposed,
  type BatchTrace,
  type BatchTracer,
  type Shape,
} from './batch.js'
import { absPrim } from './ops/abs.js'
import { addPrim } from './ops/add.js'
import { divPrim } from './ops/div.js'
import { expPrim } from './ops/exp.js'
import { expm1Prim } from './ops/expm1.js'
import { logPrim } from './ops/log.js'
import { log1pPrim } from './ops/log1p.js'
import { matmulPrim, type MatmulParams } from './ops/matmul.js'
import { maxSharePrim, maximumPrim } from './ops/maximum.js'
import { mulPrim } from './ops/mul.js'
import { negPrim } from './ops/neg.js'
import { powPrim } from './ops/pow.js'
import { reluPrim } from './ops/relu.js'
import { reshapePrim, type ReshapeParams } from './ops/reshape.js'
import { sigmoidPrim } from './ops/sigmoid.js'
import { signPrim } from './ops/sign.js'
import { embedPrim, slicePrim, type EmbedParams, type SliceParams } from './ops/slice.js'
import { softplusPrim } from './ops/softplus.js'
import { sqrtPrim } from './ops/sqrt.js'
import { squarePrim } from './ops/square.js'
import { stackPrim, type StackParams } from './ops/stack.js'
import { stepPrim } from './ops/step.js'
import { subPrim } from './ops/sub.js'
import { broadcastPrim, sumColsPrim, sumPrim, sumRowsPrim, type BroadcastParams } from './ops/sums.js'
import { tanhPrim } from './ops/tanh.js'
import { transposePrim } from './ops/transpose.js'
import { cosPrim, sinPrim } from './ops/trig.js'
import { wherePrim } from './ops/where.js'
import { xdivyPrim } from './ops/xdivy.js'
import { xlogyPrim } from './ops/xlogy.js'

/**
 * The batching interpreter behind `vmap`: a function written for one
 * example runs once, on values that hold the whole batch, and each
 * primitive is turned into the matrix operation that does the work of all
 * examples at once — JAX's batching rules, over nabla's 2-D matrices.
 *
 * A batched value holds n examples in one of three layouts:
 *
 * - `columns`: example j is column j of a d×n matrix, for examples that are
 *   d×1 columns, 1×1 matrices or numbers (d = 1): nabla's convention;
 * - `rows`: example j is row j of an n×c matrix, for examples that are 1×c
 *   rows (what a transpose of a column gives);
 * - `list`: one value per example, for anything else (the per-example
 *   outer products δⱼaⱼᵀ of BP4 are matrices).
 *
 * A primitive with a rule for the layouts it meets runs once on the batch:
 * entrywise and broadcasting ops on the d×n matrix as it is; a matrix
 * product with a shared left operand, W·X, is one product; sums become
 * column sums. Where no rule applies, the primitive runs once per example
 * (the loop is the correct fallback) and its results form a list, stacked
 * back into one matrix when they are plain columns or rows. Either way each
 * example's result is, bit for bit, the one f gives on that example alone:
 * the rules use the same kernels in the same order of summation (the
 * product accumulates every entry in the order of k, column sums are the
 * compensated `sum` of each column).
 *
 * @module
 */

/** The fallback: the primitive once per example, its results as a batch. */
const perExample = <P>(t: BatchTrace, prim: Primitive<P>, args: ReadonlyArray<AnyValue>, params: P): AnyValue => {
  const split = args.map((a) => (mine(t, a) ? examplesOf(a) : undefined))
  return fromExamples(
    t,
    Array.from({ length: t.n }, (_, j) =>
      bind(
        prim,
        args.map((a, i) => split[i]?.[j] ?? a),
        params,
      ),
    ),
    prim.name,
  )
}

/** A batching rule: the primitive on the whole batch, or undefined where it needs the fallback. */
type Rule = (
  t: BatchTrace,
  prim: Primitive<never>,
  args: ReadonlyArray<AnyValue>,
  params: never,
) => AnyValue | undefined

/** One example's shape of an entrywise op's result (its operands broadcast), or undefined if they do not. */
const broadcastShape = (shapes: ReadonlyArray<Shape>): Shape | undefined => {
  const fit = (a: number, b: number): number => (a === b ? a : a === 1 ? b : b === 1 ? a : -1)
  const matrices = shapes.filter((s) => !s[2])
  const rows = matrices.reduce((r, s) => fit(r, s[0]), 1)
  const cols = matrices.reduce((c, s) => fit(c, s[1]), 1)
  return rows < 0 || cols < 0 ? undefined : [rows, cols, matrices.length === 0]
}

/**
 * Entrywise and broadcasting primitives: when one example's result is a
 * column (or a number), every batched operand is a batch of columns or
 * numbers, and the op runs on the d×n matrices, shared operands
 * broadcasting against them as they would against one example; rows
 * likewise.
 */
const entrywise: Rule = (t, prim, args, params) => {
  const out = broadcastShape(args.map(shapeOf))
  if (out === undefined) return undefined
  const byColumns = out[1] === 1
  if (!byColumns && out[0] !== 1) return undefined
  const operands = args.map((a) => (mine(t, a) ? (byColumns ? asColumns(a) : asRows(a)) : a))
  if (operands.some((a) => a === undefined)) return undefined
  const value = bind(prim, operands as ReadonlyArray<AnyValue>, params)
  return make(t, byColumns ? { layout: 'columns', value } : { layout: 'rows', value }, out)
}

/** A batch of plain x + 0: what the row (column) sums of one column (row) are, bit for bit (they add from +0). */
const plusZero = (t: BatchTrace, layout: 'columns' | 'rows', value: AnyValue, shape: Shape): AnyValue =>
  make(t, { layout, value: bind(addPrim, [value, 0], undefined) }, shape)

/** `sum`: a batch of columns sums each column, a batch of rows each row (`sumCols` and `sumRows` are the compensated `sum` of each). */
const sumRule: Rule = (t, _prim, [x]) => {
  const b = x as unknown as BatchTracer
  if (b.isScalar) return x
  const columns = b.cols === 1 ? asColumns(b) : undefined
  if (columns !== undefined) {
    return make(t, { layout: 'columns', value: bind(sumColsPrim, [columns], undefined) }, [1, 1, true])
  }
  const rows = b.rows === 1 ? asRows(b) : undefined
  return rows === undefined
    ? undefined
    : make(t, { layout: 'rows', value: bind(sumRowsPrim, [rows], undefined) }, [1, 1, true])
}

const transposedOrUndefined = (v: AnyValue | undefined): AnyValue | undefined =>
  v === undefined ? undefined : transposed(v)

/** `sumRows` (yᵢ = Σⱼ xᵢⱼ): a column is its own row sums (+0); a batch of rows sums each row. */
const sumRowsRule: Rule = (t, _prim, [x]) => {
  const b = x as unknown as BatchTracer
  if (b.isScalar) return x
  if (b.cols === 1) {
    const v = asColumns(b)
    return v === undefined ? undefined : plusZero(t, 'columns', v, [b.rows, 1, false])
  }
  const v = b.rows === 1 ? asRows(b) : undefined
  return v === undefined
    ? undefined
    : make(t, { layout: 'rows', value: bind(sumRowsPrim, [v], undefined) }, [1, 1, false])
}

/** `sumCols` (yⱼ = Σᵢ xᵢⱼ): a batch of columns sums each column; a row is its own column sums (+0). */
const sumColsRule: Rule = (t, _prim, [x]) => {
  const b = x as unknown as BatchTracer
  if (b.isScalar) return x
  if (b.rows === 1) {
    const v = asRows(b)
    return v === undefined ? undefined : plusZero(t, 'rows', v, [1, b.cols, false])
  }
  const v = b.cols === 1 ? asColumns(b) : undefined
  return v === undefined
    ? undefined
    : make(t, { layout: 'columns', value: bind(sumColsPrim, [v], undefined) }, [1, 1, false])
}

/** `broadcast` to a column (row) shape: a batch of columns (rows) stretched down (across) to it. */
const broadcastRule: Rule = (t, _prim, [x], { rows, cols }: BroadcastParams) => {
  const b = x as unknown as BatchTracer
  if ((b.rows !== 1 && b.rows !== rows) || (b.cols !== 1 && b.cols !== cols)) return undefined
  const shape: Shape = [rows, cols, false]
  if (cols === 1) {
    const v = asColumns(b)
    if (v === undefined) return undefined
    const value = b.rows === rows ? v : bind(broadcastPrim, [v], { rows, cols: t.n })
    return make(t, { layout: 'columns', value }, shape)
  }
  if (rows === 1) {
    const v = asRows(b)
    if (v === undefined) return undefined
    const value = b.cols === cols ? v : bind(broadcastPrim, [v], { rows: t.n, cols })
    return make(t, { layout: 'rows', value }, shape)
  }
  return undefined
}

/** `transpose`: a batch of columns becomes a batch of rows, the same numbers, and back. */
const transposeRule: Rule = (t, _prim, [x]) => {
  const b = x as unknown as BatchTracer
  if (b.isScalar || (b.rows === 1 && b.cols === 1)) return x
  const batch = b.batch
  if (batch.layout === 'columns') return make(t, { layout: 'rows', value: transposed(batch.value) }, [1, b.rows, false])
  if (batch.layout === 'rows') return make(t, { layout: 'columns', value: transposed(batch.value) }, [b.cols, 1, false])
  return undefined
}

/** `reshape` between a column, a row, 1×1 and a number: the same entries, in the other layout if need be. */
const reshapeRule: Rule = (t, _prim, [x], { rows, cols }: ReshapeParams) => {
  const b = x as unknown as BatchTracer
  if (b.rows * b.cols !== rows * cols) return undefined
  const shape: Shape = [rows, cols, false]
  if (cols === 1) {
    const v = b.cols === 1 ? asColumns(b) : transposedOrUndefined(asRows(b))
    return v === undefined ? undefined : make(t, { layout: 'columns', value: v }, shape)
  }
  if (rows === 1) {
    const v = b.rows === 1 ? asRows(b) : transposedOrUndefined(asColumns(b))
    return v === undefined ? undefined : make(t, { layout: 'rows', value: v }, shape)
  }
  return undefined
}

/** `slice` of a column (row): the same rows (columns) of every example at once. */
const sliceRule: Rule = (t, _prim, [x], { r0, r1, c0, c1 }: SliceParams) => {
  const b = x as unknown as BatchTracer
  if (b.isScalar || !(0 <= r0 && r0 <= r1 && r1 <= b.rows && 0 <= c0 && c0 <= c1 && c1 <= b.cols)) return undefined
  const shape: Shape = [r1 - r0, c1 - c0, false]
  if (b.cols === 1 && c0 === 0 && c1 === 1) {
    const v = asColumns(b)
    if (v !== undefined) {
      return make(t, { layout: 'columns', value: bind(slicePrim, [v], { r0, r1, c0: 0, c1: t.n }) }, shape)
    }
  }
  if (b.rows === 1 && r0 === 0 && r1 === 1) {
    const v = asRows(b)
    if (v !== undefined) {
      return make(t, { layout: 'rows', value: bind(slicePrim, [v], { r0: 0, r1: t.n, c0, c1 }) }, shape)
    }
  }
  return undefined
}

/** `embed` of a column into a taller column (a row into a wider row): every example placed at once. */
const embedRule: Rule = (t, _prim, [x], { rows, cols, r0, c0 }: EmbedParams) => {
  const b = x as unknown as BatchTracer
  if (b.isScalar || r0 < 0 || c0 < 0 || r0 + b.rows > rows || c0 + b.cols > cols) return undefined
  const shape: Shape = [rows, cols, false]
  if (cols === 1) {
    const v = asColumns(b)
    return v === undefined
      ? undefined
      : make(t, { layout: 'columns', value: bind(embedPrim, [v], { rows, cols: t.n, r0, c0: 0 }) }, shape)
  }
  if (rows === 1) {
    const v = asRows(b)
    return v === undefined
      ? undefined
      : make(t, { layout: 'rows', value: bind(embedPrim, [v], { rows: t.n, cols, r0: 0, c0 }) }, shape)
  }
  return undefined
}

/**
 * `matmul`, C = op(A)·op(B):
 *
 * - a shared A times a batch of columns op(B)ⱼ is one product, A·[b₁ … bₙ];
 * - a batch of rows op(A)ⱼ times a shared B is one product too;
 *
 * anything else (the outer products δⱼaⱼᵀ of BP4, a product of two batches)
 * runs per example.
 */
const matmulRule: Rule = (t, _prim, [a, b], { ta, tb }: MatmulParams) => {
  const A = a as AnyValue
  const B = b as AnyValue
  const sa = shapeOf(A)
  const sb = shapeOf(B)
  if (sa[2] || sb[2]) return undefined
  const [m, k] = ta ? [sa[1], sa[0]] : [sa[0], sa[1]]
  const [k2, p] = tb ? [sb[1], sb[0]] : [sb[0], sb[1]]
  if (k !== k2) return undefined
  const batchedA = mine(t, A)
  const batchedB = mine(t, B)
  if (batchedB && !batchedA && p === 1) {
    const v = tb ? asRows(B) : asColumns(B)
    if (v === undefined) return undefined
    return make(t, { layout: 'columns', value: bind(matmulPrim, [A, v], { ta, tb }) }, [m, 1, false])
  }
  if (batchedA && !batchedB && m === 1) {
    const v = ta ? asColumns(A) : asRows(A)
    if (v === undefined) return undefined
    return make(t, { layout: 'rows', value: bind(matmulPrim, [v, B], { ta, tb }) }, [1, p, false])
  }
  return undefined
}

/**
 * `stack` of columns one above the other (rows side by side): the batches
 * joined alike, a shared part repeated for every example.
 */
const stackRule: Rule = (t, _prim, parts, { along }: StackParams) => {
  const byColumns = along === 'rows'
  if (!parts.every((p) => (byColumns ? shapeOf(p)[1] === 1 : shapeOf(p)[0] === 1))) return undefined
  const values = parts.map((p) => {
    if (mine(t, p)) return byColumns ? asColumns(p) : asRows(p)
    const [rows, cols] = shapeOf(p)
    return bind(broadcastPrim, [p], byColumns ? { rows, cols: t.n } : { rows: t.n, cols })
  })
  if (values.some((v) => v === undefined)) return undefined
  const value = bind(stackPrim, values as ReadonlyArray<AnyValue>, { along })
  const total = parts.reduce<number>((k, p) => k + (byColumns ? shapeOf(p)[0] : shapeOf(p)[1]), 0)
  return byColumns
    ? make(t, { layout: 'columns', value }, [total, 1, false])
    : make(t, { layout: 'rows', value }, [1, total, false])
}

/** The rules, by primitive; a primitive without one (norm, custom rules) runs per example. */
const rules: ReadonlyMap<Primitive<never>, Rule> = new Map<Primitive<never>, Rule>([
  ...[
    addPrim,
    subPrim,
    mulPrim,
    divPrim,
    negPrim,
    expPrim,
    logPrim,
    tanhPrim,
    sigmoidPrim,
    reluPrim,
    stepPrim,
    softplusPrim,
    squarePrim,
    sqrtPrim,
    powPrim,
    absPrim,
    signPrim,
    xlogyPrim,
    xdivyPrim,
    sinPrim,
    cosPrim,
    log1pPrim,
    expm1Prim,
    maximumPrim,
    maxSharePrim,
    wherePrim,
  ].map((p) => [p as Primitive<never>, entrywise] as const),
  [sumPrim, sumRule],
  [sumRowsPrim, sumRowsRule],
  [sumColsPrim, sumColsRule],
  [broadcastPrim, broadcastRule],
  [transposePrim, transposeRule],
  [reshapePrim, reshapeRule],
  [slicePrim, sliceRule],
  [embedPrim, embedRule],
  [matmulPrim, matmulRule],
  [stackPrim, stackRule],
])

/** Which primitives have a batching rule (the rest run once per example). */
export const batchedPrimitives = (): ReadonlyArray<string> => [...rules.keys()].map((p) => p.name)

/**
 * Runs `body` under a new batching trace of n examples (see the module's
 * documentation): every primitive applied to its batches goes through
 * its rule, or once per example.
 */
export const batchTrace = (level: number, isActive: () => boolean, n: number): BatchTrace => {
  const trace: BatchTrace = {
    level,
    isActive,
    n,
    process: (prim, args, params) => {
      const rule = rules.get(prim)
      const batched = rule?.(trace, prim, args, params as never)
      return batched ?? perExample(trace, prim, args, params)
    },
  }
  return trace
}
