/**
 * The reverse-mode gradient of a [784, 30, 10] sigmoid network's mean
 * quadratic cost, `grad(networkCost(quadraticCost))`, against:
 *
 * - nabla's own forward pass, `networkCost(quadraticCost)` (target: grad ≤ 4×
 *   the forward pass, aim 3×);
 * - the hand-written BP1–BP4 gradient in the same kernels,
 *   `backprop(network, quadraticCost)` (target: grad ≤ 1.3× backprop);
 * - TensorFlow.js's `tf.variableGrads` of the same function, float32, on its
 *   CPU backend (target: nabla at least 2× faster) and on its WASM backend.
 *
 * Before a case is timed, nabla's gradient is checked against backprop's
 * (normwise relative difference ≤ 1e-9) and both TF.js backends' against
 * nabla's (≤ 1e-3, float32), and TF.js's tensor count is checked not to grow.
 */
import { Random, quadraticCost, sigmoidActivation, type Rng } from '../src/index.js'
import type { BenchOptions, Benchmark } from './lib/benchmark.js'
import {
  describeNetwork,
  makeProblem,
  nablaCalls,
  parameterArrays,
  relativeDifference,
  tfGradient,
  toTf,
  type NetworkCase,
  type TfProblem,
} from './lib/network.js'
import { fixed, table } from './lib/table.js'
import { initTf, tf, useBackend, type TfBackend } from './lib/tfjs.js'
import { compare, type Contender, type Timing } from './lib/timing.js'

const CASES: ReadonlyArray<NetworkCase> = [10, 100].map((batch) => ({
  sizes: [784, 30, 10],
  hidden: sigmoidActivation,
  output: sigmoidActivation,
  cost: quadraticCost,
  batch,
}))

/** The targets: grad ≤ 4× forward (aim 3), grad ≤ 1.3× backprop, TF.js CPU ≥ 2× slower. */
const TARGET = { gradOverForward: 4, gradOverForwardAim: 3, gradOverBackprop: 1.3, tfCpuOverGrad: 2 } as const

const GRAD_VS_BACKPROP = 1e-9
const TF_VS_NABLA = 1e-3

interface Row {
  readonly case: NetworkCase
  readonly timings: Readonly<Record<string, Timing>>
  /** Normwise relative differences found by the guards. */
  readonly checks: Readonly<Record<string, number>>
}

const ms = (row: Row, name: string): number => row.timings[name]!.medianMs

const runCase = async (c: NetworkCase, rng: Rng, options: BenchOptions): Promise<readonly [Row, Rng]> => {
  const [problem, next] = makeProblem(c, rng)
  const calls = nablaCalls(c, problem)
  const label = `${describeNetwork(c)}, batch ${String(c.batch)}`

  const fromGrad = parameterArrays(calls.grad())
  const checks: Record<string, number> = {
    'grad vs backprop': relativeDifference(fromGrad, parameterArrays(calls.backprop())),
  }
  if (!(checks['grad vs backprop']! <= GRAD_VS_BACKPROP)) {
    throw new Error(`gradient bench: grad and backprop disagree on ${label} (${String(checks['grad vs backprop'])})`)
  }

  const tensorsBefore = tf.memory().numTensors
  const tfProblems = new Map<TfBackend, TfProblem>()
  for (const backend of ['cpu', 'wasm'] as const) {
    await useBackend(backend)
    const t = toTf(problem)
    tfProblems.set(backend, t)
    const d = relativeDifference(tfGradient(t), fromGrad)
    checks[`tfjs-${backend} vs grad`] = d
    if (!(d <= TF_VS_NABLA)) {
      throw new Error(`gradient bench: TF.js ${backend} disagrees with nabla's gradient on ${label} (${String(d)})`)
    }
  }
  const tensorsSetUp = tf.memory().numTensors

  const list: Contender[] = [
    { name: 'grad', call: calls.grad },
    { name: 'forward', call: calls.forward },
    { name: 'backprop', call: calls.backprop },
    ...(['cpu', 'wasm'] as const).map((backend): Contender => ({
      name: `tfjs-${backend}`,
      setup: () => useBackend(backend),
      call: () => tfGradient(tfProblems.get(backend)!),
    })),
  ]
  const timings = await compare(list, options)

  const leaked = tf.memory().numTensors - tensorsSetUp
  if (leaked !== 0) throw new Error(`gradient bench: ${String(leaked)} TF.js tensors leaked per case on ${label}`)
  for (const [backend, t] of tfProblems) {
    await useBackend(backend)
    t.dispose()
  }
  if (tf.memory().numTensors !== tensorsBefore) {
    throw new Error(`gradient bench: TF.js tensors were not disposed on ${label}`)
  }
  return [{ case: c, timings, checks }, next]
}

const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met')

export const benchmark: Benchmark = {
  name: 'gradient',
  description: 'reverse-mode gradient of a [784, 30, 10] sigmoid network vs forward pass, backprop, TF.js (cpu, wasm)',
  run: async (options: BenchOptions) => {
    const info = await initTf()
    const log = options.log
    log(
      `TF.js ${info.version} (float32; wasm: SIMD ${info.wasmSimd ? 'on' : 'off'}, ${String(info.wasmThreads)} thread); ` +
        'nabla float64. Times are medians of one call, in ms.',
    )
    log(
      'grad = grad(networkCost(quadraticCost))(network, x, y); forward = networkCost(quadraticCost)(network, x, y); ' +
        'backprop = backprop(network, quadraticCost)(x, y);',
    )
    log('tfjs-* = tf.variableGrads of the same cost, dataSync() of every gradient, dispose().\n')

    let rng = Random.seed(20_261_103)
    const rows: Row[] = []
    for (const c of CASES) {
      const [row, next] = await runCase(c, rng, options)
      rng = next
      rows.push(row)
      log(`  measured batch ${String(c.batch)}`)
    }
    log('')
    log(
      table(
        [
          'batch',
          'grad ms',
          'forward ms',
          'backprop ms',
          'tfjs-cpu ms',
          'tfjs-wasm ms',
          'grad/forward (≤ 4, aim 3)',
          'grad/backprop (≤ 1.3)',
          'tfjs-cpu/grad (≥ 2)',
          'tfjs-wasm/grad',
        ],
        rows.map((r) => {
          const g = ms(r, 'grad')
          const gf = g / ms(r, 'forward')
          const gb = g / ms(r, 'backprop')
          const cpu = ms(r, 'tfjs-cpu') / g
          const wasm = ms(r, 'tfjs-wasm') / g
          return [
            String(r.case.batch),
            fixed(g, 3),
            fixed(ms(r, 'forward'), 3),
            fixed(ms(r, 'backprop'), 3),
            fixed(ms(r, 'tfjs-cpu'), 3),
            fixed(ms(r, 'tfjs-wasm'), 3),
            `${fixed(gf)}× ${verdict(gf <= TARGET.gradOverForward)}`,
            `${fixed(gb)}× ${verdict(gb <= TARGET.gradOverBackprop)}`,
            `${fixed(cpu)}× ${verdict(cpu >= TARGET.tfCpuOverGrad)}`,
            `${fixed(wasm)}× ${wasm >= 1 ? '(nabla faster)' : '(WASM faster)'}`,
          ]
        }),
      ),
    )
    log(
      '\nChecked before timing (normwise relative difference max‖·‖∞/‖ref‖∞): ' +
        rows
          .map(
            (r) =>
              `batch ${String(r.case.batch)}: ` +
              Object.entries(r.checks)
                .map(([k, v]) => `${k} ${v.toExponential(1)}`)
                .join(', '),
          )
          .join('; '),
    )
    const leaked = tf.memory().numTensors
    if (leaked !== 0) throw new Error(`gradient bench: ${String(leaked)} TF.js tensors were not disposed`)

    return {
      tfjs: info,
      precision: { nabla: 'float64', 'tfjs-cpu': 'float32', 'tfjs-wasm': 'float32' },
      targets: TARGET,
      cases: rows.map((r) => {
        const g = ms(r, 'grad')
        return {
          network: describeNetwork(r.case),
          batch: r.case.batch,
          ratios: {
            gradOverForward: g / ms(r, 'forward'),
            gradOverBackprop: g / ms(r, 'backprop'),
            tfCpuOverGrad: ms(r, 'tfjs-cpu') / g,
            tfWasmOverGrad: ms(r, 'tfjs-wasm') / g,
          },
          checks: r.checks,
          timings: r.timings,
        }
      }),
    }
  },
}
