/**
 * Nielsen's argument for backpropagation (Neural Networks and Deep
 * Learning, ch. 2, "In what sense is backpropagation a fast algorithm?"),
 * counted and timed on the network that `nabla gradcheck` checks: the
 * gradient by central differences takes two forward passes per parameter,
 * C(w + h·eⱼ) and C(w − h·eⱼ), where backpropagation takes one forward and
 * one backward pass for all of them.
 *
 * @module
 */
import { numericGradient } from '../../numeric/finiteDifference.js'
import { fmt } from '../io.js'

/** What the central-difference gradient and backpropagation cost on one network. */
export interface CostArgument<P> {
  /** ∇C by central differences, one entry of the parameters at a time. */
  readonly gradient: P
  /** The forward passes (evaluations of C) that gradient took, counted. */
  readonly passes: number
  /** Its time, in milliseconds. */
  readonly differencesMs: number
  /** The mean time of one backpropagation, in milliseconds. */
  readonly backpropMs: number
  /** The backpropagations timed for that mean. */
  readonly backpropRuns: number
}

/** The least time over which backpropagation is timed: one run of a small network is too short to time alone. */
const MIN_TIMED_MS = 10

/**
 * The gradient of `cost` at `params` by central differences, with the
 * forward passes it took and its time, and the mean time of `backprop`
 * (run in doubling rounds until the runs have taken {@link MIN_TIMED_MS}).
 */
export const measureCostArgument = <P>(
  cost: (params: P) => number,
  params: P,
  backprop: () => unknown,
): CostArgument<P> => {
  let passes = 0
  const counted = (p: P): number => {
    passes += 1
    return cost(p)
  }
  const t0 = performance.now()
  const gradient = numericGradient(counted, params)
  const differencesMs = performance.now() - t0
  let runs = 0
  let elapsed = 0
  for (let round = 1; elapsed < MIN_TIMED_MS; round *= 2) {
    const start = performance.now()
    for (let k = 0; k < round; k++) backprop()
    elapsed += performance.now() - start
    runs += round
  }
  return { gradient, passes, differencesMs, backpropMs: elapsed / runs, backpropRuns: runs }
}

/** Milliseconds with three significant digits. */
const ms = (t: number): string => `${fmt(t, 3)} ms`

/** The lines `nabla gradcheck` prints about the cost argument, for a network of `parameters` parameters. */
export const costArgumentLines = (argument: CostArgument<unknown>, parameters: number): ReadonlyArray<string> => {
  const { passes, differencesMs, backpropMs, backpropRuns } = argument
  const each = passes / parameters
  const perParameter = each === 2 ? 'two per parameter' : `${fmt(each, 3)} per parameter`
  return [
    `cost argument: the whole gradient by central differences took ${String(passes)} forward passes ` +
      `for ${String(parameters)} parameters (${perParameter});`,
    '  backprop takes one forward and one backward pass for all of them',
    `measured: central differences ${ms(differencesMs)}, backprop ${ms(backpropMs)} ` +
      `(mean of ${String(backpropRuns)} runs): ${fmt(differencesMs / backpropMs, 3)}× backprop's time`,
  ]
}
