// The walkers of src/ad/Tree.ts that the train layer builds on: paths (the same walk as leaves) and structureMismatch.
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { Matrix, grad, mul, registerTreeNode } from 'nabla'
import { anyShapeMatrix } from 'nabla/laws'
import { leaves, mapLeaves, paths, structureMismatch, type TreePath } from '../../src/ad/Tree.js'

class Pair {
  constructor(
    readonly first: unknown,
    readonly second: unknown,
    readonly label: string,
  ) {}
}
registerTreeNode(
  Pair,
  (p) => [p.first, p.second],
  ([first, second], p) => new Pair(first, second, p.label),
)

/** Trees of every kind of node: leaves, static values, arrays, records (prototype names as keys) and tree nodes. */
const anyTree: fc.Arbitrary<unknown> = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.double(),
    anyShapeMatrix({ maxRows: 2, maxCols: 2 }),
    fc.constantFrom<unknown>('static', null, undefined, true, (x: number) => x),
    fc.array(tie('tree'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'w', 'constructor', '__proto__', '0'), tie('tree'), { maxKeys: 3 }),
    fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => new Pair(a, b, 'p')),
  ),
})).tree

/** The node at a path, following keys, indices and the children of tree nodes. */
const at = (tree: unknown, path: TreePath): unknown =>
  path.reduce<unknown>((node, key) => {
    if (node instanceof Pair) return key === 0 ? node.first : node.second
    return Object.getOwnPropertyDescriptor(node, key)?.value
  }, tree)

describe('paths', () => {
  test.prop([anyTree], { numRuns: 200 })(
    'lists where each leaf sits, in the order of leaves: the leaf at paths(t)[i] is leaves(t)[i]',
    (tree) => {
      const ls = leaves(tree)
      const ps = paths(tree)
      expect(ps).toHaveLength(ls.length)
      ps.forEach((p, i) => {
        expect(at(tree, p)).toBe(ls[i])
      })
    },
  )

  it('by key, index and child position, and refuses what leaves refuses', () => {
    const tree = { w: [1, Matrix.zeros(1, 1)], pair: new Pair(2, { b: 3 }, 'x'), s: 'static' }
    expect(paths(tree)).toEqual([
      ['w', 0],
      ['w', 1],
      ['pair', 0],
      ['pair', 1, 'b'],
    ])
    expect(paths(7)).toEqual([[]])
    expect(() => paths({ m: new Map() })).toThrow(/cannot differentiate a Map at input\.m/)
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    expect(() => paths(cyclic)).toThrow(/cycle/)
  })
})

describe('structureMismatch', () => {
  test.prop([anyTree, fc.double()], { numRuns: 200 })(
    'a tree agrees with itself and with any tree of other leaf values of the same kinds and shapes',
    (tree, x) => {
      expect(structureMismatch(tree, tree)).toBeUndefined()
      const other = mapLeaves(tree, (leaf) =>
        typeof leaf === 'number' ? x : Matrix.fill((leaf as Matrix).rows, (leaf as Matrix).cols, x),
      )
      expect(structureMismatch(other, tree)).toBeUndefined()
    },
  )

  test.prop([anyTree.filter((t) => leaves(t).length > 0), fc.nat()], { numRuns: 200 })(
    'a leaf of another shape is reported at its own path (the first one, in the order of leaves)',
    (tree, pick) => {
      const n = leaves(tree).length
      const i = pick % n
      const changed = mapLeaves(tree, (leaf, k) =>
        k !== i ? leaf : typeof leaf === 'number' ? Matrix.zeros(1, 1) : Matrix.zeros(leaf.rows + 1, leaf.cols),
      )
      const found = structureMismatch(changed, tree)
      expect(found?.path).toEqual(paths(tree)[i])
      expect(found?.message).toMatch(/^expected a (number|\d+×\d+ matrix), got a \d+×\d+ matrix$/)
    },
  )

  it('names missing and unexpected keys, lengths, kinds, and refuses unknown objects and cycles without throwing', () => {
    const expected = { count: 0, mu: [Matrix.zeros(2, 3)], label: 's' }
    expect(structureMismatch({ count: 1, label: 's' }, expected)).toEqual({ path: [], message: 'missing key mu' })
    expect(structureMismatch({ ...expected, toString: 0 }, expected)).toEqual({
      path: [],
      message: 'unexpected key toString',
    })
    expect(structureMismatch({ ...expected, mu: [] }, expected)).toEqual({
      path: ['mu'],
      message: 'expected 1 entries, got 0',
    })
    expect(structureMismatch({ ...expected, mu: 3 }, expected)).toEqual({
      path: ['mu'],
      message: 'expected an array of 1, got a number',
    })
    expect(structureMismatch({ ...expected, label: 0 }, expected)).toEqual({
      path: ['label'],
      message: 'expected a string, got a number',
    })
    expect(structureMismatch({ ...expected, count: new Date(0) }, expected)?.message).toBe(
      'expected a number, got a Date',
    )
    expect(structureMismatch(new Pair(1, 2, 'a'), [1, 2])?.message).toMatch(/^expected an array of 2, got a Pair/)
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic['b'] = cyclic
    const deep: Record<string, unknown> = { a: 1, b: { a: 1, b: { a: 1, b: 2 } } }
    expect(structureMismatch(cyclic, deep)).toEqual({ path: ['b'], message: 'a cycle (a branch that contains itself)' })
    expect(structureMismatch(deep, cyclic)).toEqual({ path: ['b'], message: 'a cycle (a branch that contains itself)' })
  })
})

describe('mapLeaves', () => {
  // a branch with no changed leaf is kept as it is; "changed" must tell −0 from 0, or a gradient of
  // 0 for an input of −0 comes back as the −0 itself (found by the checkFinite law)
  const signedZeros: fc.Arbitrary<unknown> = fc.letrec<{ tree: unknown }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom<unknown>(0, -0, 1, 'static'),
      fc.array(tie('tree'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('a', 'b'), tie('tree'), { maxKeys: 2 }),
      fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => new Pair(a, b, 'p')),
    ),
  })).tree
  test.prop([fc.oneof(anyTree, signedZeros)])(
    'puts every replacement in place, bit for bit, −0 and 0 told apart',
    (tree) => {
      const flipped = (v: number): number => (Object.is(v, 0) ? -0 : Object.is(v, -0) ? 0 : v)
      const out = mapLeaves(tree, (leaf) => (typeof leaf === 'number' ? flipped(leaf) : leaf))
      const before = leaves(tree)
      leaves(out).forEach((leaf, i) => {
        const was = before[i]
        expect(Object.is(leaf, typeof was === 'number' ? flipped(was) : was)).toBe(true)
      })
    },
  )

  it('the gradient of an unused −0 is +0, whatever else the tree holds', () => {
    const g = grad((t: { first: number[]; rest: number }) => mul(t.rest, 2))({ first: [-0], rest: 1 })
    expect(Object.is(g.first[0], 0)).toBe(true)
  })
})
