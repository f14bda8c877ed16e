/**
 * Per-example gradients of Nielsen's [784, 30, 10] sigmoid network with the
 * quadratic cost, at batch 100: `vmap(grad(cost), { inAxes: [null, 1, 1],
 * outAxes: 'each' })` against a loop of `grad` over the columns (each
 * example sliced out), and against one gradient of the whole batch for
 * scale. vmap runs the forward and backward passes once on the batch (its
 * batching rules), and only the per-example outer products δⱼaⱼᵀ of BP4,
 * which the result is made of, one by one. Before timing, the vmap
 * gradients are checked to equal the loop's bit for bit.
 */
import { Matrix, grad, networkCost, quadraticCost, sigmoidActivation, vmap, type Network } from '../src/index.js'
import { Random } from '../src/index.js'
import type { BenchOptions, Benchmark } from './lib/benchmark.js'
import { makeProblem, parameterArrays, type NetworkCase } from './lib/network.js'
import { fixed, table } from './lib/table.js'
import { compare } from './lib/timing.js'

const CASE: NetworkCase = {
  sizes: [784, 30, 10],
  hidden: sigmoidActivation,
  output: sigmoidActivation,
  cost: quadraticCost,
  batch: 100,
}

export const benchmark: Benchmark = {
  name: 'perExample',
  description: 'per-example gradients of a [784, 30, 10] network at batch 100: vmap(grad) vs a loop of grad',
  run: async (options: BenchOptions) => {
    const log = options.log
    const [p] = makeProblem(CASE, Random.seed(20_261_201))
    const gradient = grad(networkCost(CASE.cost))
    const perExample = vmap(gradient, { inAxes: [null, 1, 1], outAxes: 'each' })
    const column = (m: Matrix, j: number): Matrix => Matrix.slice(m, 0, m.rows, j, j + 1)
    const calls = {
      vmap: () => perExample(p.network, p.x, p.y) as ReadonlyArray<Network>,
      loop: () => Array.from({ length: CASE.batch }, (_, j) => gradient(p.network, column(p.x, j), column(p.y, j))),
      batch: () => gradient(p.network, p.x, p.y),
    }
    const [a, b] = [calls.vmap(), calls.loop()]
    const same = a.every((g, j) => {
      const [ga, gb] = [parameterArrays(g), parameterArrays(b[j] as Network)]
      return ga.every((arr, k) => Array.from(arr).every((v, i) => Object.is(v, gb[k]?.[i])))
    })
    if (!same) throw new Error('perExample bench: vmap(grad) and the loop of grad disagree')
    const timings = await compare(
      [
        { name: 'vmap', call: calls.vmap },
        { name: 'loop', call: calls.loop },
        { name: 'batch', call: calls.batch },
      ],
      options,
    )
    const ms = (k: string): number => timings[k]!.medianMs
    log('float64, medians of one call in ms; vmap and the loop give the same 100 gradients bit for bit.\n')
    log(
      table(
        ['batch', 'vmap(grad) ms', 'loop of grad ms', 'one batch gradient ms', 'loop/vmap', 'vmap/batch'],
        [
          [
            String(CASE.batch),
            fixed(ms('vmap'), 2),
            fixed(ms('loop'), 2),
            fixed(ms('batch'), 3),
            `${fixed(ms('loop') / ms('vmap'))}×`,
            `${fixed(ms('vmap') / ms('batch'))}×`,
          ],
        ],
      ),
    )
    return {
      batch: CASE.batch,
      timings,
      loopOverVmap: ms('loop') / ms('vmap'),
      vmapOverBatch: ms('vmap') / ms('batch'),
    }
  },
}
