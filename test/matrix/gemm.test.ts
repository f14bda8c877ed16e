import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { Matrix } from 'nabla'
import { matmulMatchesNaiveProduct } from 'nabla/laws'
import { gemm } from '../../src/matrix/gemm.js'
import { testLaw } from './prop.js'

/**
 * The raw kernel, reached directly so that all four transpose combinations
 * are checked (the public API has no AᵀBᵀ product): A and B are passed as
 * stored, and the flags say which of them is stored transposed.
 */
const viaKernel =
  (transA: boolean, transB: boolean) =>
  (a: Matrix, b: Matrix): Matrix => {
    const [m, k] = transA ? [a.cols, a.rows] : [a.rows, a.cols]
    const n = transB ? b.rows : b.cols
    return Matrix.fromArray(m, n, gemm(m, n, k, Matrix.toFloat64Array(a), transA, Matrix.toFloat64Array(b), transB))
  }

describe('the gemm kernel agrees with the textbook product on thin, small, ragged and packed shapes', () => {
  testLaw(matmulMatchesNaiveProduct({ multiply: viaKernel(false, false) }))
  testLaw(matmulMatchesNaiveProduct({ transposeA: true, multiply: viaKernel(true, false) }))
  testLaw(matmulMatchesNaiveProduct({ transposeB: true, multiply: viaKernel(false, true) }))
  testLaw(matmulMatchesNaiveProduct({ transposeA: true, transposeB: true, multiply: viaKernel(true, true) }))
})

/**
 * The reference for the kernel-level properties below: op(A)·op(B) by the
 * textbook triple loop, each entry summed from 0 over p = 0, 1, …, k−1.
 * `transA` means A is stored k×m, `transB` that B is stored n×k.
 */
const naive = (
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  transA: boolean,
  b: Float64Array,
  transB: boolean,
): Float64Array => {
  const c = new Float64Array(m * n)
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0
      for (let p = 0; p < k; p++) {
        const x = transA ? a[p * m + i]! : a[i * k + p]!
        const y = transB ? b[j * k + p]! : b[p * n + j]!
        s += x * y
      }
      c[i * n + j] = s
    }
  }
  return c
}

interface Case {
  readonly m: number
  readonly n: number
  readonly k: number
  readonly transA: boolean
  readonly transB: boolean
  readonly a: Float64Array
  readonly b: Float64Array
}

/** Deterministic inputs for hand-picked shapes: small integers and halves, some negative, some zero. */
const filled = (length: number, seed: number): Float64Array =>
  Float64Array.from({ length }, (_, i) => (((i * 7919 + seed * 104_729) % 23) - 11) / 2)

const caseOf = (m: number, n: number, k: number, transA: boolean, transB: boolean): Case => ({
  m,
  n,
  k,
  transA,
  transB,
  a: filled(m * k, 1),
  b: filled(k * n, 2),
})

const run = (c: Case): Float64Array => gemm(c.m, c.n, c.k, c.a, c.transA, c.b, c.transB)
const reference = (c: Case): Float64Array => naive(c.m, c.n, c.k, c.a, c.transA, c.b, c.transB)

/**
 * Sizes biased towards the edges of the kernel: 0…5 (empty, single, ragged
 * against 3-row and 4-column tiles) and sizes on both sides of its packing
 * thresholds (64).
 */
const size = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 5 }) },
  { weight: 3, arbitrary: fc.integer({ min: 6, max: 40 }) },
  { weight: 2, arbitrary: fc.integer({ min: 60, max: 70 }) },
)

const entries = (length: number, special: boolean): fc.Arbitrary<Float64Array> =>
  fc.float64Array({
    minLength: length,
    maxLength: length,
    ...(special ? {} : { noNaN: true, noDefaultInfinity: true, min: -1e3, max: 1e3 }),
  })

/** A random product: shapes, transposes, and operands of matching lengths. */
const product = (special: boolean): fc.Arbitrary<Case> =>
  fc
    .record({ m: size, n: size, k: size, transA: fc.boolean(), transB: fc.boolean() })
    // keep the naive loop fast
    .filter(({ m, n, k }) => m * n * k <= 200_000)
    .chain((s) =>
      fc.record({
        m: fc.constant(s.m),
        n: fc.constant(s.n),
        k: fc.constant(s.k),
        transA: fc.constant(s.transA),
        transB: fc.constant(s.transB),
        a: entries(s.m * s.k, special),
        b: entries(s.k * s.n, special),
      }),
    )

const label = (c: Case): string =>
  `${String(c.m)}×${String(c.k)}${c.transA ? ' (Aᵀ)' : ''} · ${String(c.k)}×${String(c.n)}${c.transB ? ' (Bᵀ)' : ''}`

describe('gemm', () => {
  test.prop([product(false)], { numRuns: 300 })('equals the textbook triple loop bit for bit', (c) => {
    // the kernel adds the products in the same order p = 0…k−1, so not even the rounding differs
    expect(Array.from(run(c))).toEqual(Array.from(reference(c)))
  })

  test.prop([product(true)], { numRuns: 100 })(
    'propagates NaN, infinities and signed zeros exactly as the triple loop does',
    (c) => {
      expect(Array.from(run(c))).toEqual(Array.from(reference(c)))
    },
  )

  test.prop([product(false)], { numRuns: 100 })(
    'returns a fresh m×n buffer, leaves its inputs unchanged and is deterministic',
    (c) => {
      const a0 = c.a.slice()
      const b0 = c.b.slice()
      const first = run(c)
      const second = run(c)
      expect(first.length).toBe(c.m * c.n)
      expect(first.buffer).not.toBe(c.a.buffer)
      expect(first.buffer).not.toBe(c.b.buffer)
      expect(first).not.toBe(second)
      expect(Array.from(second)).toEqual(Array.from(first))
      expect(Array.from(c.a)).toEqual(Array.from(a0))
      expect(Array.from(c.b)).toEqual(Array.from(b0))
    },
  )

  const shapes: ReadonlyArray<readonly [string, number, number, number]> = [
    ['network forward, batch 10', 30, 10, 784],
    ['network forward, batch 100', 30, 100, 784],
    ['network BP4 shape, batch 10', 30, 784, 10],
    ['network BP2 shape, batch 10', 784, 10, 30],
    ['second layer', 10, 100, 30],
    ['n = 1 (matrix·vector)', 17, 1, 33],
    ['m = 1 (row·matrix)', 1, 19, 33],
    ['m = 1, n = 1 (dot product)', 1, 1, 50],
    ['k = 1 (outer product)', 13, 11, 1],
    ['1×1·1×1', 1, 1, 1],
    ['m = 2, ragged n', 2, 7, 9],
    ['ragged everything', 7, 6, 5],
    ['past both packing thresholds, ragged', 67, 65, 66],
    ['packed B, n = 64 exactly', 5, 64, 3],
    ['m = 0', 0, 5, 3],
    ['n = 0', 5, 0, 3],
    ['k = 0 (a zero matrix)', 5, 3, 0],
    ['all zero', 0, 0, 0],
  ]
  const transposes = [
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ] as const
  const cases = shapes.flatMap(([name, m, n, k]) =>
    transposes.map(([ta, tb]) => [name, caseOf(m, n, k, ta, tb)] as const),
  )
  it.each(cases)('%s: %s', (_name, c) => {
    const result = run(c)
    expect(result.length).toBe(c.m * c.n)
    expect(Array.from(result), label(c)).toEqual(Array.from(reference(c)))
  })

  it('k = 0 gives a zero matrix', () => {
    expect(Array.from(gemm(2, 3, 0, new Float64Array(0), false, new Float64Array(0), false))).toEqual([
      0, 0, 0, 0, 0, 0,
    ])
  })

  it('computes a small product by hand', () => {
    // [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50]
    const a = Float64Array.of(1, 2, 3, 4)
    const b = Float64Array.of(5, 6, 7, 8)
    expect(Array.from(gemm(2, 2, 2, a, false, b, false))).toEqual([19, 22, 43, 50])
    // Aᵀ·B = [1 3; 2 4] · [5 6; 7 8] = [26 30; 38 44]
    expect(Array.from(gemm(2, 2, 2, a, true, b, false))).toEqual([26, 30, 38, 44])
    // A·Bᵀ = [1 2; 3 4] · [5 7; 6 8] = [17 23; 39 53]
    expect(Array.from(gemm(2, 2, 2, a, false, b, true))).toEqual([17, 23, 39, 53])
  })
})
