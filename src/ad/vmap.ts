import { ShapeError } from '../matrix/ShapeError.js'
import type { Matrix } from '../matrix/Matrix.js'
import { BatchTracer, examplesOf, fromExamples, mine, shapeOf, type BatchTrace } from './batch.js'
import { batchTrace } from './batching.js'
import { bind, withTrace } from './bind.js'
import { asValue, shapeOfValue, type AnyValue, type Value } from './core.js'
import { reshape } from './ops/reshape.js'
import { broadcastPrim } from './ops/sums.js'
import { transpose } from './ops/transpose.js'
import { slice } from './ops/slice.js'
import { stackCols, stackRows } from './ops/stack.js'
import { leaves, rebuild, structureMismatch } from './Tree.js'

/**
 * How an argument of {@link vmap} holds its batch, or how the result is
 * stacked:
 *
 * - `1`: examples are columns (nabla's convention): example j of a d×n
 *   matrix is its column j, d×1; a result stacks numbers into a 1×n row
 *   and d×1 columns into a d×n matrix;
 * - `0`: examples are rows: example i of an n×d matrix is its row i, 1×d;
 *   a result stacks numbers into an n×1 column and 1×d rows into n×d;
 * - `'each'`: an array of n per-example values (any trees: numbers,
 *   matrices of any shape); a result is the array of the n results;
 * - `null` (arguments only): shared by every example, passed as it is.
 *
 * @category transforms
 */
export type Axis = 0 | 1 | 'each' | null

/**
 * Options of {@link vmap}: one axis per argument (default: 1 for every
 * argument), the result's (default 1), and `loop: true` to call f once per
 * example on plain values instead of once on the batch.
 */
export interface VmapOptions {
  readonly inAxes?: Axis | ReadonlyArray<Axis>
  readonly outAxes?: Exclude<Axis, null>
  readonly loop?: boolean
}

const describe = (v: AnyValue): string => {
  const s = shapeOfValue(v)
  return s === undefined ? 'a number' : `a ${String(s[0])}×${String(s[1])} matrix`
}

/** The number of examples an argument holds along its axis (every leaf must agree). */
const batchOf = (arg: unknown, axis: Exclude<Axis, null>, which: number): number => {
  if (axis === 'each') {
    if (!Array.isArray(arg)) throw new TypeError(`vmap: argument ${String(which)} has axis 'each' but is not an array`)
    return arg.length
  }
  const sizes = leaves(arg, 'argument').map((leaf) => {
    const s = shapeOfValue(leaf)
    if (s === undefined) {
      throw new ShapeError(
        'vmap',
        ['scalar'],
        `argument ${String(which)} holds a number, which has no axis ${String(axis)}`,
      )
    }
    return s[axis === 1 ? 1 : 0]
  })
  const n = sizes[0]
  if (n === undefined) throw new TypeError(`vmap: argument ${String(which)} has an axis but holds no matrix`)
  if (sizes.some((k) => k !== n)) {
    throw new RangeError(
      `vmap: the leaves of argument ${String(which)} hold different numbers of examples along axis ${String(axis)}: ${sizes.join(', ')}`,
    )
  }
  return n
}

/** Example j of an argument, along its axis. */
const exampleOf = (arg: unknown, axis: Axis, j: number): unknown => {
  if (axis === null) return arg
  if (axis === 'each') return (arg as ReadonlyArray<unknown>)[j]
  return rebuild(
    arg,
    leaves(arg, 'argument').map((leaf) => {
      const [rows, cols] = shapeOfValue(leaf) as readonly [number, number]
      const m = leaf as Matrix
      return axis === 1 ? slice(m, 0, rows, j, j + 1) : slice(m, j, j + 1, 0, cols)
    }),
    'argument',
  )
}

/** The n results of one output leaf, stacked along the axis. */
const stackLeaf = (parts: ReadonlyArray<Value>, axis: 0 | 1, path: number): Value => {
  // every example's result has the first one's structure and shapes (checked by the caller)
  const first = parts[0] as Value
  const s = shapeOfValue(first)
  if (s !== undefined && s[axis === 1 ? 1 : 0] !== 1) {
    throw new ShapeError(
      'vmap',
      [s],
      `output leaf ${String(path)} is ${describe(first)} per example, which out axis ${String(axis)} cannot stack ` +
        `(it stacks numbers and ${axis === 1 ? 'columns' : 'rows'}); use outAxes: 'each'`,
    )
  }
  const asMatrices = parts.map((p) => (typeof p === 'number' || shapeOfValue(p) === undefined ? reshape(p, 1, 1) : p))
  return axis === 1 ? stackCols(asMatrices) : stackRows(asMatrices)
}

/** Refuses trees that differ from the first one's structure or shapes, naming which (`what(j)`) and where. */
const sameStructures = (trees: ReadonlyArray<unknown>, what: (j: number) => string): void => {
  trees.forEach((tree, j) => {
    const mismatch = structureMismatch(tree, trees[0])
    if (mismatch !== undefined) {
      throw new ShapeError(
        'vmap',
        [],
        `${what(j)} differs from example 0's at ${JSON.stringify(mismatch.path)}: ${mismatch.message}`,
      )
    }
  })
}

/** One argument as the batch f sees: a batched value per leaf (see `batching.ts`), or the argument itself when shared. */
const batchedArgument = (t: BatchTrace, arg: unknown, axis: Axis, which: number): unknown => {
  if (axis === null) return arg
  if (axis === 'each') {
    const examples = arg as ReadonlyArray<unknown>
    const first = examples[0]
    sameStructures(examples, (j) => `example ${String(j)} of argument ${String(which)}`)
    const perExample = examples.map((e) => leaves(e, 'argument'))
    return rebuild(
      first,
      leaves(first, 'argument').map((_, k) =>
        fromExamples(
          t,
          perExample.map((ls) => ls[k] as AnyValue),
          'the argument',
        ),
      ),
      'argument',
    )
  }
  return rebuild(
    arg,
    leaves(arg, 'argument').map((leaf) => {
      const m = leaf as Matrix
      return asValue(
        axis === 1
          ? new BatchTracer(t, { layout: 'columns', value: m }, [m.rows, 1, false])
          : new BatchTracer(t, { layout: 'rows', value: m }, [1, m.cols, false]),
      )
    }),
    'argument',
  )
}

/** One leaf of the result, stacked along the out axis: a batch as one matrix, a shared value repeated n times. */
const stackedLeaf = (t: BatchTrace, leaf: AnyValue, axis: 0 | 1, path: number): Value => {
  const [rows, cols, scalar] = shapeOf(leaf)
  const along = axis === 1 ? cols : rows
  if (!scalar && along !== 1) {
    throw new ShapeError(
      'vmap',
      [[rows, cols]],
      `output leaf ${String(path)} is a ${String(rows)}×${String(cols)} matrix per example, which out axis ${String(axis)} cannot stack ` +
        `(it stacks numbers and ${axis === 1 ? 'columns' : 'rows'}); use outAxes: 'each'`,
    )
  }
  if (!mine(t, leaf)) {
    // the same for every example: repeated n times
    const m = scalar ? reshape(leaf, 1, 1) : leaf
    return bind(broadcastPrim, [m], axis === 1 ? { rows, cols: t.n } : { rows: t.n, cols })
  }
  const batch = leaf.batch
  if (batch.layout === 'list') return stackLeaf(batch.values, axis, path)
  const value = batch.layout === (axis === 1 ? 'columns' : 'rows') ? batch.value : transpose(batch.value as Matrix)
  return value
}

/**
 * f mapped over a batch: `vmap(f)(X)` is f applied to every example of X
 * and the results stacked, as JAX's `vmap`. Examples are the columns of a
 * matrix by default (nabla's convention); `inAxes` says, per argument, how
 * it holds its examples (`1` columns, `0` rows, `'each'` an array of
 * per-example values) or that it is shared (`null`), and `outAxes` how the
 * results are stacked (see {@link Axis}). Every leaf of the result is
 * stacked alike, the same tree as one example's result.
 *
 * f runs once, on batches: each primitive it applies runs on all examples
 * at once by its batching rule — entrywise ops on the d×n matrix, W·X as
 * one product, sums as column sums — and once per example where it has
 * none (the per-example outer products of BP4, `norm`, custom rules). Each
 * example's result is, bit for bit, what f gives on that example alone. As
 * under `grad`, f cannot read the raw entries of a batch or branch on them;
 * `loop: true` calls f once per example on plain values instead, for a
 * function that must.
 *
 * It nests with every transform in both orders: `vmap(grad(loss), {
 * inAxes: [null, 1, 1], outAxes: 'each' })(params, x, y)` is the list of
 * per-example gradients, and `grad((p) => sum(vmap(f)(p)))` differentiates
 * through it.
 *
 * @example
 * // per-example gradients of a loss with shared parameters
 * const perExample = vmap(grad(loss), { inAxes: [null, 1, 1], outAxes: 'each' })(params, x, y)
 * @category transforms
 */
export const vmap =
  (f: (...args: ReadonlyArray<never>) => unknown, options: VmapOptions = {}) =>
  (...args: ReadonlyArray<unknown>): unknown => {
    const inAxes: ReadonlyArray<Axis> = Array.isArray(options.inAxes)
      ? (options.inAxes as ReadonlyArray<Axis>)
      : args.map(() => (options.inAxes === undefined ? 1 : (options.inAxes as Axis)))
    if (inAxes.length !== args.length) {
      throw new RangeError(`vmap: ${String(inAxes.length)} in axes for ${String(args.length)} arguments`)
    }
    const sizes = args.flatMap((arg, i) => {
      const axis = inAxes[i] as Axis
      return axis === null ? [] : [[i, batchOf(arg, axis, i)] as const]
    })
    const n = sizes[0]?.[1]
    if (n === undefined) throw new RangeError('vmap: no argument has an axis to map over (every in axis is null)')
    const other = sizes.find(([, k]) => k !== n)
    if (other !== undefined) {
      throw new RangeError(
        `vmap: argument ${String(sizes[0]?.[0])} holds ${String(n)} examples, argument ${String(other[0])} holds ${String(other[1])}`,
      )
    }
    if (n === 0) throw new RangeError('vmap: the batch is empty')
    const outAxis = options.outAxes ?? 1
    if (options.loop === true) return looped(f, args, inAxes, n, outAxis)
    return withTrace(
      (level, isActive) => batchTrace(level, isActive, n),
      (t) => {
        const y = f(
          ...(args.map((arg, i) => batchedArgument(t, arg, inAxes[i] as Axis, i)) as unknown as ReadonlyArray<never>),
        )
        if (outAxis === 'each') {
          const ys = leaves(y, 'output')
          const split = ys.map((leaf) => (mine(t, leaf) ? examplesOf(leaf) : undefined))
          return Array.from({ length: n }, (_, j) =>
            rebuild(
              y,
              ys.map((leaf, k) => split[k]?.[j] ?? leaf),
              'output',
            ),
          )
        }
        return rebuild(
          y,
          leaves(y, 'output').map((leaf, k) => stackedLeaf(t, leaf, outAxis, k)),
          'output',
        )
      },
    )
  }

/** `vmap(f, { loop: true })`: f called once per example, on plain values, and the results stacked. */
const looped = (
  f: (...args: ReadonlyArray<never>) => unknown,
  args: ReadonlyArray<unknown>,
  inAxes: ReadonlyArray<Axis>,
  n: number,
  outAxis: Exclude<Axis, null>,
): unknown => {
  const results = Array.from({ length: n }, (_, j) =>
    f(...(args.map((arg, i) => exampleOf(arg, inAxes[i] as Axis, j)) as unknown as ReadonlyArray<never>)),
  )
  if (outAxis === 'each') return results
  const first = results[0]
  sameStructures(results, (j) => `the result of example ${String(j)}`)
  const perLeaf = results.map((r) => leaves(r, 'output'))
  const count = (perLeaf[0] as ReadonlyArray<Value>).length
  return rebuild(
    first,
    Array.from({ length: count }, (_, k) =>
      stackLeaf(
        perLeaf.map((ls) => ls[k] as Value),
        outAxis,
        k,
      ),
    ),
    'output',
  )
}
