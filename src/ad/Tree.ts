/* eslint-disable functional/no-let -- one cursor, local to a single rebuild */
import type { Matrix } from '../matrix/Matrix.js'
import { isMatrix } from '../matrix/construct.js'
import type { Value } from './Tracer.js'
import { Tracer } from './Tracer.js'

/**
 * A tree of values, like JAX's pytrees: numbers and matrices at the leaves,
 * readonly arrays (tuples) and plain records as branches — a network's
 * parameters, a batch, a pair of matrices.
 *
 * Transforms accept any tree and return trees of the same structure. Other
 * things found in a tree (strings, booleans, functions such as an
 * activation, class instances, null) are *static*: they are passed through
 * unchanged and never differentiated.
 *
 * @category model
 */
export type Tree = number | Matrix | ReadonlyArray<Tree> | { readonly [key: string]: Tree }

/** Whether a node of a tree is a differentiable leaf (a number, a matrix, or a tracer standing for one). */
export const isLeaf = (u: unknown): u is Value => typeof u === 'number' || u instanceof Tracer || isMatrix(u)

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => {
  if (typeof u !== 'object' || u === null) return false
  const proto: unknown = Object.getPrototypeOf(u)
  return proto === Object.prototype || proto === null
}

/** The differentiable leaves of a tree, depth first, arrays by index, records by key order. */
export const leaves = (tree: unknown): ReadonlyArray<Value> =>
  isLeaf(tree)
    ? [tree]
    : Array.isArray(tree)
      ? (tree as ReadonlyArray<unknown>).flatMap(leaves)
      : isRecord(tree)
        ? Object.values(tree).flatMap(leaves)
        : []

/**
 * The tree with its differentiable leaves replaced, in the order `leaves`
 * lists them, by `replacements`; static nodes are kept as they are.
 */
export const rebuild = <T>(tree: T, replacements: ReadonlyArray<unknown>): T => {
  let next = 0
  const go = (node: unknown): unknown => {
    if (isLeaf(node)) return replacements[next++]
    if (Array.isArray(node)) return (node as ReadonlyArray<unknown>).map(go)
    if (isRecord(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, go(v)]))
    return node
  }
  const out = go(tree)
  if (next !== replacements.length) {
    throw new Error(
      `nabla internal error: rebuilt a tree of ${String(next)} leaves from ${String(replacements.length)}`,
    )
  }
  return out as T
}

/** Applies f to every differentiable leaf. */
export const mapLeaves = <T>(tree: T, f: (leaf: Value, index: number) => unknown): T =>
  rebuild(tree, leaves(tree).map(f))
