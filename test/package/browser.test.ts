// nabla in a browser. Every entry point but nabla/node bundles with esbuild for the browser with no
// externals (no Node built-in is reachable, and fp-ts comes once, as ES modules); and a program
// bundled that way runs in Chromium and computes what it computes in Node, bit for bit.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type BuildOptions, type Metafile } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, type Browser } from '../helpers/browser.js'
import { sourceOf } from '../helpers/entryPoints.js'
import { chromium, needs } from '../helpers/system.js'
import { run, type ProgramResult } from './browserProgram.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** esbuild for a browser, everything bundled; `nabla/…` resolves to the sources through tsconfig.json `paths`. */
const browserBuild = (options: BuildOptions) =>
  build({
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: root,
    tsconfig: join(root, 'tsconfig.json'),
    ...options,
  })

/** The files that put bytes into the bundle. */
const contributors = (metafile: Metafile): ReadonlyArray<string> =>
  Object.values(metafile.outputs).flatMap((out) =>
    Object.entries(out.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  )

describe('browser bundles', () => {
  it.each(['nabla', 'nabla/train', 'nabla/data', 'nabla/extend', 'nabla/matrix', 'nabla/dataset', 'nabla/laws'])(
    '%s bundles for the browser with no externals, with fp-ts and io-ts as ES modules only',
    async (name) => {
      const result = await browserBuild({ entryPoints: [sourceOf(name)] })
      const inputs = Object.keys(result.metafile?.inputs ?? {})
      expect(result.errors).toEqual([])
      expect(inputs.filter((f) => /node_modules\/(fp-ts|io-ts)\/lib\//.test(f))).toEqual([])
      // nabla/extend needs no fp-ts at all; the others decode data with it
      expect(inputs.some((f) => f.includes('node_modules/fp-ts/es6/'))).toBe(name !== 'nabla/extend')
    },
  )

  it('nabla/node does not: it reads files, and esbuild says which Node built-ins it needs', async () => {
    const failure: unknown = await browserBuild({ entryPoints: [sourceOf('nabla/node')] }).catch((e: unknown) => e)
    const errors = (failure as { readonly errors?: ReadonlyArray<{ readonly text: string }> }).errors ?? []
    expect(errors.map((e) => e.text)).toEqual(expect.arrayContaining([expect.stringMatching(/"node:fs\/promises"/)]))
  })

  it('`grad` alone leaves out backprop, the numeric checks and fp-ts', async () => {
    const result = await browserBuild({
      stdin: { contents: `export { grad } from 'nabla'`, resolveDir: root, loader: 'ts' },
    })
    const files = contributors(result.metafile ?? { inputs: {}, outputs: {} })
    expect(files.some((f) => f.startsWith('src/ad/'))).toBe(true)
    expect(files.filter((f) => /^src\/(backprop|numeric|train|data)\/|node_modules\//.test(f))).toEqual([])
  })
})

describe('a bundled program in Chromium', () => {
  const present = needs(chromium)
  let browser: Browser | undefined
  let inPage: ProgramResult | undefined

  beforeAll(async () => {
    if (!present) return
    const bundle = await browserBuild({
      entryPoints: [join(root, 'test/package/browserProgram.ts')],
      format: 'iife',
      globalName: 'nablaProgram',
    })
    const code = bundle.outputFiles?.[0]?.text ?? ''
    browser = await launchChromium()
    const page = await browser.context.newPage()
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    await page.setContent('<!doctype html><title>nabla</title>')
    await page.addScriptTag({ content: code })
    inPage = await page.evaluate(() =>
      (globalThis as unknown as { nablaProgram: { run: () => ProgramResult } }).nablaProgram.run(),
    )
    expect(problems).toEqual([])
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
  })

  it('runs the products on the WebAssembly SIMD kernel, as Node does', () => {
    expect(run().backend).toBe('wasm')
    expect(inPage?.backend).toBe('wasm')
  })

  it('computes the CS231n gradient: the closed form 2(Wx)xᵀ, and the same bits as Node', () => {
    expect(inPage?.gradient).toEqual(run().gradient)
    // the published values, up to the rounding of a few float64 operations on numbers below 1 (ulp ≈ 2.8e-17)
    const values = (inPage?.gradient ?? []).flat().map((v) => Number(v))
    expect(values).toHaveLength(4)
    ;[0.088, 0.176, 0.104, 0.208].forEach((v, i) => {
      expect(Math.abs((values[i] ?? Number.NaN) - v)).toBeLessThan(1e-15)
    })
  })

  it('decodes the embedded digits (gzip and all) and trains an epoch on them exactly as Node does', () => {
    const node = run()
    expect(inPage?.digits).toEqual({ rows: 64, cols: 1797, labelCounts: node.digits.labelCounts })
    // The same float64 operations in the same order, but Chromium's V8 and Node's may round Math.exp
    // and Math.log differently in the last bit (measured: the epoch's mean loss 1 ulp apart, 1e-16
    // relative); 1e-12 leaves room for that and for nothing a real difference would make.
    expect(Math.abs(Number(inPage?.trainLoss) - Number(node.trainLoss))).toBeLessThan(1e-12 * Number(node.trainLoss))
    // the held-out accuracy counts predictions: 1 ulp moves none of them
    expect(inPage?.accuracy).toBe(node.accuracy)
  })

  it('differentiates a primitive declared with nabla/extend: d/dv v³ = 3v²', () => {
    expect(inPage?.cube).toEqual(['3', '12', '0.75'])
  })
})
