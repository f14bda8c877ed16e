/* eslint-disable @typescript-eslint/no-non-null-assertion --
 * Kernels index typed arrays inside bounds they have just computed; `!` has no
 * runtime cost, whereas a check per element would be the cost.
 */
/* eslint-disable functional/no-loop-statements, functional/no-let, functional/immutable-data --
 * This is the one module where raw loops over freshly allocated buffers live.
 * Every buffer written here is allocated in the same call and returned without
 * any other alias, so nothing outside can observe the mutation.
 */

/**
 * The matrix-product kernel: C = op(A)·op(B) on raw row-major buffers.
 *
 * How it is organised (each choice was measured, see docs/benchmarks.md):
 *
 * - C is cut into tiles of 3 rows × 4 columns. A micro-kernel keeps the 12
 *   entries of a tile in local variables (registers) while it walks along
 *   k, loading 3 entries of op(A) and 4 of op(B) per step: 24 flops for 7
 *   loads. V8 has 16 floating-point registers on x64, and 12 accumulators
 *   plus the operands just fit; 4×4 tiles spill and were slower, 4×2 and
 *   2×4 tiles load more per flop and were slower too.
 * - Operands are read where they are, through strides: entry (i, p) of
 *   op(A) is `A[i·rowStride + p·kStride]`, so one kernel serves all four
 *   combinations of transposes and nothing is copied when reading in place
 *   is cheap (which it is for the thin products of backpropagation).
 * - Copies are made only where the access pattern would otherwise stride
 *   through memory by whole rows: op(B) is packed into 4-column panels,
 *   contiguous along k, when B is stored k×n with many columns; op(A) is
 *   packed into 3-row panels when A is stored transposed (k×m) and k is
 *   long. Packing costs O(mk + kn) against the O(mkn) of the product.
 * - Ragged edges: a last panel of 2 or 3 columns is finished by 3×2 and
 *   3×1 kernels (no wasted work on thin products such as n = 10); a last
 *   block of 1 or 2 rows repeats its last row and discards the copies.
 * - Degenerate shapes: a single row (m = 1) is computed as the column
 *   op(B)ᵀ·aᵀ, which has the same layout; k = 1 (an outer product) is a
 *   plain double loop.
 *
 * Every entry of C is accumulated from 0 by adding the products
 * op(A)[i, p]·op(B)[p, j] in the order p = 0, 1, …, k−1, whatever the path
 * — JavaScript never fuses a multiply-add — so the result is deterministic
 * and equal, bit for bit, to that of the textbook triple loop.
 */

/** Rows of a tile of C. */
const MR = 3
/** Columns of a tile of C. */
const NR = 4
/** Pack op(B) when B is stored k×n with at least this many columns (a row stride of ≥ 512 bytes). */
const PACK_B_MIN_N = 64
/** Pack op(A) when A is stored k×m (transposed) and k is at least this long. */
const PACK_A_MIN_K = 64

/**
 * C = op(A)·op(B), where op(A) is m×k and op(B) is k×n.
 * `transA` means A is stored k×m (so op(A) = Aᵀ); likewise `transB`.
 * Returns a fresh row-major m×n buffer and never writes to `a` or `b`.
 */
export const gemm = (
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  transA: boolean,
  b: Float64Array,
  transB: boolean,
): Float64Array =>
  // A single row: C = a·op(B) is stored exactly like the column Cᵀ = op(B)ᵀ·aᵀ,
  // which the kernels handle without the waste of 3-row tiles.
  m === 1 && n > 1 ? product(n, 1, k, b, !transB, a, !transA) : product(m, n, k, a, transA, b, transB)

const product = (
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  transA: boolean,
  b: Float64Array,
  transB: boolean,
): Float64Array => {
  const c = new Float64Array(m * n)
  if (m === 0 || n === 0 || k === 0) return c
  if (k === 1) return outer(c, m, n, a, b)

  // in place, op(A)[i, p] = a[i·ars + p·aps]; packed, see packRowPanels
  const packA = transA && k >= PACK_A_MIN_K && m >= MR
  const A = packA ? packRowPanels(m, k, a) : a
  const ars = transA ? 1 : k
  const aps = packA ? MR : transA ? m : 1

  // op(B)[p, j] = B[p·bps + j·bcs] for j in the full 4-column panels,
  // and b[p·ebps + j·ebcs] for the 1 to 3 columns left at the right edge
  const full = n - (n % NR)
  const packB = !transB && n >= PACK_B_MIN_N
  const B = packB ? packColumnPanels(full, n, k, b) : b
  const ebcs = transB ? k : 1
  const ebps = transB ? 1 : n
  const bcs = packB ? 1 : ebcs
  const bps = packB ? NR : ebps
  const b1 = bcs
  const b2 = 2 * bcs
  const b3 = 3 * bcs

  for (let i0 = 0; i0 < m; i0 += MR) {
    const mr = Math.min(MR, m - i0)
    // a packed panel starts at i0·k and is zero-padded; in place, a short
    // block repeats its last row
    const a0 = packA ? i0 * k : i0 * ars
    const a1 = packA ? 1 : mr > 1 ? ars : 0
    const a2 = packA ? 2 : mr > 2 ? 2 * ars : a1

    for (let j0 = 0; j0 < full; j0 += NR) {
      let pa = a0
      let pb = packB ? j0 * k : j0 * bcs
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0,
        c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0
      for (let p = 0; p < k; p++) {
        const x0 = A[pa]!
        const x1 = A[pa + a1]!
        const x2 = A[pa + a2]!
        const y0 = B[pb]!
        const y1 = B[pb + b1]!
        const y2 = B[pb + b2]!
        const y3 = B[pb + b3]!
        c00 += x0 * y0
        c01 += x0 * y1
        c02 += x0 * y2
        c03 += x0 * y3
        c10 += x1 * y0
        c11 += x1 * y1
        c12 += x1 * y2
        c13 += x1 * y3
        c20 += x2 * y0
        c21 += x2 * y1
        c22 += x2 * y2
        c23 += x2 * y3
        pa += aps
        pb += bps
      }
      let o = i0 * n + j0
      c[o] = c00
      c[o + 1] = c01
      c[o + 2] = c02
      c[o + 3] = c03
      if (mr > 1) {
        o += n
        c[o] = c10
        c[o + 1] = c11
        c[o + 2] = c12
        c[o + 3] = c13
      }
      if (mr > 2) {
        o += n
        c[o] = c20
        c[o + 1] = c21
        c[o + 2] = c22
        c[o + 3] = c23
      }
    }

    let j0 = full
    if (n - j0 >= 2) {
      tile3x2(c, n, k, i0, j0, mr, A, a0, a1, a2, aps, b, j0 * ebcs, ebcs, ebps)
      j0 += 2
    }
    if (j0 < n) tile3x1(c, n, k, i0, j0, mr, A, a0, a1, a2, aps, b, j0 * ebcs, ebps)
  }
  return c
}

/**
 * k = 1: the outer product of the m-vector a and the n-vector b (each is
 * stored the same way transposed or not). `0 + x·y` rather than `x·y`, as
 * the accumulation from 0 does everywhere else: it turns a −0 into +0.
 */
const outer = (c: Float64Array, m: number, n: number, a: Float64Array, b: Float64Array): Float64Array => {
  for (let i = 0; i < m; i++) {
    const x = a[i]!
    const o = i * n
    for (let j = 0; j < n; j++) c[o + j] = 0 + x * b[j]!
  }
  return c
}

/** The 3×2 tile of C at (i0, j0), of which the first `mr` rows are kept. */
const tile3x2 = (
  c: Float64Array,
  n: number,
  k: number,
  i0: number,
  j0: number,
  mr: number,
  A: Float64Array,
  a0: number,
  a1: number,
  a2: number,
  aps: number,
  B: Float64Array,
  b0: number,
  bcs: number,
  bps: number,
): void => {
  let pa = a0
  let pb = b0
  let c00 = 0,
    c01 = 0,
    c10 = 0,
    c11 = 0,
    c20 = 0,
    c21 = 0
  for (let p = 0; p < k; p++) {
    const x0 = A[pa]!
    const x1 = A[pa + a1]!
    const x2 = A[pa + a2]!
    const y0 = B[pb]!
    const y1 = B[pb + bcs]!
    c00 += x0 * y0
    c01 += x0 * y1
    c10 += x1 * y0
    c11 += x1 * y1
    c20 += x2 * y0
    c21 += x2 * y1
    pa += aps
    pb += bps
  }
  let o = i0 * n + j0
  c[o] = c00
  c[o + 1] = c01
  if (mr > 1) {
    o += n
    c[o] = c10
    c[o + 1] = c11
  }
  if (mr > 2) {
    o += n
    c[o] = c20
    c[o + 1] = c21
  }
}

/** The 3×1 tile of C at (i0, j0), of which the first `mr` rows are kept. */
const tile3x1 = (
  c: Float64Array,
  n: number,
  k: number,
  i0: number,
  j0: number,
  mr: number,
  A: Float64Array,
  a0: number,
  a1: number,
  a2: number,
  aps: number,
  B: Float64Array,
  b0: number,
  bps: number,
): void => {
  let pa = a0
  let pb = b0
  let c0 = 0,
    c1 = 0,
    c2 = 0
  for (let p = 0; p < k; p++) {
    const y = B[pb]!
    c0 += A[pa]! * y
    c1 += A[pa + a1]! * y
    c2 += A[pa + a2]! * y
    pa += aps
    pb += bps
  }
  const o = i0 * n + j0
  c[o] = c0
  if (mr > 1) c[o + n] = c1
  if (mr > 2) c[o + 2 * n] = c2
}

/**
 * op(A) = Aᵀ (A stored k×m) as panels of 3 rows of op(A), each contiguous
 * along k: panel[p·3 + r] = A[p, i0 + r], the panel of rows i0… starting at
 * i0·k. A last panel of 1 or 2 rows is padded with zeros.
 */
const packRowPanels = (m: number, k: number, a: Float64Array): Float64Array => {
  const panels = Math.ceil(m / MR)
  const out = new Float64Array(panels * MR * k)
  const whole = m - (m % MR)
  for (let p = 0; p < k; p++) {
    const src = p * m
    let d = p * MR
    for (let i = 0; i < whole; i += MR) {
      out[d] = a[src + i]!
      out[d + 1] = a[src + i + 1]!
      out[d + 2] = a[src + i + 2]!
      d += MR * k
    }
    for (let i = whole; i < m; i++) out[d + i - whole] = a[src + i]!
  }
  return out
}

/**
 * The first `full` columns (a multiple of 4) of B stored k×n, as panels of
 * 4 columns each contiguous along k: panel[p·4 + s] = B[p, j0 + s], the
 * panel of columns j0… starting at j0·k. B is read row by row.
 */
const packColumnPanels = (full: number, n: number, k: number, b: Float64Array): Float64Array => {
  const out = new Float64Array(full * k)
  for (let p = 0; p < k; p++) {
    const src = p * n
    let d = p * NR
    for (let j = 0; j < full; j += NR) {
      out[d] = b[src + j]!
      out[d + 1] = b[src + j + 1]!
      out[d + 2] = b[src + j + 2]!
      out[d + 3] = b[src + j + 3]!
      d += NR * k
    }
  }
  return out
}
