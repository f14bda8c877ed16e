/* eslint-disable functional/no-let, functional/immutable-data -- a cursor and an accumulator, local to a single walk */
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
export const leaves = (tree: unknown): ReadonlyArray<Value> => {
  // one accumulator for the whole walk: trees are walked on every transform call, so this is hot
  const out: Value[] = []
  const go = (node: unknown): void => {
    if (isLeaf(node)) out.push(node)
    else if (Array.isArray(node)) (node as ReadonlyArray<unknown>).forEach(go)
    else if (isRecord(node)) Object.values(node).forEach(go)
  }
  go(tree)
  return out
}

/**
 * The tree with its differentiable leaves replaced, in the order `leaves`
 * lists them, by `replacements`; static nodes are kept as they are, and a
 * branch with no leaves below it is returned itself, not a copy (so an
 * activation record keeps its identity).
 */
export const rebuild = <T>(tree: T, replacements: ReadonlyArray<unknown>): T => {
  let next = 0
  const go = (node: unknown): unknown => {
    if (isLeaf(node)) return replacements[next++]
    if (Array.isArray(node)) {
      const mapped = (node as ReadonlyArray<unknown>).map(go)
      return mapped.every((v, i) => v === (node as ReadonlyArray<unknown>)[i]) ? node : mapped
    }
    if (isRecord(node)) {
      const entries = Object.entries(node)
      const mapped = entries.map(([k, v]) => [k, go(v)] as const)
      return mapped.every(([, v], i) => v === entries[i]?.[1]) ? node : Object.fromEntries(mapped)
    }
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
