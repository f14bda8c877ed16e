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
 */

/** Side of the register block of the matmul micro-kernel. */
const MR = 4
const NR = 4

/** Below this many multiply-adds the packing of `gemm` costs more than it saves. */
const SMALL_GEMM = 4096

/**
 * C = op(A)·op(B), where op(A) is m×k and op(B) is k×n.
 * `transA` means A is stored k×m (so op(A) = Aᵀ); likewise `transB`.
 *
 * Both operands are packed into panels of 4 rows of op(A) and 4 columns of
 * op(B), contiguous along k, then a 4×4 micro-kernel keeps 16 accumulators
 * in registers while it streams through one panel of each. Packing costs
 * O(mk + kn) against the O(mkn) of the product, absorbs the transposes for
 * free, and pads ragged edges with zeros so the micro-kernel has no branches.
 */
export const gemm = (
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  transA: boolean,
  b: Float64Array,
  transB: boolean,
): Float64Array => {
  if (m * n * k <= SMALL_GEMM || n < 2 || m < 2) return gemmSimple(m, n, k, a, transA, b, transB)
  const c = new Float64Array(m * n)
  const mPanels = Math.ceil(m / MR)
  const nPanels = Math.ceil(n / NR)
  const ap = packRows(m, k, a, transA, mPanels)
  const bp = packCols(n, k, b, transB, nPanels)
  const panel = k * 4
  for (let jb = 0; jb < nPanels; jb++) {
    const bo = jb * panel
    const j0 = jb * NR
    const nc = Math.min(NR, n - j0)
    for (let ib = 0; ib < mPanels; ib++) {
      const ao = ib * panel
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0
      let c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0
      for (let p = 0; p < panel; p += 4) {
        const a0 = ap[ao + p]!,
          a1 = ap[ao + p + 1]!,
          a2 = ap[ao + p + 2]!,
          a3 = ap[ao + p + 3]!
        const b0 = bp[bo + p]!,
          b1 = bp[bo + p + 1]!,
          b2 = bp[bo + p + 2]!,
          b3 = bp[bo + p + 3]!
        c00 += a0 * b0
        c01 += a0 * b1
        c02 += a0 * b2
        c03 += a0 * b3
        c10 += a1 * b0
        c11 += a1 * b1
        c12 += a1 * b2
        c13 += a1 * b3
        c20 += a2 * b0
        c21 += a2 * b1
        c22 += a2 * b2
        c23 += a2 * b3
        c30 += a3 * b0
        c31 += a3 * b1
        c32 += a3 * b2
        c33 += a3 * b3
      }
      const i0 = ib * MR
      const mr = Math.min(MR, m - i0)
      if (mr === MR && nc === NR) {
        let o = i0 * n + j0
        c[o] = c00
        c[o + 1] = c01
        c[o + 2] = c02
        c[o + 3] = c03
        o += n
        c[o] = c10
        c[o + 1] = c11
        c[o + 2] = c12
        c[o + 3] = c13
        o += n
        c[o] = c20
        c[o + 1] = c21
        c[o + 2] = c22
        c[o + 3] = c23
        o += n
        c[o] = c30
        c[o + 1] = c31
        c[o + 2] = c32
        c[o + 3] = c33
      } else {
        const block = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33]
        for (let r = 0; r < mr; r++) {
          for (let s = 0; s < nc; s++) c[(i0 + r) * n + j0 + s] = block[r * 4 + s]!
        }
      }
    }
  }
  return c
}

/** Panels of 4 rows of op(A), each laid out p-major: panel[p*4 + r] = op(A)[i0 + r, p]. */
const packRows = (m: number, k: number, a: Float64Array, transA: boolean, panels: number): Float64Array => {
  const out = new Float64Array(panels * k * 4)
  for (let ib = 0; ib < panels; ib++) {
    const base = ib * k * 4
    for (let r = 0; r < MR; r++) {
      const i = ib * MR + r
      if (i >= m) break
      if (transA) {
        for (let p = 0; p < k; p++) out[base + p * 4 + r] = a[p * m + i]!
      } else {
        const row = i * k
        for (let p = 0; p < k; p++) out[base + p * 4 + r] = a[row + p]!
      }
    }
  }
  return out
}

/** Panels of 4 columns of op(B), each laid out p-major: panel[p*4 + s] = op(B)[p, j0 + s]. */
const packCols = (n: number, k: number, b: Float64Array, transB: boolean, panels: number): Float64Array => {
  const out = new Float64Array(panels * k * 4)
  if (transB) {
    for (let jb = 0; jb < panels; jb++) {
      const base = jb * k * 4
      for (let s = 0; s < NR; s++) {
        const j = jb * NR + s
        if (j >= n) break
        const row = j * k
        for (let p = 0; p < k; p++) out[base + p * 4 + s] = b[row + p]!
      }
    }
  } else {
    for (let p = 0; p < k; p++) {
      const row = p * n
      for (let j = 0; j < n; j++) {
        const jb = (j / NR) | 0
        out[jb * k * 4 + p * 4 + (j - jb * NR)] = b[row + j]!
      }
    }
  }
  return out
}

/** The textbook i-p-j loop, for products too small or too thin to be worth packing. */
const gemmSimple = (
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  transA: boolean,
  b: Float64Array,
  transB: boolean,
): Float64Array => {
  const c = new Float64Array(m * n)
  if (n === 1 && !transA) {
    // matrix-vector: one dot product per row, both operands contiguous
    for (let i = 0; i < m; i++) {
      let s = 0
      const row = i * k
      for (let p = 0; p < k; p++) s += a[row + p]! * b[p]!
      c[i] = s
    }
    return c
  }
  for (let i = 0; i < m; i++) {
    const ci = i * n
    for (let p = 0; p < k; p++) {
      const aip = transA ? a[p * m + i]! : a[i * k + p]!
      if (aip === 0) continue
      if (transB) {
        for (let j = 0; j < n; j++) c[ci + j]! += aip * b[j * k + p]!
      } else {
        const bp = p * n
        for (let j = 0; j < n; j++) c[ci + j]! += aip * b[bp + j]!
      }
    }
  }
  return c
}
