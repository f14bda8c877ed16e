/**
 * One training epoch of Nielsen's chapter-1 set-up on Fashion-MNIST:
 * a [784, 30, 10] sigmoid network, the quadratic cost, plain SGD
 * with mini-batches of 10 and η = 3.0, weights and biases drawn from N(0, 1),
 * the 60,000 training images shuffled with a fixed seed.
 *
 * - nabla: `trainEpoch` of src/train with `backpropLoss(quadraticCost)`,
 *   `sgd(3.0)` and `datasetSource(train)`, float64. With plain SGD the
 *   trainer takes each step through the loss's fused `sgdStep`
 *   (`sgdBackpropStep`): the forward pass, BP1 and BP2, then the updates
 *   w + (−η)·δaᵀ and b + (−η)·Σδ without any gradient matrix in between,
 *   bit for bit the gradient followed by the update (the tests check this
 *   on random networks and over a training epoch);
 * - NumPy (bench/numpy/epoch.py, float64), the same algorithm twice: looping
 *   over the examples of each mini-batch as Nielsen's network.py does, and
 *   vectorized over the mini-batch (columns are examples). Each runs in its
 *   own `python3` process, as-is and once more with OPENBLAS_CORETYPE and
 *   OPENBLAS_L2_SIZE removed from that one process's environment (this
 *   machine sets them for old OpenBLAS builds; they hold a current one back).
 *
 * Only the epoch is timed (the data is loaded and prepared before, the test
 * accuracy measured after), by the wall clock and by the CPU time of the
 * process (all threads: GC helpers, OpenBLAS threads), which other jobs on a
 * busy machine disturb less. The contenders run in interleaved rounds (nabla,
 * NumPy …, then again), and the median over the rounds is reported, with
 * the test accuracy after the epoch as a sanity check. Where python3 with
 * NumPy is missing, the NumPy rows are skipped with a printed line.
 */
import { spawnSync } from 'node:child_process'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Random, initNetwork, quadraticCost, sigmoidActivation } from '../src/index.js'
import { backpropLoss, datasetSource, initTrainState, trainEpoch, trainStep } from '../src/train/namespaces/Train.js'
import { evaluate } from '../src/train/namespaces/Evaluate.js'
import { sgd } from '../src/train/namespaces/Optim.js'
import { FASHION_MNIST_DIR, loadFashionMnist } from '../src/node.js'
import type { BenchOptions, Benchmark } from './lib/benchmark.js'
import { fixed, table } from './lib/table.js'
import { median } from './lib/timing.js'

const SIZES = [784, 30, 10] as const
const BATCH = 10
const ETA = 3.0
const SEED = 20_261_105
/** Steps taken before the first timed epoch, so that the JIT has compiled the training code (not timed). */
const WARM_UP_STEPS = 300

const here = dirname(fileURLToPath(import.meta.url))
const SCRIPT = join(here, 'numpy', 'epoch.py')

/** A NumPy variant: the implementation and whether the OpenBLAS variables are removed from its environment. */
interface NumpyVariant {
  readonly name: string
  readonly impl: 'per-example' | 'vectorized'
  readonly unsetOpenblasEnv: boolean
}

const NUMPY: ReadonlyArray<NumpyVariant> = [
  { name: 'numpy-per-example', impl: 'per-example', unsetOpenblasEnv: false },
  { name: 'numpy-per-example (env unset)', impl: 'per-example', unsetOpenblasEnv: true },
  { name: 'numpy-vectorized', impl: 'vectorized', unsetOpenblasEnv: false },
  { name: 'numpy-vectorized (env unset)', impl: 'vectorized', unsetOpenblasEnv: true },
]

const OPENBLAS_VARS = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'] as const

/** What bench/numpy/epoch.py prints. */
interface NumpyRun {
  readonly seconds: ReadonlyArray<number>
  readonly cpu_seconds: ReadonlyArray<number>
  readonly accuracy: number
  readonly numpy: string
  readonly python: string
  readonly blas: string
  readonly library?: string
  readonly corename?: string
  readonly threads?: number
  readonly env: Readonly<Record<string, string | null>>
}

const python = (): string | undefined => {
  const probe = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' })
  return probe.status === 0 ? probe.stdout.trim() : undefined
}

const runNumpy = (v: NumpyVariant): NumpyRun => {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !(v.unsetOpenblasEnv && (OPENBLAS_VARS as ReadonlyArray<string>).includes(k)),
    ),
  )
  const args = [
    SCRIPT,
    '--impl',
    v.impl,
    '--dir',
    FASHION_MNIST_DIR,
    '--sizes',
    SIZES.join(','),
    '--batch',
    String(BATCH),
    '--eta',
    String(ETA),
    '--seed',
    String(SEED),
  ]
  const r = spawnSync('python3', args, { env, encoding: 'utf8', maxBuffer: 1 << 20 })
  if (r.status !== 0) throw new Error(`epoch bench: ${v.name} failed (${String(r.status)}):\n${r.stderr}`)
  const last = r.stdout.trim().split('\n').at(-1) ?? ''
  return JSON.parse(last) as NumpyRun
}

interface Sample {
  /** Wall-clock seconds of the epoch. */
  readonly seconds: number
  /** CPU seconds of the process during the epoch. */
  readonly cpuSeconds: number
  readonly accuracy: number
}

/** Runs f, returning its result with the wall-clock and CPU seconds it took. */
const timed = <T>(f: () => T): readonly [T, number, number] => {
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const out = f()
  const seconds = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  return [out, seconds, (cpu.user + cpu.system) / 1e6]
}

const load1 = (): string => loadavg()[0]!.toFixed(2)

export const benchmark: Benchmark = {
  name: 'epoch',
  description: "one SGD epoch of Nielsen's [784, 30, 10] set-up on Fashion-MNIST, nabla vs NumPy",
  run: async (options: BenchOptions) => {
    const log = options.log
    const rounds = options.epochRounds
    log(
      `[${SIZES.join(', ')}] sigmoid, quadratic cost, SGD, mini-batch ${String(BATCH)}, η = ${String(ETA)}, ` +
        `weights and biases N(0, 1), 60,000 training images shuffled with seed ${String(SEED)}; ` +
        `${String(rounds)} interleaved round(s), one epoch per contender per round; float64 everywhere.`,
    )
    const loaded = await loadFashionMnist()()
    if (loaded._tag === 'Left') {
      log(`skipped: Fashion-MNIST could not be loaded: ${loaded.left}`)
      return { skipped: loaded.left }
    }
    const { train, test } = loaded.right

    const numpyVersion = python()
    if (numpyVersion === undefined) {
      log('skipping the NumPy contenders: `python3 -c "import numpy"` fails on this machine (nabla is timed alone).')
    }
    const numpy = numpyVersion === undefined ? [] : NUMPY

    // nabla: the trainer of src/train; the data source keeps xᵀ (made here, not timed)
    const optimizer = sgd(ETA)
    const trainer = {
      lossAndGrad: backpropLoss(quadraticCost),
      optimizer,
      data: datasetSource(train),
      batchSize: BATCH,
    }
    const epoch = trainEpoch(trainer)
    const [network, rng] = initNetwork(SIZES as ReadonlyArray<number>, sigmoidActivation, Random.seed(SEED), 'standard')
    const start = initTrainState(network, optimizer, rng)
    const step = trainStep(trainer)
    Array.from({ length: WARM_UP_STEPS }).reduce<typeof start>((s) => step(s), start)
    const nabla = (): Sample => {
      const [end, seconds, cpuSeconds] = timed(() => epoch(start))
      return { seconds, cpuSeconds, accuracy: evaluate(end.params, quadraticCost, test).accuracy }
    }
    const NABLA = 'nabla (src/train)'
    const samples = new Map<string, Sample[]>([[NABLA, []], ...numpy.map((v): [string, Sample[]] => [v.name, []])])
    const numpyRuns = new Map<string, NumpyRun>()
    const loads: string[] = []
    for (let r = 0; r < rounds; r++) {
      loads.push(load1())
      samples.get(NABLA)!.push(nabla())
      for (const v of numpy) {
        const run = runNumpy(v)
        numpyRuns.set(v.name, run)
        samples.get(v.name)!.push({ seconds: run.seconds[0]!, cpuSeconds: run.cpu_seconds[0]!, accuracy: run.accuracy })
      }
      log(`  round ${String(r + 1)} done (1-minute load average at its start: ${loads.at(-1)!})`)
    }

    const seconds = (name: string): number => median(samples.get(name)!.map((s) => s.seconds))
    const cpuSeconds = (name: string): number => median(samples.get(name)!.map((s) => s.cpuSeconds))
    const names = [...samples.keys()]
    log('')
    log(
      table(
        [
          'contender',
          's/epoch (median)',
          'fastest',
          'CPU s/epoch',
          'accuracy after 1 epoch',
          'nabla/contender',
          'nabla/contender, CPU',
        ],
        names.map((name) => {
          const s = samples.get(name)!
          const accs = [...new Set(s.map((x) => x.accuracy.toFixed(4)))]
          return [
            name,
            fixed(seconds(name)),
            fixed(Math.min(...s.map((x) => x.seconds))),
            fixed(cpuSeconds(name)),
            accs.join(', '),
            name === NABLA ? '' : `${fixed(seconds(NABLA) / seconds(name))}×`,
            name === NABLA ? '' : `${fixed(cpuSeconds(NABLA) / cpuSeconds(name))}×`,
          ]
        }),
      ),
    )
    const targets: Record<string, number> = {}
    if (numpy.length > 0) {
      const ratios = (peer: string): readonly [number, number] => [
        seconds(NABLA) / seconds(peer),
        cpuSeconds(NABLA) / cpuSeconds(peer),
      ]
      const [perExample, perExampleCpu] = ratios('numpy-per-example (env unset)')
      const [vectorized, vectorizedCpu] = ratios('numpy-vectorized (env unset)')
      Object.assign(targets, { perExample, perExampleCpu, vectorized, vectorizedCpu })
      log(
        `\nReported (NumPy with the OpenBLAS variables unset): nabla/per-example ${fixed(perExample)}× ` +
          `(CPU ${fixed(perExampleCpu)}×; target < 1: ${perExample < 1 ? 'met' : 'NOT met'}), ` +
          `nabla/vectorized ${fixed(vectorized)}× (CPU ${fixed(vectorizedCpu)}×).`,
      )
      const blas = (name: string): string => {
        const run = numpyRuns.get(name)!
        const env = OPENBLAS_VARS.map((k) => `${k}=${run.env[k] ?? '(unset)'}`).join(' ')
        return `${env} → OpenBLAS kernel ${run.corename ?? '?'}, ${String(run.threads ?? '?')} threads`
      }
      const any = numpyRuns.get('numpy-vectorized')!
      log(
        `NumPy ${any.numpy} (Python ${any.python}), BLAS ${any.blas} (${any.library ?? 'library not found'}); ` +
          `as-is: ${blas('numpy-vectorized')}; unset: ${blas('numpy-vectorized (env unset)')}.`,
      )
    }
    log(
      "nabla's step is the trainer's fused plain-SGD step (`sgdBackpropStep`): no gradient matrix is made, the " +
        'update of each weight matrix is summed in WebAssembly memory next to its product, and the mini-batch is ' +
        'gathered there from the rows of xᵀ; the result is bit for bit that of the gradient followed by w + (−η)·g.',
    )
    log(
      `Accuracy: on the 10,000 test images after the one epoch. nabla's generator (Threefry-4×32) and NumPy's (PCG64) ` +
        'draw different initial networks and shuffles, so the accuracies differ by chance (one epoch of this set-up ' +
        'ends anywhere between about 0.66 and 0.81 depending on the seed).',
    )

    return {
      setup: { sizes: SIZES, batch: BATCH, eta: ETA, seed: SEED, init: 'N(0, 1)', warmUpSteps: WARM_UP_STEPS },
      rounds,
      loadAverageAtRounds: loads.map(Number),
      reported: 'NumPy with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset',
      ratios: { nablaOver: targets },
      contenders: Object.fromEntries(
        names.map((name) => [
          name,
          {
            medianSeconds: seconds(name),
            medianCpuSeconds: cpuSeconds(name),
            samples: samples.get(name)!,
            numpy: numpyRuns.get(name),
          },
        ]),
      ),
    }
  },
}
