/* eslint-disable functional/no-let, functional/immutable-data -- a cursor and an accumulator, local to a single walk */
import type { Matrix } from '../matrix/Matrix.js'
import { isMatrix } from '../matrix/construct.js'
import type { Value } from './core.js'
import { Tracer, sameShape, shapeOfValue } from './core.js'

/**
 * A tree of values, like JAX's pytrees: numbers and matrices at the leaves,
 * readonly arrays (tuples), plain records and registered tree nodes (see
 * {@link registerTreeNode}) as branches — a network's parameters, a batch, a
 * pair of matrices.
 *
 * Transforms accept any tree and return trees of the same structure.
 * Primitive values that cannot carry a derivative — strings, booleans,
 * `null`, `undefined`, bigints, symbols — and functions (an activation's σ,
 * say) are *static*: passed through unchanged and never differentiated.
 * Any other object (a class instance, a `Float64Array`, a `Map`, a `Date`)
 * is refused with an error naming where it sits: nabla cannot know what its
 * derivative would be, and passing it through would return the input itself
 * as its own "gradient".
 *
 * @category model
 */
export type Tree = number | Matrix | ReadonlyArray<Tree> | { readonly [key: string]: Tree }

/**
 * The protocol of a tree node: a method under this symbol returns the
 * node's children (subtrees, in a fixed order) and a function that builds
 * the same kind of node from new children. Implement it on a class (or
 * define it with {@link registerTreeNode}) to differentiate instances of
 * the class: their children are walked like an array's elements.
 *
 * @example
 * class Affine {
 *   constructor(readonly w: Matrix, readonly b: Matrix) {}
 *   [treeNode]() {
 *     return [[this.w, this.b], ([w, b]: ReadonlyArray<unknown>) => new Affine(w as Matrix, b as Matrix)] as const
 *   }
 * }
 * grad((p: Affine) => sum(add(matmul(p.w, x), p.b)))(new Affine(w0, b0))   // an Affine of gradients
 * @category trees
 */
export const treeNode: unique symbol = Symbol.for('nabla.treeNode') as never

/** What the {@link treeNode} method returns: the children, and how to rebuild the node from new ones. */
export type TreeNodeParts<T> = readonly [
  children: ReadonlyArray<unknown>,
  rebuild: (children: ReadonlyArray<unknown>) => T,
]

/** An object that implements the tree-node protocol. @category trees */
export interface TreeNode<T = unknown> {
  readonly [treeNode]: () => TreeNodeParts<T>
}

/**
 * Makes the instances of a class tree nodes, as JAX's
 * `register_pytree_node` does: `flatten` lists an instance's children (the
 * parts to differentiate), `unflatten` builds an instance from new children
 * and the original instance (for its static parts). It defines the
 * {@link treeNode} method on the class's prototype — the class itself
 * carries the registration, nothing global is kept — and returns the class.
 *
 * @example
 * class Point { constructor(readonly x: number, readonly y: number, readonly label: string) {} }
 * registerTreeNode(Point, (p) => [p.x, p.y], ([x, y], p) => new Point(x as number, y as number, p.label))
 * grad((p: Point) => mul(p.x, p.y))(new Point(3, 4, 'a'))   // Point { x: 4, y: 3, label: 'a' }
 * @category trees
 */
export const registerTreeNode = <C extends abstract new (...args: never) => object>(
  constructor: C,
  flatten: (node: InstanceType<C>) => ReadonlyArray<unknown>,
  unflatten: (children: ReadonlyArray<unknown>, node: InstanceType<C>) => InstanceType<C>,
): C => {
  Object.defineProperty(constructor.prototype, treeNode, {
    configurable: true,
    enumerable: false,
    writable: false,
    value: function (this: InstanceType<C>): TreeNodeParts<InstanceType<C>> {
      return [flatten(this), (children) => unflatten(children, this)]
    },
  })
  return constructor
}

/** Whether a node of a tree is a differentiable leaf (a number, a matrix, or a tracer standing for one). */
export const isLeaf = (u: unknown): u is Value => typeof u === 'number' || u instanceof Tracer || isMatrix(u)

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => {
  if (typeof u !== 'object' || u === null) return false
  const proto: unknown = Object.getPrototypeOf(u)
  return proto === Object.prototype || proto === null
}

const isTreeNode = (u: unknown): u is TreeNode =>
  typeof u === 'object' && u !== null && typeof (u as Partial<TreeNode>)[treeNode] === 'function'

/** Values that are passed through unchanged: they cannot carry a derivative, and are not containers. */
const isStatic = (u: unknown): boolean => (typeof u !== 'object' && typeof u !== 'number') || u === null

/** One step of a walk: a leaf, a branch with its children, or a static value. */
type Node =
  | { readonly kind: 'leaf' }
  | { readonly kind: 'static' }
  | { readonly kind: 'array'; readonly children: ReadonlyArray<unknown> }
  | { readonly kind: 'record'; readonly keys: ReadonlyArray<string>; readonly children: ReadonlyArray<unknown> }
  | {
      readonly kind: 'node'
      readonly children: ReadonlyArray<unknown>
      readonly rebuild: (c: ReadonlyArray<unknown>) => unknown
    }

const LEAF: Node = { kind: 'leaf' }
const STATIC: Node = { kind: 'static' }

/** What a walker may meet, or `undefined` for an object nabla does not know how to walk. */
const classify = (u: unknown): Node | undefined => {
  if (isLeaf(u)) return LEAF
  if (isStatic(u)) return STATIC
  if (Array.isArray(u)) return { kind: 'array', children: u as ReadonlyArray<unknown> }
  if (isRecord(u)) {
    const keys = Object.keys(u)
    return { kind: 'record', keys, children: keys.map((k) => u[k]) }
  }
  if (isTreeNode(u)) {
    const [children, rebuild] = u[treeNode]()
    return { kind: 'node', children, rebuild }
  }
  return undefined
}

const typeName = (u: unknown): string => {
  const proto: unknown = Object.getPrototypeOf(u)
  const ctor: unknown =
    typeof proto === 'object' && proto !== null ? (proto as { constructor?: unknown }).constructor : undefined
  if (typeof ctor !== 'function' || ctor.name === '') return 'an object of an unknown class'
  return `${/^[AEIOU]/.test(ctor.name) ? 'an' : 'a'} ${ctor.name}`
}

/** The path of the first node `classify` refuses, as `x.layers[0].w`, or undefined. */
const findUnknown = (tree: unknown, root: string): readonly [string, unknown] | undefined => {
  const go = (node: unknown, path: string, seen: ReadonlySet<unknown>): readonly [string, unknown] | undefined => {
    const c = classify(node)
    if (c === undefined) return [path, node]
    if (c.kind === 'leaf' || c.kind === 'static' || seen.has(node)) return undefined
    const inner = new Set(seen).add(node)
    return c.children.reduce<readonly [string, unknown] | undefined>(
      (found, child, i) =>
        found ??
        go(child, c.kind === 'record' ? `${path}${propertyPath(c.keys[i] as string)}` : `${path}[${String(i)}]`, inner),
      undefined,
    )
  }
  return go(tree, root, new Set())
}

const propertyPath = (key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`)

/**
 * The error for an object in a tree that nabla cannot walk, naming its path
 * and type. `role` says which tree it was found in (`'input'`, `'output'`…).
 */
const unknownNodeError = (tree: unknown, role: string): TypeError => {
  const found = findUnknown(tree, role)
  const [path, node] = found ?? [role, undefined]
  return new TypeError(
    `cannot differentiate ${typeName(node)} ${path === role ? `(the ${role} itself)` : `at ${path}`}: the leaves of a tree are numbers and Matrix values, its ` +
      'branches arrays, plain records and registered tree nodes. Convert the value (Matrix.fromArray for a ' +
      'typed array), or make its class a tree node with registerTreeNode.',
  )
}

/** A tree that refers to itself cannot be walked: say so instead of overflowing the stack. */
const cycleError = (role: string): TypeError =>
  new TypeError(`the ${role} tree contains a cycle (an object that contains itself), which cannot be differentiated`)

/**
 * Where a leaf sits in its tree: the keys and indices from the root, e.g.
 * `['layers', 0, 'w']` for the weights of a network's first layer. The
 * children of a tree node are numbered like an array's elements.
 *
 * @category trees
 */
export type TreePath = ReadonlyArray<string | number>

/**
 * The one walk of a tree: every differentiable leaf in order, depth first
 * (arrays by index, records by key order, tree nodes by the order of their
 * children), with its path when `withPaths`. {@link leaves} and
 * {@link paths} are both this walk, so their orders cannot drift apart.
 */
const walk = (
  tree: unknown,
  role: string,
  withPaths: boolean,
  visit: (leaf: Value, path: TreePath | undefined) => void,
): void => {
  const open = new Set<unknown>()
  const go = (node: unknown, path: TreePath | undefined): void => {
    const c = classify(node)
    if (c === undefined) throw unknownNodeError(tree, role)
    if (c.kind === 'leaf') visit(node as Value, path)
    else if (c.kind !== 'static') {
      if (open.has(node)) throw cycleError(role)
      open.add(node)
      c.children.forEach((child, i) => {
        go(child, path === undefined ? undefined : [...path, c.kind === 'record' ? (c.keys[i] as string) : i])
      })
      open.delete(node)
    }
  }
  go(tree, withPaths ? [] : undefined)
}

/**
 * The differentiable leaves of a tree, depth first: arrays by index,
 * records by key order, tree nodes by the order of their children. Throws
 * a `TypeError` naming the path of any object it cannot walk. `role` names
 * the tree in that message (`'input'` by default).
 */
export const leaves = (tree: unknown, role = 'input'): ReadonlyArray<Value> => {
  // one accumulator for the whole walk: trees are walked on every transform call, so this is hot
  const out: Value[] = []
  walk(tree, role, false, (leaf) => {
    out.push(leaf)
  })
  return out
}

/**
 * The path of every differentiable leaf of a tree, in the order in which
 * {@link leaves} lists the leaves (the same walk), so that
 * `paths(t)[i]` is where `leaves(t)[i]` sits. Throws as `leaves` does.
 *
 * @category trees
 */
export const paths = (tree: unknown, role = 'input'): ReadonlyArray<TreePath> => {
  const out: TreePath[] = []
  walk(tree, role, true, (_, path) => {
    out.push(path ?? [])
  })
  return out
}

/**
 * The tree with its differentiable leaves replaced, in the order `leaves`
 * lists them, by `replacements`; static nodes are kept as they are, and a
 * branch with no changed leaf below it is returned itself, not a copy (so an
 * activation record keeps its identity). "Changed" is `Object.is`: a 0 that
 * replaces a −0 is a change (a gradient of 0 for an input of −0 is +0).
 */
export const rebuild = <T>(tree: T, replacements: ReadonlyArray<unknown>, role = 'input'): T => {
  let next = 0
  const go = (node: unknown): unknown => {
    const c = classify(node)
    if (c === undefined) throw unknownNodeError(tree, role)
    switch (c.kind) {
      case 'leaf':
        return replacements[next++]
      case 'static':
        return node
      case 'array': {
        const mapped = c.children.map(go)
        return mapped.every((v, i) => Object.is(v, c.children[i])) ? node : mapped
      }
      case 'record': {
        const mapped = c.children.map(go)
        return mapped.every((v, i) => Object.is(v, c.children[i]))
          ? node
          : Object.fromEntries(mapped.map((v, i) => [c.keys[i] as string, v]))
      }
      case 'node': {
        const mapped = c.children.map(go)
        return mapped.every((v, i) => Object.is(v, c.children[i])) ? node : c.rebuild(mapped)
      }
    }
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
export const mapLeaves = <T>(tree: T, f: (leaf: Value, index: number) => unknown, role = 'input'): T =>
  rebuild(tree, leaves(tree, role).map(f), role)

/** Where two trees first differ in structure, and how (see {@link structureMismatch}). @category trees */
export interface StructureMismatch {
  /** The path of the node where they differ (`[]` for the roots). */
  readonly path: TreePath
  /** How, e.g. `expected a 8×64 matrix, got a 1×512 matrix`, `missing key mu` or `unexpected key toString`. */
  readonly message: string
}

/** `a number`, `a 3×4 matrix`, `an array of 2`, `a record`, `a string`, `null`, … */
const describeNode = (u: unknown): string => {
  const c = classify(u)
  if (c === undefined) return typeName(u)
  switch (c.kind) {
    case 'leaf': {
      const s = shapeOfValue(u as Value)
      return s === undefined ? 'a number' : `a ${String(s[0])}×${String(s[1])} matrix`
    }
    case 'static':
      return u === null ? 'null' : `${/^[aeiou]/.test(typeof u) ? 'an' : 'a'} ${typeof u}`
    case 'array':
      return `an array of ${String(c.children.length)}`
    case 'record':
      return 'a record'
    case 'node':
      return `${typeName(u)} (a tree node of ${String(c.children.length)})`
  }
}

/**
 * Where and how a tree differs in structure from an expected one, or
 * undefined if they agree: the same branches (arrays of the same length,
 * records with the same keys, tree nodes with the same number of children),
 * and at each leaf a leaf of the same kind and shape (a number for a
 * number, a matrix of the same rows and columns for a matrix). Leaf values
 * are not compared, nor static values (a string matches any string, but not
 * a leaf). The first difference is reported, visiting in the order of
 * {@link leaves}; a missing key is reported before an unexpected one. An
 * object that no walker knows, or a cycle, is a difference, never a throw,
 * so that decoded data of any shape can be checked against the tree it
 * must fit (an optimizer's state against `init`'s).
 *
 * @category trees
 */
export const structureMismatch = (actual: unknown, expected: unknown): StructureMismatch | undefined => {
  const go = (a: unknown, e: unknown, path: TreePath, open: ReadonlySet<unknown>): StructureMismatch | undefined => {
    const ce = classify(e)
    const ca = classify(a)
    const differ = (): StructureMismatch => ({
      path,
      message: `expected ${describeNode(e)}, got ${describeNode(a)}`,
    })
    if (ce === undefined || ca === undefined) return differ()
    if (ce.kind === 'leaf') return ca.kind === 'leaf' && sameShape(a as Value, e as Value) ? undefined : differ()
    if (ce.kind === 'static') return ca.kind === 'static' ? undefined : differ()
    if (ca.kind !== ce.kind) return differ()
    if (open.has(e) || open.has(a)) return { path, message: 'a cycle (a branch that contains itself)' }
    const inner = new Set(open).add(e).add(a)
    if (ce.kind === 'record' && ca.kind === 'record') {
      const missing = ce.keys.find((k) => !ca.keys.includes(k))
      if (missing !== undefined) return { path, message: `missing key ${missing}` }
      const extra = ca.keys.find((k) => !ce.keys.includes(k))
      if (extra !== undefined) return { path, message: `unexpected key ${extra}` }
      return ce.keys.reduce<StructureMismatch | undefined>(
        (found, k, i) => found ?? go(ca.children[ca.keys.indexOf(k)], ce.children[i], [...path, k], inner),
        undefined,
      )
    }
    if (ca.children.length !== ce.children.length) {
      return {
        path,
        message: `expected ${String(ce.children.length)} entries, got ${String(ca.children.length)}`,
      }
    }
    return ce.children.reduce<StructureMismatch | undefined>(
      (found, child, i) => found ?? go(ca.children[i], child, [...path, i], inner),
      undefined,
    )
  }
  return go(actual, expected, [], new Set())
}
