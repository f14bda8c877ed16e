import { describe, expect, it } from 'vitest'
import { either as E } from 'fp-ts'
import {
  Matrix,
  Random,
  ShapeError,
  checkFinite,
  grad,
  log,
  logSumExp,
  matmul,
  mean,
  mul,
  norm,
  square,
  stopGradient,
  sub,
  sum,
  tanh,
  trace,
  transpose,
  vmap,
} from 'nabla'
import { batchedPrimitives } from '../../src/ad/batching.js'
import { primitives } from '../../src/ad/ops/primitives.js'

const [w] = Random.normal(3, 4, Random.seed(1))
const [x] = Random.normal(4, 5, Random.seed(2))
const [y] = Random.normal(3, 5, Random.seed(3))
const loss = (p: { w: Matrix }, xi: Matrix, yi: Matrix): number => mean(square(sub(tanh(matmul(p.w, xi)), yi)))
const column = (m: Matrix, j: number): Matrix => Matrix.slice(m, 0, m.rows, j, j + 1)

describe('vmap', () => {
  it('maps over the columns by default and stacks numbers into a row, columns side by side', () => {
    const sums = vmap((c: Matrix) => sum(c))(x) as Matrix
    expect(Matrix.toArray(sums)).toEqual([0, 1, 2, 3, 4].map((j) => Matrix.sum(column(x, j))))
    const doubled = vmap((c: Matrix) => mul(c, 2))(x) as Matrix
    expect(Matrix.toArray(doubled)).toEqual(Matrix.toArray(Matrix.scale(x, 2)))
  })

  it('maps over rows with axis 0, and passes shared arguments (null) as they are', () => {
    const rows = Matrix.fromRows([
      [1, 2],
      [3, 4],
      [5, 6],
    ])
    const scaled = vmap((r: Matrix, k: number) => mul(r, k), { inAxes: [0, null], outAxes: 0 })(rows, 10) as Matrix
    expect(Matrix.toRows(scaled)).toEqual([
      [10, 20],
      [30, 40],
      [50, 60],
    ])
  })

  it("gives per-example gradients with outAxes 'each', bit for bit those of a loop", () => {
    const perExample = vmap(grad(loss), { inAxes: [null, 1, 1], outAxes: 'each' })({ w }, x, y) as ReadonlyArray<{
      w: Matrix
    }>
    expect(perExample).toHaveLength(5)
    perExample.forEach((g, j) => {
      expect(Matrix.toArray(g.w)).toEqual(Matrix.toArray(grad(loss)({ w }, column(x, j), column(y, j)).w))
    })
    // their mean is the gradient of the mean loss (up to the order of a 5-term sum: a few ulps)
    const batch = grad((p: { w: Matrix }) => mean(vmap((xi: Matrix, yi: Matrix) => loss(p, xi, yi))(x, y) as Matrix))({
      w,
    })
    const averaged = Matrix.toArray(perExample.reduce((acc, g) => Matrix.add(acc, g.w), Matrix.zeros(3, 4))).map(
      (v) => v / 5,
    )
    Matrix.toArray(batch.w).forEach((v, i) => {
      expect(Math.abs(v - (averaged[i] as number))).toBeLessThanOrEqual(1e-15)
    })
  })

  it("takes arrays of per-example values with axis 'each': numbers, or matrices of any shape", () => {
    expect(vmap((k: number) => mul(k, k), { inAxes: 'each', outAxes: 'each' })([1, 2, 3])).toEqual([1, 4, 9])
    const row = vmap((k: number) => mul(k, k), { inAxes: 'each' })([1, 2, 3]) as Matrix
    expect(Matrix.toRows(row)).toEqual([[1, 4, 9]])
  })

  it('says what is wrong with a batch, before calling f', () => {
    let calls = 0
    const f = (a: Matrix, b: Matrix): number => {
      calls++
      return sum(mul(a, b))
    }
    expect(() => vmap(f)(x, Matrix.zeros(4, 3))).toThrow('vmap: argument 0 holds 5 examples, argument 1 holds 3')
    expect(() => vmap((k: number) => k)(2)).toThrow(ShapeError)
    expect(() => vmap(f, { inAxes: [null, null] })(x, x)).toThrow(/no argument has an axis/)
    expect(() => vmap(f, { inAxes: [1] })(x, x)).toThrow('vmap: 1 in axes for 2 arguments')
    expect(calls).toBe(0)
  })

  it('with loop: true, refuses results whose structure or shapes differ between examples, saying where', () => {
    const ragged = (k: number) => (k > 1 ? { a: k } : { b: k })
    expect(() => vmap(ragged, { inAxes: 'each', loop: true })([1, 2])).toThrow(
      /example 1 differs from example 0's at \[\]: /,
    )
    const growing = (k: number) => Matrix.zeros(1, k)
    expect(() => vmap(growing, { inAxes: 'each', outAxes: 0, loop: true })([1, 2])).toThrow(
      /example 1 differs from example 0's at \[\]: expected a 1×1 matrix, got a 1×2 matrix/,
    )
  })

  it('runs f once on the batch, so f cannot branch on or read its values, and says to use loop: true', () => {
    const ragged = (k: number) => (k > 1 ? { a: k } : { b: k })
    expect(() => vmap(ragged, { inAxes: 'each' })([1, 2])).toThrow(/per-example scalar .* under vmap.*loop: true/)
    expect(() => vmap((c: Matrix) => Matrix.toArray(c))(x)).toThrow(
      /per-example 4×1 matrix is being mapped over by vmap.*loop: true/,
    )
    expect(vmap((k: number) => (k > 1 ? k : 0), { inAxes: 'each', outAxes: 'each', loop: true })([1, 2])).toEqual([
      0, 2,
    ])
  })

  it("refuses per-example arguments of different structures with axis 'each', saying which", () => {
    expect(() => vmap((m: Matrix) => sum(m), { inAxes: 'each' })([Matrix.zeros(1, 2), Matrix.zeros(2, 1)])).toThrow(
      /example 1 of argument 0 differs from example 0's at \[\]: expected a 1×2 matrix, got a 2×1 matrix/,
    )
  })

  it("refuses to stack what its out axis cannot, and says to use 'each'", () => {
    expect(() => vmap((c: Matrix) => matmul(c, transpose(c)))(x)).toThrow(/4×4 matrix per example.*'each'/)
    expect(() => vmap((c: Matrix) => matmul(c, transpose(c)), { loop: true })(x)).toThrow(
      /4×4 matrix per example.*'each'/,
    )
  })

  it('runs f once: a shared matrix times the examples is one product, and no example is cut out', () => {
    const f = (c: Matrix): number => sum(tanh(matmul(w, c)))
    const names = trace((b: Matrix) => vmap(f)(b))(x).equations.map((e) => e.primitive.name)
    expect(names.filter((n) => n === 'matmul')).toHaveLength(1)
    expect(names).not.toContain('slice')
  })

  it('falls back to one call per example for a primitive without a rule (norm), bit for bit', () => {
    const norms = vmap((c: Matrix) => norm(c))(x) as Matrix
    expect(Matrix.toArray(norms)).toEqual([0, 1, 2, 3, 4].map((j) => norm(column(x, j))))
  })

  it('computes the constants that composites take from values per example (the shift of a log-sum-exp)', () => {
    const big = Matrix.fromRows([
      [1000, -1000],
      [999, -1001],
    ])
    const lse = vmap((c: Matrix) => logSumExp(c))(big) as Matrix
    expect(Matrix.toArray(lse)).toEqual([logSumExp(column(big, 0)), logSumExp(column(big, 1))])
    expect(Matrix.toArray(lse).every(Number.isFinite)).toBe(true)
  })

  it('nests: vmap over rows of vmap over the entries of each row', () => {
    const m = Matrix.fromRows([
      [1, 2, 3],
      [4, 5, 6],
    ])
    const squares = vmap((row: Matrix) => vmap((e: Matrix) => mul(e, e))(row), { inAxes: 0, outAxes: 0 })(m) as Matrix
    expect(Matrix.toRows(squares)).toEqual(Matrix.toRows(Matrix.hadamard(m, m)))
  })

  it('keeps a batch under stopGradient, and checkFinite looks at every example', () => {
    const viaStop = vmap((c: Matrix) => mul(stopGradient(c), c))(x) as Matrix
    expect(Matrix.toArray(viaStop)).toEqual(Matrix.toArray(Matrix.hadamard(x, x)))
    const xs = Matrix.fromRows([[1, 2, -3]])
    const checked = checkFinite((b: Matrix) => vmap((c: Matrix) => log(c))(b))(xs)
    expect(E.isLeft(checked) && checked.left.op).toBe('log')
  })

  it('has a batching rule for every primitive of the op set but norm, which runs once per example', () => {
    const unbatched = primitives.map((p) => p.name).filter((name) => !batchedPrimitives().includes(name))
    expect(unbatched).toEqual(['norm'])
  })
})
