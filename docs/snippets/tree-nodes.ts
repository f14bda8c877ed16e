import assert from 'node:assert/strict'
import {
  Matrix,
  add,
  grad,
  matmul,
  registerTreeNode,
  sum,
  square,
} from 'nabla'

// a class of your own: an affine map x ↦ wx + b, with a name that is not a parameter
class Affine {
  constructor(
    readonly w: Matrix,
    readonly b: Matrix,
    readonly name: string,
  ) {}
}

const x = Matrix.column([1, 2])
const loss = (p: Affine): number => sum(square(add(matmul(p.w, x), p.b)))
const p = new Affine(
  Matrix.fromRows([[0.5, -0.25]]),
  Matrix.scalar(0.1),
  'head',
)

// not a tree yet: refused, with the type and the path
assert.throws(
  () => grad(loss)(p),
  /cannot differentiate an Affine \(the input itself\)/,
)

// its children are w and b; the name rides along
registerTreeNode(
  Affine,
  (a) => [a.w, a.b],
  ([w, b], a) => new Affine(w as Matrix, b as Matrix, a.name),
)
const g = grad(loss)(p)
assert.ok(g instanceof Affine)
assert.equal(g.name, 'head')
// with r = wx + b = 0.5 − 0.5 + 0.1 = 0.1: ∂L/∂w = 2r·xᵀ = [0.2, 0.4], ∂L/∂b = 2r = 0.2
assert.deepEqual(
  Matrix.toArray(g.w).map((v) => Math.round(v * 1e12) / 1e12),
  [0.2, 0.4],
)
assert.equal(Math.round(Matrix.get(g.b, 0, 0) * 1e12) / 1e12, 0.2)
