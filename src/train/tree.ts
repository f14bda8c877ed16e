import type { Matrix } from '../matrix/Matrix.js'
import { isMatrix } from '../matrix/construct.js'
import { buffer } from '../matrix/internal.js'
import { add } from '../matrix/ops.js'
import { ShapeError } from '../matrix/ShapeError.js'
import { leaves, rebuild } from '../ad/Tree.js'

/**
 * A leaf of a parameter tree as the optimizers see it: a number or a matrix
 * (gradients and parameters are plain values here, never tracers).
 *
 * @category optimizers
 */
export type Leaf = number | Matrix

/**
 * Where a leaf sits in its tree: the keys and indices from the root, e.g.
 * `['layers', 0, 'w']` for the weights of a network's first layer.
 *
 * @category optimizers
 */
export type LeafPath = ReadonlyArray<string | number>

/** The differentiable leaves of a tree, in the order of `leaves` from the `ad` layer, typed as plain values. */
export const leafValues = (tree: unknown): ReadonlyArray<Leaf> => leaves(tree)

const isLeafValue = (u: unknown): u is Leaf => typeof u === 'number' || isMatrix(u)

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => {
  if (typeof u !== 'object' || u === null) return false
  const proto: unknown = Object.getPrototypeOf(u)
  return proto === Object.prototype || proto === null
}

/**
 * The path of every differentiable leaf of a tree, in the same order as
 * `leaves` lists the leaves (depth first, arrays by index, records by key
 * order). Used to pick leaves by name, e.g. the weights `w` of a network for
 * weight decay.
 *
 * @category optimizers
 */
export const leafPaths = (tree: unknown): ReadonlyArray<LeafPath> => {
  const go = (node: unknown, path: LeafPath): ReadonlyArray<LeafPath> =>
    isLeafValue(node)
      ? [path]
      : Array.isArray(node)
        ? (node as ReadonlyArray<unknown>).flatMap((child, i) => go(child, [...path, i]))
        : isRecord(node)
          ? Object.entries(node).flatMap(([k, child]) => go(child, [...path, k]))
          : []
  return go(tree, [])
}

/**
 * params + updates, leaf by leaf (Optax's `apply_updates`): the new
 * parameters. Static parts of `params` (a layer's activation) are kept.
 * Throws a `ShapeError` if the two trees do not have the same leaves.
 *
 * @category optimizers
 */
export const applyUpdates = <P>(params: P, updates: P): P => {
  const ps = leafValues(params)
  const us = leafValues(updates)
  assertSameLeaves('applyUpdates', ps, us)
  return rebuild(
    params,
    ps.map((p, i) => addLeaf(p, us[i] as Leaf)),
  )
}

/** a + b for two leaves of the same kind and shape. */
export const addLeaf = (a: Leaf, b: Leaf): Leaf => (typeof a === 'number' ? a + (b as number) : add(a, b as Matrix))

/** Throws a `ShapeError` unless two lists of leaves agree in length, kind and shape. */
export const assertSameLeaves = (op: string, a: ReadonlyArray<Leaf>, b: ReadonlyArray<Leaf>): void => {
  if (a.length !== b.length) {
    throw new ShapeError(op, [], `the trees have ${String(a.length)} and ${String(b.length)} leaves`)
  }
  a.forEach((x, i) => {
    const y = b[i] as Leaf
    const same =
      typeof x === 'number' ? typeof y === 'number' : typeof y !== 'number' && x.rows === y.rows && x.cols === y.cols
    if (!same)
      throw new ShapeError(
        op,
        [],
        `leaf ${String(i)} is ${describeLeaf(x)} in one tree and ${describeLeaf(y)} in the other`,
      )
  })
}

/** `a number` or `a 3×4 matrix`. */
export const describeLeaf = (x: unknown): string =>
  typeof x === 'number' ? 'a number' : isMatrix(x) ? `a ${String(x.rows)}×${String(x.cols)} matrix` : `a ${typeof x}`

/**
 * Why two trees of numbers and matrices differ in structure (keys, lengths,
 * leaf kinds, matrix shapes), with the path of the first difference; or
 * undefined if they agree. Values are not compared. Used to check that a
 * decoded optimizer state fits the parameters it will update.
 *
 * @category optimizers
 */
export const structureMismatch = (actual: unknown, expected: unknown, path: string = ''): string | undefined => {
  const at = path === '' ? '(root)' : path
  if (typeof expected === 'number')
    return typeof actual === 'number' ? undefined : `${at}: expected a number, got ${describeLeaf(actual)}`
  if (isMatrix(expected)) {
    return isMatrix(actual) && actual.rows === expected.rows && actual.cols === expected.cols
      ? undefined
      : `${at}: expected ${describeLeaf(expected)}, got ${describeLeaf(actual)}`
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      return `${at}: expected an array of ${String(expected.length)}, got ${describeLeaf(actual)}`
    if (actual.length !== expected.length) {
      return `${at}: expected ${String(expected.length)} entries, got ${String(actual.length)}`
    }
    return (expected as ReadonlyArray<unknown>).reduce<string | undefined>(
      (err, e, i) => err ?? structureMismatch((actual as ReadonlyArray<unknown>)[i], e, join(path, String(i))),
      undefined,
    )
  }
  if (isRecord(expected)) {
    if (!isRecord(actual) || isMatrix(actual)) return `${at}: expected a record, got ${describeLeaf(actual)}`
    const keys = Object.keys(expected)
    const extra = Object.keys(actual).filter((k) => !Object.hasOwn(expected, k))
    if (extra.length > 0) return `${at}: unexpected key ${extra[0] ?? ''}`
    return keys.reduce<string | undefined>(
      (err, k) =>
        err ??
        (Object.hasOwn(actual, k)
          ? structureMismatch(actual[k], expected[k], join(path, k))
          : `${join(path, k)}: missing`),
      undefined,
    )
  }
  return undefined
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}/${key}`)

/**
 * Whether every entry of every leaf of a tree is finite: false once a run
 * has diverged (an overflow gave ±∞, or ∞ − ∞ gave NaN).
 *
 * @category optimizers
 */
export const isFiniteTree = (tree: unknown): boolean =>
  leafValues(tree).every((x) => (typeof x === 'number' ? Number.isFinite(x) : buffer(x).every(Number.isFinite)))
