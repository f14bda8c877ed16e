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

/** out[i] = f(a[i]). */
export const map = (a: Float64Array, f: (x: number) => number): Float64Array => {
  const n = a.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = f(a[i]!)
  return out
}

/**
 * out[i, j] = a[i, j] where c[i, j] > 0, b[i, j] where c[i, j] ≤ 0, and NaN
 * where c[i, j] is NaN, each operand broadcast as in {@link zipBroadcast}
 * (the caller has checked that the three shapes broadcast to rows×cols).
 * The entry not chosen is never read into the result: a NaN there stays
 * out, and a −0 chosen stays −0.
 */
export const selectBroadcast = (
  rows: number,
  cols: number,
  c: Float64Array,
  cRows: number,
  cCols: number,
  a: Float64Array,
  aRows: number,
  aCols: number,
  b: Float64Array,
  bRows: number,
  bCols: number,
): Float64Array => {
  const out = new Float64Array(rows * cols)
  const stride = (r: number, k: number): readonly [number, number] => [r === 1 ? 0 : k, k === 1 ? 0 : 1]
  const [cr, cc] = stride(cRows, cCols)
  const [ar, ac] = stride(aRows, aCols)
  const [br, bc] = stride(bRows, bCols)
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const ci = c[i * cr + j * cc]!
      out[i * cols + j] = ci > 0 ? a[i * ar + j * ac]! : ci <= 0 ? b[i * br + j * bc]! : Number.NaN
    }
  }
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
  if (aRows === rows && aCols === cols && bRows === rows && bCols === cols) {
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

/**
 * Σ a[i], with Neumaier's compensation so long sums of mixed magnitude stay
 * accurate. The compensation is the rounding error of finite partial sums:
 * once a partial sum is ±∞ or NaN it has none (∞ − ∞ would turn it into
 * NaN), so the plain sum is the answer — an overflow gives ±∞, and NaN
 * comes only from a NaN entry or from +∞ and −∞ together, as IEEE addition
 * gives.
 */
export const sum = (a: Float64Array): number => neumaier(a.length, (i) => a[i]!)

/** Neumaier's compensated sum of term(0) … term(n − 1), in that order. */
const neumaier = (n: number, term: (i: number) => number): number => {
  let s = 0
  let comp = 0
  for (let i = 0; i < n; i++) {
    const x = term(i)
    const t = s + x
    comp += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s
    s = t
  }
  return Number.isFinite(s) ? s + comp : s
}

/**
 * The r×1 column of row sums of an r×c matrix: out[i] = Σⱼ a[i, j], each
 * the compensated `sum` of row i (in the order of j), bit for bit.
 */
export const sumRows = (r: number, c: number, a: Float64Array): Float64Array => {
  const out = new Float64Array(r)
  for (let i = 0; i < r; i++) out[i] = rowSum(a, i * c, c)
  return out
}

/** Neumaier's sum of a[o] … a[o + c − 1]: `sum` of that stretch, bit for bit, without a closure per entry. */
const rowSum = (a: Float64Array, o: number, c: number): number => {
  let s = 0
  let comp = 0
  for (let j = 0; j < c; j++) {
    const x = a[o + j]!
    const t = s + x
    comp += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s
    s = t
  }
  return Number.isFinite(s) ? s + comp : s
}

/**
 * The 1×c row of column sums of an r×c matrix: out[j] = Σᵢ a[i, j], each
 * the compensated `sum` of column j (in the order of i), bit for bit — so
 * a sum gives the same bits however its terms are laid out, which is what
 * lets `vmap` sum a batch of examples by columns.
 */
export const sumCols = (r: number, c: number, a: Float64Array): Float64Array => {
  const s = new Float64Array(c)
  const comp = new Float64Array(c)
  for (let i = 0; i < r; i++) {
    const o = i * c
    for (let j = 0; j < c; j++) {
      const x = a[o + j]!
      const sj = s[j]!
      const t = sj + x
      comp[j]! += Math.abs(sj) >= Math.abs(x) ? sj - t + x : x - t + sj
      s[j] = t
    }
  }
  for (let j = 0; j < c; j++) {
    const sj = s[j]!
    if (Number.isFinite(sj)) s[j] = sj + comp[j]!
  }
  return s
}

/**
 * n parts of `len` entries each (numbers count as one entry) as the columns
 * (`byColumns`) or the rows of one matrix: part j becomes column j of a
 * len×n buffer, or row j of an n×len one.
 */
export const joinParts = (
  parts: ReadonlyArray<Float64Array | number>,
  len: number,
  byColumns: boolean,
): Float64Array => {
  const n = parts.length
  const out = new Float64Array(len * n)
  for (let j = 0; j < n; j++) {
    const p = parts[j]!
    if (typeof p === 'number') out[j] = p
    else if (byColumns) for (let i = 0; i < len; i++) out[i * n + j] = p[i]!
    else out.set(p, j * len)
  }
  return out
}

/** The n columns of an r×n matrix, each as a fresh buffer of r entries (the inverse of `joinParts`). */
export const splitColumns = (r: number, n: number, a: Float64Array): ReadonlyArray<Float64Array> => {
  const parts = Array.from({ length: n }, () => new Float64Array(r))
  for (let i = 0; i < r; i++) {
    const o = i * n
    for (let j = 0; j < n; j++) parts[j]![i] = a[o + j]!
  }
  return parts
}

/** Σ a[i]·b[i]. */
export const dot = (a: Float64Array, b: Float64Array): number => neumaier(a.length, (i) => a[i]! * b[i]!)

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

/** The largest entry (−∞ for an empty buffer; NaN if any entry is NaN). */
export const max = (a: Float64Array): number => {
  let m = -Infinity
  const n = a.length
  for (let i = 0; i < n; i++) {
    const x = a[i]!
    if (x > m || Number.isNaN(x)) m = x
    if (Number.isNaN(m)) return m
  }
  return m
}

/** The 1×c row of column maxima of an r×c matrix (−∞ for zero rows). */
export const maxCols = (r: number, c: number, a: Float64Array): Float64Array => {
  const out = new Float64Array(c).fill(-Infinity)
  for (let i = 0; i < r; i++) {
    const o = i * c
    for (let j = 0; j < c; j++) {
      const x = a[o + j]!
      if (x > out[j]! || Number.isNaN(x)) out[j] = x
    }
  }
  return out
}

/**
 * The entrywise arithmetic operators, for kernels that combine a matrix with
 * a scalar or with a column. Each operator has its own loop (a switch outside
 * the loop), so no function is called per entry.
 */
export type Arithmetic = 'add' | 'sub' | 'mul' | 'div'

/** out[i] = a[i] op s, or s op a[i] when `scalarLeft`. */
export const withScalar = (a: Float64Array, s: number, op: Arithmetic, scalarLeft: boolean): Float64Array => {
  const n = a.length
  const out = new Float64Array(n)
  switch (op) {
    case 'add':
      for (let i = 0; i < n; i++) out[i] = a[i]! + s
      break
    case 'mul':
      for (let i = 0; i < n; i++) out[i] = a[i]! * s
      break
    case 'sub':
      if (scalarLeft) for (let i = 0; i < n; i++) out[i] = s - a[i]!
      else for (let i = 0; i < n; i++) out[i] = a[i]! - s
      break
    case 'div':
      if (scalarLeft) for (let i = 0; i < n; i++) out[i] = s / a[i]!
      else for (let i = 0; i < n; i++) out[i] = a[i]! / s
      break
  }
  return out
}

/** out[i, j] = a[i, j] op col[i], or col[i] op a[i, j] when `columnLeft`: the bias broadcast of a batch. */
export const withColumn = (
  r: number,
  c: number,
  a: Float64Array,
  col: Float64Array,
  op: Arithmetic,
  columnLeft: boolean,
): Float64Array => {
  const out = new Float64Array(r * c)
  for (let i = 0; i < r; i++) {
    const o = i * c
    const v = col[i]!
    switch (op) {
      case 'add':
        for (let j = 0; j < c; j++) out[o + j] = a[o + j]! + v
        break
      case 'mul':
        for (let j = 0; j < c; j++) out[o + j] = a[o + j]! * v
        break
      case 'sub':
        if (columnLeft) for (let j = 0; j < c; j++) out[o + j] = v - a[o + j]!
        else for (let j = 0; j < c; j++) out[o + j] = a[o + j]! - v
        break
      case 'div':
        if (columnLeft) for (let j = 0; j < c; j++) out[o + j] = v / a[o + j]!
        else for (let j = 0; j < c; j++) out[o + j] = a[o + j]! / v
        break
    }
  }
  return out
}

/** σ(x) = 1/(1 + e⁻ˣ) entrywise, as eˣ/(1 + eˣ) for x < 0 so that neither tail overflows. */
export const sigmoid = (a: Float64Array): Float64Array => {
  const n = a.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const x = a[i]!
    if (x >= 0) {
      out[i] = 1 / (1 + Math.exp(-x))
    } else {
      const e = Math.exp(x)
      out[i] = e / (1 + e)
    }
  }
  return out
}

/** out[i] = a·x[i] + b·y[i], for two buffers of the same length: an optimizer's update or step in one pass. */
export const axpby = (a: number, x: Float64Array, b: number, y: Float64Array): Float64Array => {
  const n = x.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = a * x[i]! + b * y[i]!
  return out
}

/** The three results of {@link adamStep}: the new moments m′, v′ and the update u. */
export interface AdamBuffers {
  readonly mu: Float64Array
  readonly nu: Float64Array
  readonly update: Float64Array
}

/**
 * One Adam step on gradients g with moments m and v (buffers of the same
 * length), in one pass; fusing it saves about ten intermediate buffers per
 * parameter per step:
 *
 * - m′ = β₁m + (1 − β₁)g
 * - v′ = β₂v + (1 − β₂)g²
 * - u = −η · (m′/c₁) / (√(v′/c₂) + ε), with the bias corrections c₁ = 1 − β₁ᵗ, c₂ = 1 − β₂ᵗ.
 */
export const adamStep = (
  g: Float64Array,
  m: Float64Array,
  v: Float64Array,
  beta1: number,
  beta2: number,
  eta: number,
  c1: number,
  c2: number,
  eps: number,
): AdamBuffers => {
  const n = g.length
  const mu = new Float64Array(n)
  const nu = new Float64Array(n)
  const update = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const gi = g[i]!
    const mi = beta1 * m[i]! + (1 - beta1) * gi
    const vi = beta2 * v[i]! + (1 - beta2) * gi * gi
    mu[i] = mi
    nu[i] = vi
    update[i] = (-eta * (mi / c1)) / (Math.sqrt(vi / c2) + eps)
  }
  return { mu, nu, update }
}

/**
 * The columns of x with the given indices, side by side (a shuffled
 * mini-batch), read from xt = xᵀ (n×features, row-major), so that each
 * example is one contiguous run of memory instead of a strided walk over a
 * wide matrix. The result is features×indices.length. The caller has
 * checked the indices.
 */
export const gatherColumnsFromTranspose = (
  features: number,
  xt: Float64Array,
  indices: ReadonlyArray<number>,
): Float64Array => {
  const n = indices.length
  const out = new Float64Array(features * n)
  for (let k = 0; k < n; k++) {
    const o = indices[k]! * features
    for (let p = 0; p < features; p++) out[p * n + k] = xt[o + p]!
  }
  return out
}

/**
 * g ⊙ σ′ for the logistic σ, from its output a = σ(z): out[i] = g[i]·(a[i]·(1 − a[i])),
 * the operations, in their order, of mul(g, mul(s, sub(1, s))) with s = σ(z) — which is a
 * itself, bit for bit, since σ is computed the same way both times. The error of a sigmoid
 * layer (BP1, BP2) in one pass, without recomputing σ.
 */
export const sigmoidBackward = (g: Float64Array, a: Float64Array): Float64Array => {
  const n = g.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const s = a[i]!
    out[i] = g[i]! * (s * (1 - s))
  }
  return out
}

/** g ⊙ tanh′ from the output a = tanh z: out[i] = g[i]·(1 − a[i]·a[i]), as mul(g, sub(1, mul(t, t))) with t = tanh z = a. */
export const tanhBackward = (g: Float64Array, a: Float64Array): Float64Array => {
  const n = g.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const t = a[i]!
    out[i] = g[i]! * (1 - t * t)
  }
  return out
}

/**
 * out[i] = 1·b[i] + α·Σⱼ d[i, j] for an r×c matrix d and a column b of r entries, each row
 * sum compensated as `sumRows` sums it: axpby(1, b, α, sumRows(d)) in one pass — the bias
 * step b − η·∂C/∂b of plain gradient descent, with BP3's sum never stored.
 */
export const axpbyRowSums = (r: number, c: number, b: Float64Array, alpha: number, d: Float64Array): Float64Array => {
  const out = new Float64Array(r)
  for (let i = 0; i < r; i++) out[i] = 1 * b[i]! + alpha * rowSum(d, i * c, c)
  return out
}
