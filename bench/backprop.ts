/**
 * Backpropagation composed by hand from BP1–BP4 (`backprop`) against the
 * reverse-mode gradient of the same cost (`grad(networkCost(cost))`), on
 * the network of Nielsen's chapter 1, a deeper and wider one, and with a
 * softmax output layer and the log-likelihood cost. Same kernels
 * on both sides: the ratio is what the generality of the tape costs (or
 * saves) against the four equations written out.
 *
 * Before a case is timed the two gradients are checked to agree (normwise
 * relative difference ≤ 1e-9).
 */
import { Random, logLikelihoodCost, quadraticCost, sigmoidActivation, softmaxActivation } from '../src/index.js'
import type { BenchOptions, Benchmark } from './lib/benchmark.js'
import {
  describeNetwork,
  makeProblem,
  nablaCalls,
  parameterArrays,
  relativeDifference,
  type NetworkCase,
} from './lib/network.js'
import { fixed, table } from './lib/table.js'
import { compare, type Timing } from './lib/timing.js'

const SHAPES: ReadonlyArray<ReadonlyArray<number>> = [
  [784, 30, 10],
  [784, 100, 100, 10],
]

const OUTPUTS = [
  { output: sigmoidActivation, cost: quadraticCost },
  { output: softmaxActivation, cost: logLikelihoodCost },
] as const

const CASES: ReadonlyArray<NetworkCase> = OUTPUTS.flatMap(({ output, cost }) =>
  SHAPES.flatMap((sizes) =>
    [10, 100].map((batch): NetworkCase => ({ sizes, hidden: sigmoidActivation, output, cost, batch })),
  ),
)

/** grad ≤ 1.3 × backprop: the target for the same pair. */
const TARGET = 1.3
const GRAD_VS_BACKPROP = 1e-9

interface Row {
  readonly case: NetworkCase
  readonly timings: Readonly<Record<string, Timing>>
  readonly difference: number
}

export const benchmark: Benchmark = {
  name: 'backprop',
  description: 'hand-composed backprop (BP1–BP4) vs grad of the same cost, deeper nets and softmax + log-likelihood',
  run: async (options: BenchOptions) => {
    const log = options.log
    log(
      'backprop = backprop(network, cost)(x, y), the four equations (with the closed form δᴸ = (a − y)/n for softmax + ' +
        'log-likelihood); grad = grad(networkCost(cost))(network, x, y). float64, medians of one call in ms.\n',
    )
    let rng = Random.seed(20_261_104)
    const rows: Row[] = []
    for (const c of CASES) {
      const [problem, next] = makeProblem(c, rng)
      rng = next
      const calls = nablaCalls(c, problem)
      const difference = relativeDifference(parameterArrays(calls.grad()), parameterArrays(calls.backprop()))
      if (!(difference <= GRAD_VS_BACKPROP)) {
        throw new Error(
          `backprop bench: grad and backprop disagree on ${describeNetwork(c)}, batch ${String(c.batch)} (${String(difference)})`,
        )
      }
      const timings = await compare(
        [
          { name: 'backprop', call: calls.backprop },
          { name: 'grad', call: calls.grad },
        ],
        options,
      )
      rows.push({ case: c, timings, difference })
      log(`  measured ${describeNetwork(c)}, batch ${String(c.batch)}`)
    }
    const ratio = (r: Row): number => r.timings['grad']!.medianMs / r.timings['backprop']!.medianMs
    log('')
    log(
      table(
        ['network', 'batch', 'backprop ms', 'grad ms', 'grad/backprop (≤ 1.3)', 'max rel. difference'],
        rows.map((r) => [
          describeNetwork(r.case),
          String(r.case.batch),
          fixed(r.timings['backprop']!.medianMs, 3),
          fixed(r.timings['grad']!.medianMs, 3),
          `${fixed(ratio(r))}× ${ratio(r) <= TARGET ? 'met' : 'NOT met'}`,
          r.difference.toExponential(1),
        ]),
      ),
    )
    return {
      target: { gradOverBackprop: TARGET },
      cases: rows.map((r) => ({
        network: describeNetwork(r.case),
        sizes: r.case.sizes,
        batch: r.case.batch,
        gradOverBackprop: ratio(r),
        difference: r.difference,
        timings: r.timings,
      })),
    }
  },
}
