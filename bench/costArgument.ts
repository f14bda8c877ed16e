/**
 * Nielsen's argument for backpropagation, measured (Neural Networks and
 * Deep Learning, ch. 2, "In what sense is backpropagation a fast
 * algorithm?"): the gradient by finite differences,
 * ∂C/∂wⱼ ≈ (C(w + ε eⱼ) − C(w)) / ε, costs one forward pass per parameter
 * (plus one for C(w)), where backpropagation costs about two. On his
 * [784, 30, 10] network (23,860 parameters) at a mini-batch of 10, this times
 * one forward pass, one backprop, and the whole finite-difference gradient
 * (every parameter perturbed in turn), and checks that the two gradients
 * agree to the accuracy a forward difference has.
 */
import { Matrix, backprop, networkCost, quadraticCost, sigmoidActivation, Random, type Network } from '../src/index.js'
import type { BenchOptions, Benchmark } from './lib/benchmark.js'
import { makeProblem, parameterArrays, type NetworkCase } from './lib/network.js'
import { fixed, table } from './lib/table.js'
import { compare } from './lib/timing.js'

const CASE: NetworkCase = {
  sizes: [784, 30, 10],
  hidden: sigmoidActivation,
  output: sigmoidActivation,
  cost: quadraticCost,
  batch: 10,
}
const EPSILON = 1e-6

/** The network with parameter k (in the order of parameterArrays) moved by h. */
const nudged = (net: Network, k: number, h: number): Network => {
  let left = k
  return {
    layers: net.layers.map((l) => {
      const move = (m: Matrix): Matrix => {
        const n = m.rows * m.cols
        const here = left >= 0 && left < n ? left : -1
        left -= n
        if (here < 0) return m
        const a = Matrix.toFloat64Array(m)
        a[here] = (a[here] as number) + h
        return Matrix.fromArray(m.rows, m.cols, a)
      }
      const w = move(l.w)
      return { ...l, w, b: move(l.b) }
    }),
  }
}

export const benchmark: Benchmark = {
  name: 'costArgument',
  description:
    "Nielsen's cost argument: the gradient by finite differences (one forward pass per parameter) vs backprop",
  run: async (options: BenchOptions) => {
    const log = options.log
    const [p] = makeProblem(CASE, Random.seed(20_261_201))
    const cost = networkCost(CASE.cost)
    const parameters = p.network.layers.reduce((n, l) => n + l.w.rows * l.w.cols + l.b.rows, 0)
    const finiteDifferences = (): ReadonlyArray<number> => {
      const c0 = cost(p.network, p.x, p.y)
      return Array.from(
        { length: parameters },
        (_, k) => (cost(nudged(p.network, k, EPSILON), p.x, p.y) - c0) / EPSILON,
      )
    }
    const t0 = performance.now()
    const fd = finiteDifferences()
    const fdMs = performance.now() - t0
    const bp = parameterArrays(backprop(p.network, CASE.cost)(p.x, p.y)).flatMap((a) => Array.from(a))
    const scale = Math.max(...bp.map(Math.abs))
    const worst = Math.max(...fd.map((v, i) => Math.abs(v - (bp[i] as number)))) / scale
    // a forward difference is accurate to O(ε) times the curvature: 1e-4 of the largest entry is loose for ε = 1e-6
    if (!(worst < 1e-4))
      throw new Error(`costArgument bench: finite differences and backprop disagree (${String(worst)})`)
    const timings = await compare(
      [
        { name: 'forward', call: () => cost(p.network, p.x, p.y) },
        { name: 'backprop', call: () => backprop(p.network, CASE.cost)(p.x, p.y) },
      ],
      options,
    )
    const forwardMs = timings['forward']!.medianMs
    const backpropMs = timings['backprop']!.medianMs
    log(
      `[784, 30, 10], batch ${String(CASE.batch)}: ${String(parameters)} parameters; ` +
        `finite differences and backprop agree to ${worst.toExponential(1)} of the largest entry\n`,
    )
    log(
      table(
        ['parameters', 'forward ms', 'backprop ms', 'finite-difference gradient ms', 'backprop/forward', 'FD/backprop'],
        [
          [
            String(parameters),
            fixed(forwardMs, 3),
            fixed(backpropMs, 3),
            fixed(fdMs, 0),
            `${fixed(backpropMs / forwardMs)}×`,
            `${fixed(fdMs / backpropMs, 0)}×`,
          ],
        ],
      ),
    )
    return { parameters, forwardMs, backpropMs, finiteDifferenceMs: fdMs, worst, timings }
  },
}
