import { describe, expect, it } from 'vitest'
import { fc, test } from '@fast-check/vitest'
import { Matrix, modelCodec, mul, sigmoidActivation, sumRows, tanhActivation, type Activation } from 'nabla'
import { networkCases } from 'nabla/laws'
import { buffer } from '../../src/matrix/internal.js'
import { axpby, axpbyRowSums, sigmoidBackward, tanhBackward } from '../../src/matrix/kernels.js'
import { backpropLoss } from '../../src/train/namespaces/Train.js'
import { sgd } from '../../src/train/namespaces/Optim.js'

// The fused kernels of the plain-SGD step must give the float64 bits of the equations they
// replace: ∇ₐC ⊙ σ′(z) from a = σ(z), and b − η·Σⱼδ. Entries: signed zeros, tiny, huge, ±∞, NaN.
const entry = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -40, max: 40, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(-0, 0, 5e-324, 1e300, -1e300, Infinity, -Infinity, Number.NaN) },
)
const pair = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })).chain(([r, c]) =>
  fc.tuple(
    fc.array(entry, { minLength: r * c, maxLength: r * c }).map((xs) => Matrix.fromArray(r, c, xs)),
    fc.array(entry, { minLength: r * c, maxLength: r * c }).map((xs) => Matrix.fromArray(r, c, xs)),
  ),
)
const same = (x: Float64Array, y: Float64Array): boolean =>
  x.length === y.length && x.every((v, i) => Object.is(v, y[i]))

/** ∇ₐC ⊙ σ′(z) as BP1 writes it, against a kernel of ∇ₐC and a = σ(z). */
const agreesWithEquation =
  (activation: Activation, kernel: (g: Float64Array, a: Float64Array) => Float64Array) =>
  ([z, g]: readonly [Matrix, Matrix]): boolean =>
    same(kernel(buffer(g), buffer(activation.sigma(z))), buffer(mul(g, activation.sigmaPrime(z))))

describe('σ′ from the activation, fused with the product by ∇ₐC', () => {
  test.prop([pair], { numRuns: 300 })('sigmoid: g·(a·(1 − a)) is mul(g, σ′(z)) bit for bit', (c) => {
    expect(agreesWithEquation(sigmoidActivation, sigmoidBackward)(c)).toBe(true)
  })
  test.prop([pair], { numRuns: 300 })('tanh: g·(1 − a·a) is mul(g, tanh′(z)) bit for bit', (c) => {
    expect(agreesWithEquation(tanhActivation, tanhBackward)(c)).toBe(true)
  })
  it('the property catches a kernel that multiplies in another order, (g·a)·(1 − a)', () => {
    const regrouped = (g: Float64Array, a: Float64Array): Float64Array => g.map((x, i) => x * a[i]! * (1 - a[i]!))
    const report = fc.check(fc.property(pair, agreesWithEquation(sigmoidActivation, regrouped)), { seed: 7 })
    expect(report.failed).toBe(true)
  })
})

describe('the bias step b − η·Σⱼδ in one pass', () => {
  const column = pair.chain(([d]) =>
    fc
      .tuple(fc.array(entry, { minLength: d.rows, maxLength: d.rows }), fc.double({ min: -5, max: 5, noNaN: true }))
      .map(([b, alpha]) => ({ d, b: Matrix.fromArray(d.rows, 1, b), alpha })),
  )
  const agrees =
    (kernel: typeof axpbyRowSums) =>
    ({ d, b, alpha }: { d: Matrix; b: Matrix; alpha: number }) =>
      same(kernel(d.rows, d.cols, buffer(b), alpha, buffer(d)), axpby(1, buffer(b), alpha, buffer(sumRows(d))))
  test.prop([column], { numRuns: 300 })('is axpby(1, b, α, sumRows(δ)) bit for bit', (c) => {
    expect(agrees(axpbyRowSums)(c)).toBe(true)
  })
  it('the property catches a row sum without compensation, in order or from the last column back', () => {
    const plain =
      (backwards: boolean): typeof axpbyRowSums =>
      (r, c, b, alpha, d) =>
        Float64Array.from({ length: r }, (_, i) => {
          const s = Array.from({ length: c }, (_, j) => d[i * c + (backwards ? c - 1 - j : j)]!).reduce(
            (x, y) => x + y,
            0,
          )
          return 1 * b[i]! + alpha * s
        })
    // a rounding error of the sum shows only where α·s + b does not round it away: 1,000 cases find one
    expect(fc.check(fc.property(column, agrees(plain(false))), { seed: 7, numRuns: 1000 }).failed).toBe(true)
    expect(fc.check(fc.property(column, agrees(plain(true))), { seed: 7, numRuns: 1000 }).failed).toBe(true)
  })
})

describe('the fused plain-SGD step on networks wide enough for the WebAssembly kernel', () => {
  const bits = (n: Parameters<typeof modelCodec.encode>[0]): string => JSON.stringify(modelCodec.encode(n))
  // widths up to 48 and batches up to 12: many products have ≥ 2048 multiply-adds, the WebAssembly threshold
  test.prop(
    [networkCases({ maxWidth: 48, maxBatch: 12, maxLayers: 3 }), fc.double({ min: 0.01, max: 5, noNaN: true })],
    {
      numRuns: 60,
    },
  )('is bit for bit the gradient, then w + (−η)·g', ({ network, cost, x, y }, eta) => {
    const lg = backpropLoss(cost)
    const [loss, g] = lg(network, { x, y })
    const [params] = sgd(eta).step!(g, { count: 0 }, network)
    const [fusedLoss, fused] = lg.sgdStep!(network, { x, y }, eta)
    expect(Object.is(fusedLoss, loss)).toBe(true)
    expect(bits({ network: fused, cost })).toBe(bits({ network: params, cost }))
  })
})
