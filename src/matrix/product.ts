import { gemm as gemmJs } from './gemm.js'
import { axpby, gatherColumnsFromTranspose, withColumn } from './kernels.js'
import { gatherColumnsWasm, gemmAddColumnWasm, gemmAxpyWasm, gemmWasm, wasmAvailable } from './wasm/gemmWasm.js'

/**
 * The kernel backends behind the matrix product. Both give the same result
 * bit for bit (a law checks it), so the choice is one of speed only:
 *
 * - `wasm`: WebAssembly SIMD (`src/matrix/wasm`), used where it runs and the
 *   operands fit its fixed arena;
 * - `js`: plain JavaScript (`src/matrix/gemm.ts`), everywhere else.
 *
 * The environment variable `NABLA_BACKEND=js` (read once, when this module
 * loads) keeps every product on the JavaScript kernel; any other value, or
 * none, prefers WebAssembly.
 *
 * @category kernels
 */
export type Backend = 'wasm' | 'js'

const requested = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[
  'NABLA_BACKEND'
]

/** The backend nabla prefers in this process: `js` when `NABLA_BACKEND=js`, else `wasm`. @category kernels */
export const preferredBackend: Backend = requested === 'js' ? 'js' : 'wasm'

/**
 * The backend that runs this process's matrix products: `wasm` when
 * WebAssembly SIMD runs here (Node 20, current browsers) and
 * `NABLA_BACKEND=js` is not set, else `js`. Products too small to pay for
 * the copy into WebAssembly memory, or too large for its fixed arena, run in
 * JavaScript either way. Values never depend on it: both backends give the
 * same float64 bits.
 *
 * @example
 * ```ts
 * import { Matrix } from 'nabla'
 * Matrix.backend() // 'wasm' in Node 20
 * ```
 * @category kernels
 */
export const backend = (): Backend => (preferredBackend === 'wasm' && wasmAvailable() ? 'wasm' : 'js')

/**
 * Products with fewer multiply-adds than this stay in JavaScript: the copies
 * in and out of WebAssembly memory cost more than they save (measured with
 * `npm run bench -- matmul`, see docs/benchmarks.md).
 */
const WASM_MIN_WORK = 2048

/**
 * C = op(A)·op(B) on raw row-major buffers (op(A) m×k, op(B) k×n; `transA`
 * means A is stored k×m, likewise `transB`): a fresh m×n buffer, from the
 * WebAssembly kernel when it applies, else from the JavaScript one — equal
 * bit for bit either way.
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
  (preferredBackend === 'wasm' && m * n * k >= WASM_MIN_WORK ? gemmWasm(m, n, k, a, transA, b, transB) : undefined) ??
  gemmJs(m, n, k, a, transA, b, transB)

/**
 * c + α·op(A)·op(B) on raw buffers (c is m×n): a fresh m×n buffer, entry i
 * equal bit for bit to `c[i] + α·gemm(…)[i]` — the product accumulated as
 * {@link gemm} does, then scaled and added — whichever backend runs it. With
 * WebAssembly the product stays in its memory and only the sum is
 * allocated: the update of a weight matrix by its gradient, w − η·δaᵀ,
 * without a gradient matrix in between.
 */
export const gemmAxpy = (
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  transA: boolean,
  b: Float64Array,
  transB: boolean,
  c: Float64Array,
  alpha: number,
): Float64Array =>
  (preferredBackend === 'wasm' && m * n * k >= WASM_MIN_WORK
    ? gemmAxpyWasm(m, n, k, a, transA, b, transB, c, alpha)
    : undefined) ?? axpby(1, c, alpha, gemmJs(m, n, k, a, transA, b, transB))

/**
 * op(A)·op(B) + col on raw buffers, the m-entry column col added to every
 * column of the m×n product: a layer's z = wa + b. A fresh buffer, equal bit
 * for bit to `withColumn(m, n, gemm(…), col, 'add', false)` whichever backend
 * runs it; with WebAssembly the bias is added as the product is copied out,
 * so there is one allocation instead of two.
 */
export const gemmAddColumn = (
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  transA: boolean,
  b: Float64Array,
  transB: boolean,
  col: Float64Array,
): Float64Array =>
  (preferredBackend === 'wasm' && m * n * k >= WASM_MIN_WORK
    ? gemmAddColumnWasm(m, n, k, a, transA, b, transB, col)
    : undefined) ?? withColumn(m, n, gemmJs(m, n, k, a, transA, b, transB), col, 'add', false)

/**
 * The columns of x with the given indices (a shuffled mini-batch), from
 * xt = xᵀ: `gatherColumnsFromTranspose`, or, for a batch of at least
 * {@link WASM_MIN_WORK} entries, the same copy through the WebAssembly
 * arena (whole rows copied in, transposed there), which writes no strided
 * entry from JavaScript. A copy either way: the same bits. The caller has
 * checked the indices.
 */
export const gatherColumns = (features: number, xt: Float64Array, indices: ReadonlyArray<number>): Float64Array =>
  (preferredBackend === 'wasm' && features * indices.length >= WASM_MIN_WORK
    ? gatherColumnsWasm(features, xt, indices)
    : undefined) ?? gatherColumnsFromTranspose(features, xt, indices)
