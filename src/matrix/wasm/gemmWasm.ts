/* eslint-disable functional/no-let, functional/immutable-data, functional/no-loop-statements --
 * The arena is scratch memory of one kernel call: operands are copied in, the
 * product is computed there and copied out into a fresh buffer. Nothing written
 * to it is visible after the call returns.
 */
import { gemmHex } from './gemmBytes.js'

/**
 * The WebAssembly SIMD matrix product (see `gemm.wat`): C = op(A)·op(B),
 * bit for bit equal to the JavaScript kernel, or `undefined` where it does
 * not apply (no WebAssembly SIMD here, or operands that do not fit the
 * arena), and the caller uses the JavaScript kernel.
 *
 * Memory: one `WebAssembly.Memory` of a fixed size, created on the first
 * call and never grown. Growing a memory detaches its old buffer, and in V8
 * a single detached ArrayBuffer anywhere in a process makes every typed-array
 * loop of that process slower from then on (the "array buffer detaching"
 * protector); so operands larger than the arena go to the JavaScript kernel
 * instead, and no buffer is ever transferred.
 *
 * The module is under 4 KB, so it compiles synchronously even on a
 * browser's main thread.
 */

/** The arena's size: 32 MiB (512 pages of 64 KiB), 4 Mi float64 values for A, B and C together. */
const PAGES = 512
const CAPACITY = (PAGES * 65536) / 8

type Kernel = (
  m: number,
  n: number,
  k: number,
  a: number,
  ars: number,
  aps: number,
  b: number,
  bps: number,
  c: number,
  ldc: number,
) => void

type Transpose = (src: number, dst: number, rows: number, cols: number) => void

type Axpy = (c: number, p: number, dst: number, n: number, alpha: number) => void

interface Instance {
  readonly kernel: Kernel
  readonly transpose: Transpose
  readonly axpy: Axpy
  readonly heap: Float64Array
}

const bytesOf = (hex: string): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return out
}

/**
 * The part of the WebAssembly JavaScript API this module uses, looked up on
 * `globalThis` so that its absence (an old engine, a locked-down page) is a
 * fallback to JavaScript rather than a crash, and so that the library needs
 * neither the DOM's nor Node's type declarations.
 */
interface WebAssemblyApi {
  readonly validate: (bytes: Uint8Array<ArrayBuffer>) => boolean
  readonly Memory: new (descriptor: { readonly initial: number; readonly maximum: number }) => {
    readonly buffer: ArrayBuffer
  }
  readonly Module: new (bytes: Uint8Array<ArrayBuffer>) => object
  readonly Instance: new (module: object, imports: object) => { readonly exports: Readonly<Record<string, unknown>> }
}

/**
 * The instance, made on first use: `undefined` until then, `null` where
 * WebAssembly SIMD is unavailable. The one piece of module state besides
 * the nesting depth of transforms; it holds no result between calls.
 */
let instance: Instance | null | undefined

const instantiate = (): Instance | null => {
  try {
    const api = (globalThis as { readonly WebAssembly?: WebAssemblyApi }).WebAssembly
    const bytes = bytesOf(gemmHex)
    if (api === undefined || !api.validate(bytes)) return null
    const memory = new api.Memory({ initial: PAGES, maximum: PAGES })
    const exports = new api.Instance(new api.Module(bytes), { env: { memory } }).exports
    return {
      kernel: exports['gemm'] as Kernel,
      transpose: exports['transpose'] as Transpose,
      axpy: exports['axpy'] as Axpy,
      heap: new Float64Array(memory.buffer),
    }
  } catch {
    return null
  }
}

const get = (): Instance | null => {
  if (instance === undefined) instance = instantiate()
  return instance
}

/** Whether the WebAssembly kernel can run here (instantiating it if it has not been). */
export const wasmAvailable = (): boolean => get() !== null

/**
 * C = op(A)·op(B) with the WebAssembly kernel, op(A) m×k and op(B) k×n;
 * `transA` means A is stored k×m, likewise `transB`. Returns a fresh
 * row-major m×n buffer, or `undefined` if the kernel cannot take this
 * product. Never writes to `a` or `b`.
 */
export const gemmWasm = (
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  transA: boolean,
  b: Float64Array,
  transB: boolean,
): Float64Array | undefined => {
  const at = productInArena(m, n, k, a, transA, b, transB)
  return at === undefined ? undefined : (get() as Instance).heap.slice(at, at + m * n)
}

/**
 * c + α·op(A)·op(B), with the product from the WebAssembly kernel: a fresh
 * m×n buffer whose entry i is c[i] + α·(AB)[i], each product entry
 * accumulated exactly as `gemmWasm` does, then one rounded multiplication
 * and one rounded addition (the module's `axpy`, two entries per vector),
 * or `undefined` where the kernel cannot take it. c is copied into the
 * arena behind the product, the sum overwrites the product there, and only
 * the sum is copied out: the product is never copied out on its own.
 */
export const gemmAxpyWasm = (
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  transA: boolean,
  b: Float64Array,
  transB: boolean,
  c: Float64Array,
  alpha: number,
): Float64Array | undefined => {
  const at = productInArena(m, n, k, a, transA, b, transB, m * n)
  if (at === undefined) return undefined
  const { heap, axpy } = get() as Instance
  // behind the product; a transposed B's stored copy was there, and the product no longer needs it
  const cAt = at + m * n
  heap.set(c, cAt)
  axpy(8 * cAt, 8 * at, 8 * at, m * n, alpha)
  return heap.slice(at, at + m * n)
}

/**
 * op(A)·op(B) + col, the column added to every column of the product, with
 * the product from the WebAssembly kernel: entry (i, j) is (AB)[i, j] + col[i],
 * added as the product is copied out into the one fresh buffer; or
 * `undefined` where the kernel cannot take it.
 */
export const gemmAddColumnWasm = (
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  transA: boolean,
  b: Float64Array,
  transB: boolean,
  col: Float64Array,
): Float64Array | undefined => {
  const at = productInArena(m, n, k, a, transA, b, transB)
  if (at === undefined) return undefined
  const heap = (get() as Instance).heap
  const out = new Float64Array(m * n)
  for (let i = 0; i < m; i++) {
    const v = col[i] as number
    const o = i * n
    for (let j = 0; j < n; j++) out[o + j] = (heap[at + o + j] as number) + v
  }
  return out
}

/**
 * The columns of x with the given indices side by side, read from xt = xᵀ
 * (one example per row): the rows are copied into the arena one after the
 * other (each a plain copy of contiguous memory) and transposed there by
 * the module's `transpose`, then copied out — the same entries as the
 * JavaScript `gatherColumnsFromTranspose`, which writes the result one
 * strided entry at a time. A fresh features × indices.length buffer, or
 * `undefined` where WebAssembly is unavailable or the batch does not fit.
 * The caller has checked the indices.
 */
export const gatherColumnsWasm = (
  features: number,
  xt: Float64Array,
  indices: ReadonlyArray<number>,
): Float64Array | undefined => {
  const wasm = get()
  const n = indices.length
  if (wasm === null || 2 * features * n > CAPACITY) return undefined
  const { heap, transpose } = wasm
  const rowsAt = features * n
  for (let k = 0; k < n; k++) {
    const o = (indices[k] as number) * features
    heap.set(xt.subarray(o, o + features), rowsAt + k * features)
  }
  transpose(8 * rowsAt, 0, n, features)
  return heap.slice(0, features * n)
}

/**
 * Computes op(A)·op(B) into the arena and returns where it starts, or
 * `undefined` if the kernel cannot; `behind` more entries must fit after the
 * product (the caller's own use of the arena).
 */
const productInArena = (
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  transA: boolean,
  b: Float64Array,
  transB: boolean,
  behind = 0,
): number | undefined => {
  const wasm = get()
  // a transposed B is copied in as it is behind the product, then transposed into place: one more k×n
  if (wasm === null || m * k + k * n + m * n + Math.max(transB ? k * n : 0, behind) > CAPACITY) return undefined
  const { heap, kernel, transpose } = wasm
  const aAt = 0
  const bAt = m * k
  const cAt = bAt + k * n
  heap.set(a, aAt)
  // op(B) must have contiguous rows: B itself when it is stored k×n, its transpose otherwise
  if (!transB) heap.set(b, bAt)
  else {
    const stored = cAt + m * n
    heap.set(b, stored)
    transpose(8 * stored, 8 * bAt, n, k)
  }
  // op(A)[i, p] at a + i·ars + p·aps
  const ars = transA ? 8 : 8 * k
  const aps = transA ? 8 * m : 8
  kernel(m, n, k, 8 * aAt, ars, aps, 8 * bAt, 8 * n, 8 * cAt, 8 * n)
  return cAt
}
