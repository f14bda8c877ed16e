import type { Matrix } from '../matrix/Matrix.js'
import * as M from '../matrix/index.js'
import { leaves, rebuild } from '../ad/Tree.js'
import type { Value } from '../ad/core.js'
import type { Rng } from '../matrix/Random.js'
import { normal, nextFloat } from '../matrix/Random.js'

/**
 * Plain (non-differentiable) arithmetic on trees of numbers and matrices,
 * for the numeric checks: x + h·v, inner products, flattening, random
 * directions. Works leaf by leaf; static leaves are kept.
 */

const asMatrix = (v: Value): Matrix => (typeof v === 'number' ? M.scalar(v) : v)

/** x + h·v, leaf by leaf. */
export const axpy = <T>(x: T, h: number, v: T): T => {
  const vs = leaves(v)
  return rebuild(
    x,
    leaves(x).map((xi, i) => {
      const vi = vs[i] as Value
      return typeof xi === 'number' ? xi + h * (vi as number) : M.add(xi, M.scale(asMatrix(vi), h))
    }),
  )
}

/** (a − b)/d, leaf by leaf: the quotient of a central difference. */
export const differenceQuotient = <T>(a: T, b: T, d: number): T => {
  const bs = leaves(b)
  return rebuild(
    a,
    leaves(a).map((ai, i) => {
      const bi = bs[i] as Value
      return typeof ai === 'number' ? (ai - (bi as number)) / d : M.scale(M.sub(ai, asMatrix(bi)), 1 / d)
    }),
  )
}

/** All entries of all leaves, in order. */
export const entries = (tree: unknown): ReadonlyArray<number> =>
  leaves(tree).flatMap((leaf) => (typeof leaf === 'number' ? [leaf] : M.toArray(leaf)))

/** A tree shaped like `like` holding the given entries, in the order of `entries`. */
export const fromEntries = <T>(like: T, values: ReadonlyArray<number>): T => {
  const sizes = leaves(like).map((leaf) => (typeof leaf === 'number' ? 1 : leaf.rows * leaf.cols))
  const starts = sizes.reduce<ReadonlyArray<number>>((acc, n) => [...acc, (acc.at(-1) ?? 0) + n], [0])
  return rebuild(
    like,
    leaves(like).map((leaf, i) => {
      const from = starts[i] ?? 0
      return typeof leaf === 'number'
        ? (values[from] ?? Number.NaN)
        : M.fromArray(leaf.rows, leaf.cols, values.slice(from, from + leaf.rows * leaf.cols))
    }),
  )
}

/** ⟨a, b⟩ over all entries of two trees of the same structure. */
export const inner = (a: unknown, b: unknown): number => {
  const bs = entries(b)
  return entries(a).reduce((s, x, i) => s + x * (bs[i] as number), 0)
}

/** The largest |entry| of a tree (0 for an empty one). */
export const maxAbs = (tree: unknown): number => entries(tree).reduce((m, x) => Math.max(m, Math.abs(x)), 0)

/** A tree shaped like `like` with independent N(0, 1) entries, and the next state. */
export const randomLike = <T>(like: T, rng: Rng): readonly [T, Rng] => {
  const [values, next] = leaves(like).reduce<readonly [ReadonlyArray<Value>, Rng]>(
    ([acc, r], leaf) => {
      if (typeof leaf === 'number') {
        const [u, r2] = nextFloat(r)
        return [[...acc, 2 * u - 1], r2]
      }
      const [m, r2] = normal(leaf.rows, leaf.cols, r)
      return [[...acc, m], r2]
    },
    [[], rng],
  )
  return [rebuild(like, values), next]
}

/** The tree shaped like `like` whose entries are all 0 except entry k (counted as in `entries`), which is 1. */
export const unitLike = <T>(like: T, k: number): T => {
  const sizes = leaves(like).map((leaf) => (typeof leaf === 'number' ? 1 : leaf.rows * leaf.cols))
  const starts = sizes.reduce<ReadonlyArray<number>>((acc, n) => [...acc, (acc.at(-1) ?? 0) + n], [0])
  return rebuild(
    like,
    leaves(like).map((leaf, i) => {
      const at = k - (starts[i] ?? 0)
      if (typeof leaf === 'number') return at === 0 ? 1 : 0
      return M.generate(leaf.rows, leaf.cols, (r, c) => (r * leaf.cols + c === at ? 1 : 0))
    }),
  )
}

/** Where entry k of a tree lives: which leaf, and which row and column inside it. */
export const locate = (tree: unknown, k: number): string => {
  const ls = leaves(tree)
  const found = ls.reduce<{ readonly rest: number; readonly at?: string }>(
    (acc, leaf, i) => {
      if (acc.at !== undefined) return acc
      const n = typeof leaf === 'number' ? 1 : leaf.rows * leaf.cols
      if (acc.rest >= n) return { rest: acc.rest - n }
      if (typeof leaf === 'number') return { rest: 0, at: ls.length === 1 ? 'the scalar' : `leaf ${String(i)}` }
      const r = Math.floor(acc.rest / leaf.cols)
      const c = acc.rest % leaf.cols
      return { rest: 0, at: `${ls.length === 1 ? 'entry' : `leaf ${String(i)}, entry`} (${String(r)}, ${String(c)})` }
    },
    { rest: k },
  )
  return found.at ?? `entry ${String(k)}`
}
