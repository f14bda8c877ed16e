/**
 * Matrix product: nabla (float64; its WebAssembly SIMD kernel where it
 * runs) against nabla's own JavaScript kernel (`nabla-js`), ml-matrix
 * (float64) and TensorFlow.js's CPU and WASM backends (float32), in one
 * process.
 *
 * Every contender multiplies the same numbers. Before a shape is timed,
 * nabla's product is checked against ml-matrix's (float64 tolerance) and
 * against both TF.js backends (float32 tolerance), so a wrong kernel cannot
 * post a good time. TF.js calls are timed with `dataSync()` (the product
 * really is computed and copied out, as nabla's is) and `dispose()`.
 */
import { Matrix as MlMatrix } from 'ml-matrix'
import { Matrix, Random, type Rng } from '../src/index.js'
import { gemm as gemmJs } from '../src/matrix/gemm.js'
import { preferredBackend } from '../src/matrix/product.js'
import type { BenchOptions, Benchmark } from './lib/benchmark.js'
import { compare, type Contender, type Timing } from './lib/timing.js'
import { initTf, tf, useBackend, type TfBackend, type TfInfo } from './lib/tfjs.js'
import { fixed, table } from './lib/table.js'

type Op = 'matmul' | 'matmulNT' | 'matmulTN'

/** C = op(A)·op(B) with op(A) m×k and op(B) k×n; the operands are stored as the op expects. */
interface Case {
  readonly label: string
  readonly op: Op
  readonly m: number
  readonly k: number
  readonly n: number
}

/** The main table: square sizes and the forward products of the [784, 30, 10] network. */
const MAIN: ReadonlyArray<Case> = [
  { label: '64×64 · 64×64', op: 'matmul', m: 64, k: 64, n: 64 },
  { label: '256×256 · 256×256', op: 'matmul', m: 256, k: 256, n: 256 },
  { label: '512×512 · 512×512', op: 'matmul', m: 512, k: 512, n: 512 },
  { label: '30×784 · 784×10 (w¹x, batch 10)', op: 'matmul', m: 30, k: 784, n: 10 },
  { label: '100×784 · 784×100', op: 'matmul', m: 100, k: 784, n: 100 },
]

/**
 * The transposed products of backpropagation through the first layer of
 * the [784, 30, 10] network (w¹ is 30×784, a batch x is 784×B, δ¹ is 30×B):
 * BP4's δ¹·xᵀ (`matmulNT`) and BP2's (w¹)ᵀ·δ¹ (`matmulTN`), with the forward
 * product for reference.
 */
const TRANSPOSED: ReadonlyArray<Case> = [10, 100].flatMap((batch): ReadonlyArray<Case> => [
  { label: `w¹·x, B=${batch}`, op: 'matmul', m: 30, k: 784, n: batch },
  { label: `δ¹·xᵀ, B=${batch}`, op: 'matmulNT', m: 30, k: batch, n: 784 },
  { label: `(w¹)ᵀ·δ¹, B=${batch}`, op: 'matmulTN', m: 784, k: 30, n: batch },
])

const CONTENDERS = ['nabla', 'nabla-js', 'ml-matrix', 'tfjs-cpu', 'tfjs-wasm'] as const
type ContenderName = (typeof CONTENDERS)[number]
const PEERS = CONTENDERS.filter((c) => c !== 'nabla')

/** Stored shapes of the operands of a case. */
const storedShapes = (c: Case): readonly [readonly [number, number], readonly [number, number]] => {
  switch (c.op) {
    case 'matmul':
      return [
        [c.m, c.k],
        [c.k, c.n],
      ]
    case 'matmulNT':
      return [
        [c.m, c.k],
        [c.n, c.k],
      ]
    case 'matmulTN':
      return [
        [c.k, c.m],
        [c.k, c.n],
      ]
  }
}

const nablaOp = (op: Op): ((a: Matrix, b: Matrix) => Matrix) =>
  op === 'matmul' ? Matrix.matmul : op === 'matmulNT' ? Matrix.matmulNT : Matrix.matmulTN

const mlOp = (op: Op, a: MlMatrix, b: MlMatrix): MlMatrix =>
  op === 'matmul' ? a.mmul(b) : op === 'matmulNT' ? a.mmul(b.transpose()) : a.transpose().mmul(b)

/** Largest violation of |x − y| ≤ atol + rtol·|y| (≤ 0 means every entry is within tolerance). */
const worst = (x: ArrayLike<number>, y: ArrayLike<number>, atol: number, rtol: number): number => {
  if (x.length !== y.length) return Infinity
  let w = -Infinity
  for (let i = 0; i < x.length; i++) {
    const d = Math.abs(x[i]! - y[i]!) - (atol + rtol * Math.abs(y[i]!))
    if (!(d <= w)) w = Number.isNaN(d) ? Infinity : d
  }
  return x.length === 0 ? 0 : w
}

interface Row {
  readonly case: Case
  readonly flops: number
  readonly timings: Readonly<Record<string, Timing>>
  readonly gflops: Readonly<Record<string, number>>
}

const gflops = (flops: number, t: Timing): number => flops / (t.medianMs * 1e6)

/** Builds the inputs of a case, checks every contender's result, and times them. */
const runCase = async (
  c: Case,
  rng: Rng,
  contenders: ReadonlyArray<ContenderName>,
  options: BenchOptions,
  withTransposedCopy: boolean,
): Promise<readonly [Row, Rng]> => {
  const [[ar, ac], [br, bc]] = storedShapes(c)
  const [a, rng1] = Random.uniform(ar, ac, rng, { low: -1, high: 1 })
  const [b, rng2] = Random.uniform(br, bc, rng1, { low: -1, high: 1 })
  const f = nablaOp(c.op)
  const expected = Matrix.toFloat64Array(f(a, b))
  // the JavaScript kernel on the same stored operands; the backends agree bit for bit
  const aStored = Matrix.toFloat64Array(a)
  const bStored = Matrix.toFloat64Array(b)
  const jsKernel = (): Float64Array => gemmJs(c.m, c.n, c.k, aStored, c.op === 'matmulTN', bStored, c.op === 'matmulNT')
  if (!jsKernel().every((x, i) => Object.is(x, expected[i]))) {
    throw new Error(`matmul bench: the ${preferredBackend} and JavaScript kernels disagree on ${c.label}`)
  }

  const mlA = MlMatrix.from1DArray(ar, ac, Matrix.toFloat64Array(a))
  const mlB = MlMatrix.from1DArray(br, bc, Matrix.toFloat64Array(b))
  const fromMl = mlOp(c.op, mlA, mlB).to1DArray()
  // float64 against float64: only the order of the additions differs
  if (worst(expected, fromMl, 1e-12 * c.k, 1e-12) > 0) {
    throw new Error(`matmul bench: nabla's ${c.op} disagrees with ml-matrix on ${c.label}`)
  }

  const tfInputs = new Map<TfBackend, readonly [tf.Tensor2D, tf.Tensor2D]>()
  const tfCall = (backend: TfBackend) => (): Float32Array => {
    const [ta, tb] = tfInputs.get(backend)!
    const tc = tf.matMul(ta, tb, c.op === 'matmulTN', c.op === 'matmulNT')
    const data = tc.dataSync() as Float32Array
    tc.dispose()
    return data
  }
  for (const backend of ['cpu', 'wasm'] as const) {
    if (!contenders.includes(`tfjs-${backend}`)) continue
    await useBackend(backend)
    tfInputs.set(backend, [
      tf.tensor2d(Float32Array.from(Matrix.toFloat64Array(a)), [ar, ac]),
      tf.tensor2d(Float32Array.from(Matrix.toFloat64Array(b)), [br, bc]),
    ])
    // float32 against float64: inputs rounded to 2⁻²⁴ relative, k products summed
    if (worst(tfCall(backend)(), expected, 1e-5 * Math.sqrt(c.k + 1), 1e-4) > 0) {
      throw new Error(`matmul bench: TF.js ${backend} disagrees with nabla on ${c.label}`)
    }
  }

  const list: Contender[] = []
  for (const name of contenders) {
    if (name === 'nabla') list.push({ name, call: () => f(a, b) })
    if (name === 'nabla-js') list.push({ name, call: jsKernel })
    if (name === 'ml-matrix') list.push({ name, call: () => mlOp(c.op, mlA, mlB) })
    if (name === 'tfjs-cpu' || name === 'tfjs-wasm') {
      const backend = name === 'tfjs-cpu' ? 'cpu' : 'wasm'
      list.push({ name, setup: () => useBackend(backend), call: tfCall(backend) })
    }
  }
  if (withTransposedCopy && c.op !== 'matmul') {
    // the same product by plain matmul on operands transposed beforehand
    const at = c.op === 'matmulTN' ? Matrix.transpose(a) : a
    const bt = c.op === 'matmulNT' ? Matrix.transpose(b) : b
    if (worst(Matrix.toFloat64Array(Matrix.matmul(at, bt)), expected, 1e-12 * c.k, 1e-12) > 0) {
      throw new Error(`matmul bench: matmul and ${c.op} disagree on ${c.label}`)
    }
    list.push({ name: 'nabla-matmul', call: () => Matrix.matmul(at, bt) })
  }

  const timings = await compare(list, options)
  tfInputs.forEach(([ta, tb]) => {
    ta.dispose()
    tb.dispose()
  })
  const flops = 2 * c.m * c.n * c.k
  const row: Row = {
    case: c,
    flops,
    timings,
    gflops: Object.fromEntries(Object.entries(timings).map(([name, t]) => [name, gflops(flops, t)])),
  }
  return [row, rng2]
}

const ratio = (row: Row, peer: string): number => row.gflops['nabla']! / row.gflops[peer]!

export const benchmark: Benchmark = {
  name: 'matmul',
  description: 'matrix product, nabla vs ml-matrix and TF.js (cpu, wasm)',
  run: async (options: BenchOptions) => {
    const info: TfInfo = await initTf()
    const log = options.log
    log(
      `TF.js ${info.version}; wasm backend ${info.wasmVersion} from ${info.wasmDir}: ` +
        `SIMD ${info.wasmSimd ? 'on' : 'off'}, threads ${info.wasmThreads}` +
        (info.wasmMultithreadSupported ? '' : ' (TF.js turns wasm threads off under Node)'),
    )
    log(`nabla's backend: ${preferredBackend} (nabla-js: its JavaScript kernel, timed on the same operands)`)
    log('GFLOP/s = 2·m·n·k / median time of one call; ratio = nabla GFLOP/s ÷ peer GFLOP/s (> 1: nabla is faster).\n')

    let rng = Random.seed(20_261_102)
    const main: Row[] = []
    for (const c of MAIN) {
      const [row, next] = await runCase(c, rng, CONTENDERS, options, false)
      rng = next
      main.push(row)
      log(`  measured ${c.label}`)
    }
    log('')
    log(
      table(
        ['A · B', ...CONTENDERS.map((c) => `${c} GFLOP/s`), ...PEERS.map((p) => `nabla/${p}`)],
        main.map((r) => [
          r.case.label,
          ...CONTENDERS.map((c) => fixed(r.gflops[c]!)),
          ...PEERS.map((p) => `${fixed(ratio(r, p))}×`),
        ]),
      ),
    )

    const transposed: Row[] = []
    const tContenders = ['nabla', 'nabla-js', 'tfjs-cpu', 'tfjs-wasm'] as const
    for (const c of TRANSPOSED) {
      const [row, next] = await runCase(c, rng, tContenders, options, true)
      rng = next
      transposed.push(row)
    }
    log('\nBackpropagation products of the first layer of a [784, 30, 10] network (w¹ 30×784, batch x 784×B):\n')
    log(
      table(
        [
          'product',
          'op',
          'm×k·k×n',
          'nabla GFLOP/s',
          'nabla-js',
          'matmul on transposed copy',
          'tfjs-cpu',
          'tfjs-wasm',
          'nabla/tfjs-cpu',
          'nabla/tfjs-wasm',
        ],
        transposed.map((r) => [
          r.case.label,
          r.case.op,
          `${r.case.m}×${r.case.k}·${r.case.k}×${r.case.n}`,
          fixed(r.gflops['nabla']!),
          fixed(r.gflops['nabla-js']!),
          r.gflops['nabla-matmul'] === undefined ? '' : fixed(r.gflops['nabla-matmul']),
          fixed(r.gflops['tfjs-cpu']!),
          fixed(r.gflops['tfjs-wasm']!),
          `${fixed(ratio(r, 'tfjs-cpu'))}×`,
          `${fixed(ratio(r, 'tfjs-wasm'))}×`,
        ]),
      ),
    )
    const leaked = tf.memory().numTensors
    if (leaked !== 0) throw new Error(`matmul bench: ${String(leaked)} TF.js tensors were not disposed`)

    const toJson = (r: Row): unknown => ({
      ...r.case,
      flops: r.flops,
      gflops: r.gflops,
      ratios: Object.fromEntries(PEERS.filter((p) => p in r.gflops).map((p) => [p, ratio(r, p)])),
      timings: r.timings,
    })
    return {
      tfjs: info,
      backend: preferredBackend,
      precision: {
        nabla: 'float64',
        'nabla-js': 'float64',
        'ml-matrix': 'float64',
        'tfjs-cpu': 'float32',
        'tfjs-wasm': 'float32',
      },
      main: main.map(toJson),
      transposed: transposed.map(toJson),
    }
  },
}
