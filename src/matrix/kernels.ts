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
 * Raw float64 loops. Everything else in nabla is built on these.
 *
 * Conventions: matrices are row-major; an `r×c` operand is a `Float64Array`
 * of length `r * c`; every function returns a freshly allocated buffer and
 * never writes to its inputs.
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

/** out[i] = f(a[i]). */
export const map = (a: Float64Array, f: (x: number) => number): Float64Array => {
  const n = a.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = f(a[i]!)
  return out
}

/**
 * out[i, j] = f(a[i, j], b[i, j]) where a single row, a single column or a
 * 1×1 operand is repeated along the missing dimension (NumPy-style
 * broadcasting restricted to two dimensions). The caller has checked that
 * the shapes broadcast to rows×cols.
 */
export const zipBroadcast = (
  rows: number,
  cols: number,
  a: Float64Array,
  aRows: number,
  aCols: number,
  b: Float64Array,
  bRows: number,
  bCols: number,
  f: (x: number, y: number) => number,
): Float64Array => {
  const out = new Float64Array(rows * cols)
  if (aRows === bRows && aCols === bCols) {
    const n = out.length
    for (let i = 0; i < n; i++) out[i] = f(a[i]!, b[i]!)
    return out
  }
  const aRowStride = aRows === 1 ? 0 : aCols
  const aColStride = aCols === 1 ? 0 : 1
  const bRowStride = bRows === 1 ? 0 : bCols
  const bColStride = bCols === 1 ? 0 : 1
  for (let i = 0; i < rows; i++) {
    const ao = i * aRowStride
    const bo = i * bRowStride
    const o = i * cols
    for (let j = 0; j < cols; j++) out[o + j] = f(a[ao + j * aColStride]!, b[bo + j * bColStride]!)
  }
  return out
}

/** Elementwise a + b, same length. Written out rather than via `zip` because it is hot. */
export const add = (a: Float64Array, b: Float64Array): Float64Array => {
  const n = a.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!
  return out
}

/** Elementwise a − b, same length. */
export const sub = (a: Float64Array, b: Float64Array): Float64Array => {
  const n = a.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!
  return out
}

/** Elementwise a ⊙ b, same length. */
export const mul = (a: Float64Array, b: Float64Array): Float64Array => {
  const n = a.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!
  return out
}

/** Elementwise a / b, same length. */
export const div = (a: Float64Array, b: Float64Array): Float64Array => {
  const n = a.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!
  return out
}

/** s·a. */
export const scale = (a: Float64Array, s: number): Float64Array => {
  const n = a.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = s * a[i]!
  return out
}

/** Transpose of an r×c matrix, in 8×8 tiles so that both sides stay in cache. */
export const transpose = (r: number, c: number, a: Float64Array): Float64Array => {
  const out = new Float64Array(r * c)
  const T = 8
  for (let i0 = 0; i0 < r; i0 += T) {
    const iEnd = Math.min(i0 + T, r)
    for (let j0 = 0; j0 < c; j0 += T) {
      const jEnd = Math.min(j0 + T, c)
      for (let i = i0; i < iEnd; i++) {
        for (let j = j0; j < jEnd; j++) out[j * r + i] = a[i * c + j]!
      }
    }
  }
  return out
}

/** Σ a[i], with Neumaier's compensation so long sums of mixed magnitude stay accurate. */
export const sum = (a: Float64Array): number => {
  let s = 0
  let comp = 0
  const n = a.length
  for (let i = 0; i < n; i++) {
    const x = a[i]!
    const t = s + x
    comp += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s
    s = t
  }
  return s + comp
}

/** The r×1 column of row sums of an r×c matrix: out[i] = Σⱼ a[i, j]. */
export const sumRows = (r: number, c: number, a: Float64Array): Float64Array => {
  const out = new Float64Array(r)
  for (let i = 0; i < r; i++) {
    let s = 0
    const o = i * c
    for (let j = 0; j < c; j++) s += a[o + j]!
    out[i] = s
  }
  return out
}

/** The 1×c row of column sums of an r×c matrix: out[j] = Σᵢ a[i, j]. */
export const sumCols = (r: number, c: number, a: Float64Array): Float64Array => {
  const out = new Float64Array(c)
  for (let i = 0; i < r; i++) {
    const o = i * c
    for (let j = 0; j < c; j++) out[j]! += a[o + j]!
  }
  return out
}

/** Repeats an r×1 column c times: out[i, j] = col[i]. */
export const repeatColumn = (r: number, c: number, col: Float64Array): Float64Array => {
  const out = new Float64Array(r * c)
  for (let i = 0; i < r; i++) out.fill(col[i]!, i * c, (i + 1) * c)
  return out
}

/** Repeats a 1×c row r times: out[i, j] = row[j]. */
export const repeatRow = (r: number, c: number, row: Float64Array): Float64Array => {
  const out = new Float64Array(r * c)
  for (let i = 0; i < r; i++) out.set(row, i * c)
  return out
}

/** Σ a[i]·b[i]. */
export const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0
  const n = a.length
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!
  return s
}

/** The block rows [r0, r1) × columns [c0, c1) of an r×c matrix. */
export const slice = (c: number, a: Float64Array, r0: number, r1: number, c0: number, c1: number): Float64Array => {
  const w = c1 - c0
  const out = new Float64Array((r1 - r0) * w)
  if (c0 === 0 && c1 === c) {
    out.set(a.subarray(r0 * c, r1 * c))
    return out
  }
  for (let i = r0; i < r1; i++) out.set(a.subarray(i * c + c0, i * c + c1), (i - r0) * w)
  return out
}

/** Writes `part` (pr×pc) into `out` (a buffer of width `c`) at row r0, column c0. */
export const blit = (
  out: Float64Array,
  c: number,
  part: Float64Array,
  pr: number,
  pc: number,
  r0: number,
  c0: number,
): void => {
  if (c0 === 0 && pc === c) {
    out.set(part, r0 * c)
    return
  }
  for (let i = 0; i < pr; i++) out.set(part.subarray(i * pc, (i + 1) * pc), (r0 + i) * c + c0)
}

/** For each column j of an r×c matrix, the row index of its largest entry (first on ties). */
export const argmaxCols = (r: number, c: number, a: Float64Array): Int32Array => {
  const best = new Float64Array(c).fill(-Infinity)
  const idx = new Int32Array(c)
  for (let i = 0; i < r; i++) {
    const o = i * c
    for (let j = 0; j < c; j++) {
      const x = a[o + j]!
      if (x > best[j]!) {
        best[j] = x
        idx[j] = i
      }
    }
  }
  return idx
}
