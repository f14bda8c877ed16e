import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { Matrix } from 'nabla'
import { fc } from '@fast-check/vitest'
import { backendsAgree, checkLaw, lawReport, productCases, type ProductCase, type ProductKernel } from 'nabla/laws'
import { gemm as gemmJs } from '../../src/matrix/gemm.js'
import { axpby, gatherColumnsFromTranspose, withColumn } from '../../src/matrix/kernels.js'
import { gemm } from '../../src/matrix/product.js'
import { gemmHex } from '../../src/matrix/wasm/gemmBytes.js'
import {
  gatherColumnsWasm,
  gemmAddColumnWasm,
  gemmAxpyWasm,
  gemmWasm,
  wasmAvailable,
} from '../../src/matrix/wasm/gemmWasm.js'
import { assemble, moduleText } from '../../scripts/build-wasm.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** The WebAssembly kernel, which must run on this machine (Node 20 has WebAssembly SIMD). */
const wasm: ProductKernel = (m, n, k, a, ta, b, tb) => {
  const c = gemmWasm(m, n, k, a, ta, b, tb)
  if (c === undefined) throw new Error('the WebAssembly kernel did not run')
  return c
}

describe('the WebAssembly and JavaScript kernels', () => {
  it('WebAssembly SIMD runs here, and Matrix.backend() says so', () => {
    expect(wasmAvailable()).toBe(true)
    expect(Matrix.backend()).toBe('wasm')
  })

  it('NABLA_BACKEND=js keeps the products in JavaScript, and Matrix.backend() says that too', () => {
    const script = "import('./src/index.ts').then(({ Matrix }) => console.log(Matrix.backend()))"
    const run = (env: Record<string, string>): string =>
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: root,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      }).trim()
    expect(run({ NABLA_BACKEND: 'js' })).toBe('js')
    expect(run({ NABLA_BACKEND: 'wasm' })).toBe('wasm')
  })

  it('backendsAgree: the same float64 in every entry, every shape, every storage order', () => {
    const law = backendsAgree(gemmJs, wasm)
    const report = checkLaw(law, { numRuns: 400 })
    expect(report.failed, lawReport(law, report)).toBe(false)
  })

  it('the product nabla uses is the JavaScript kernel bit for bit, whichever backend runs it', () => {
    const law = backendsAgree(gemmJs, gemm)
    const report = checkLaw(law, { numRuns: 200 })
    expect(report.failed, lawReport(law, report)).toBe(false)
  })

  it('the law catches a WebAssembly kernel that splits the inner sum in two (a different rounding), and shrinks it to a single row', () => {
    // a tempting speed-up: C = op(A)[:, :h]·op(B)[:h, :] + op(A)[:, h:]·op(B)[h:, :], each half by the wasm kernel
    const splitK: ProductKernel = (m, n, k, a, ta, b, tb) => {
      const h = Math.floor(k / 2)
      if (h === 0 || ta || tb) return wasm(m, n, k, a, ta, b, tb)
      const cols = (x: Float64Array, rows: number, width: number, from: number, to: number): Float64Array =>
        Float64Array.from(
          { length: rows * (to - from) },
          (_, i) => x[Math.floor(i / (to - from)) * width + from + (i % (to - from))] as number,
        )
      const first = wasm(m, n, h, cols(a, m, k, 0, h), false, b.slice(0, h * n), false)
      const second = wasm(m, n, k - h, cols(a, m, k, h, k), false, b.slice(h * n), false)
      return first.map((x, i) => x + (second[i] as number))
    }
    // The seed is fixed so that the size asserted is reproducible: shrinking stops at a local
    // minimum that depends on the seed. Over seeds 1–60 it always reached one row, and in 59 of
    // them 1 to 5 columns or inner terms (1×30·30×1 most often, 1×7·7×8 the widest).
    const report = checkLaw(backendsAgree(gemmJs, splitK), { numRuns: 400, seed: 42 })
    expect(report.failed).toBe(true)
    const c = report.counterexample![0]
    expect(c.m).toBe(1)
    expect(Math.min(c.n, c.k)).toBeLessThanOrEqual(5)
  })
})

describe('c + α·op(A)·op(B), the update of a weight matrix by its gradient', () => {
  // c cycles through its own entries; α is any finite number
  const cases = fc.tuple(
    productCases(),
    fc.array(fc.double({ noNaN: true, min: -1e3, max: 1e3 }), { minLength: 1, maxLength: 16 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  )
  type AxpyKernel = (p: ProductCase, w: Float64Array, alpha: number) => Float64Array
  const javascript: AxpyKernel = (p, w, alpha) =>
    axpby(1, w, alpha, gemmJs(p.m, p.n, p.k, p.a, p.transA, p.b, p.transB))
  const agree = (candidate: AxpyKernel) =>
    fc.property(cases, ([p, cs, alpha]) => {
      const w = Float64Array.from({ length: p.m * p.n }, (_, i) => cs[i % cs.length]!)
      const x = javascript(p, w, alpha)
      const y = candidate(p, w, alpha)
      return x.length === y.length && x.every((v, i) => Object.is(v, y[i]))
    })
  const wasmAxpy: AxpyKernel = (p, w, alpha) => {
    const out = gemmAxpyWasm(p.m, p.n, p.k, p.a, p.transA, p.b, p.transB, w, alpha)
    if (out === undefined) throw new Error('the WebAssembly kernel did not run')
    return out
  }
  it('the WebAssembly path (the product and the sum in its memory) is the JavaScript one bit for bit', () => {
    fc.assert(agree(wasmAxpy), { numRuns: 300 })
  })
  it('the property catches a sum rounded differently, c + α·p as α·(c/α + p)', () => {
    const regrouped: AxpyKernel = (p, w, alpha) => {
      const prod = gemmWasm(p.m, p.n, p.k, p.a, p.transA, p.b, p.transB)!
      return prod.map((v, i) => alpha * (w[i]! / alpha + v))
    }
    expect(fc.check(agree(regrouped), { numRuns: 300, seed: 3 }).failed).toBe(true)
  })
  it("op(A)·op(B) + col (a layer's z = wa + b) through the WebAssembly memory is the JavaScript one bit for bit", () => {
    // the column is the first m entries of the cycled c; α is not used
    fc.assert(
      fc.property(cases, ([p, cs]) => {
        const col = Float64Array.from({ length: p.m }, (_, i) => cs[i % cs.length]!)
        const x = withColumn(p.m, p.n, gemmJs(p.m, p.n, p.k, p.a, p.transA, p.b, p.transB), col, 'add', false)
        const y = gemmAddColumnWasm(p.m, p.n, p.k, p.a, p.transA, p.b, p.transB, col)
        return y !== undefined && x.every((v, i) => Object.is(v, y[i]))
      }),
      { numRuns: 300 },
    )
  })
})

describe('the mini-batch gather through the WebAssembly arena', () => {
  // xt: one example per row; a batch: indices into its rows, repeats allowed, in any order
  const batches = fc
    .tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 40 }))
    .chain(([features, examples]) =>
      fc.record({
        features: fc.constant(features),
        xt: fc
          .array(fc.oneof(fc.double(), fc.constantFrom(-0, Number.NaN)), { minLength: 1, maxLength: 32 })
          .map((es) => Float64Array.from({ length: features * examples }, (_, i) => es[i % es.length]!)),
        indices: fc.array(fc.nat({ max: examples - 1 }), { minLength: 1, maxLength: 24 }),
      }),
    )
  type Gather = (features: number, xt: Float64Array, indices: ReadonlyArray<number>) => Float64Array
  const agree = (candidate: Gather) =>
    fc.property(batches, ({ features, xt, indices }) => {
      const x = gatherColumnsFromTranspose(features, xt, indices)
      const y = candidate(features, xt, indices)
      return x.length === y.length && x.every((v, i) => Object.is(v, y[i]))
    })
  const wasmGather: Gather = (features, xt, indices) => {
    const out = gatherColumnsWasm(features, xt, indices)
    if (out === undefined) throw new Error('the WebAssembly gather did not run')
    return out
  }
  it("gives the JavaScript gather's columns bit for bit", () => {
    fc.assert(agree(wasmGather), { numRuns: 200 })
  })
  it("the property catches a gather that keeps the examples as rows (xt's rows, untransposed)", () => {
    const rows: Gather = (features, xt, indices) =>
      Float64Array.from({ length: features * indices.length }, (_, i) => {
        const k = Math.floor(i / features)
        return xt[indices[k]! * features + (i % features)]!
      })
    expect(fc.check(agree(rows), { numRuns: 200, seed: 3 }).failed).toBe(true)
  })
})

describe('the WebAssembly kernel is built from its source, reproducibly', () => {
  it('the committed bytes are what the source assembles to', async () => {
    const bytes = await assemble(`${root}/src/matrix/wasm/gemm.wat`)
    expect(readFileSync(`${root}/src/matrix/wasm/gemmBytes.ts`, 'utf8')).toBe(moduleText('gemm', bytes))
    expect(Buffer.from(bytes).toString('hex')).toBe(gemmHex)
  })

  it('the module is under 4 KB, so browsers compile it synchronously on the main thread', () => {
    expect(gemmHex.length / 2).toBeLessThan(4096)
  })
})

describe('no ArrayBuffer is ever detached', () => {
  // In V8, one detached ArrayBuffer anywhere in a process slows every typed-array loop from then on;
  // --trace-protector-invalidation prints the moment that protector is invalidated.
  // The script is bundled first and run by plain Node: a TypeScript loader such as tsx transfers
  // buffers of its own at start-up, which would hide what nabla does.
  const traced = (script: string): string => {
    const bundle = join(mkdtempSync(join(tmpdir(), 'nabla-detach-')), 'script.mjs')
    buildSync({
      entryPoints: [join(root, script)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      tsconfig: join(root, 'tsconfig.json'),
      logLevel: 'error',
    })
    return execFileSync(process.execPath, ['--trace-protector-invalidation', bundle], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    })
  }

  it('after heavy use: products inside and beyond the arena, gradients, two epochs of training', () => {
    const out = traced('test/matrix/fixtures/heavyUse.ts')
    expect(out).toContain('heavy use done')
    expect(out).not.toMatch(/ArrayBufferDetaching/)
  })

  it('the check sees a detach when there is one (a grown WebAssembly memory)', () => {
    const out = traced('test/matrix/fixtures/detach.ts')
    expect(out).toMatch(/Invalidating protector cell ArrayBufferDetaching/)
  })
})
