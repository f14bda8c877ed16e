/**
 * Laws of the optimizers: what decoupled weight decay promises.
 *
 * @module
 */
import * as fc from 'fast-check'
import type { Matrix } from '../../src/matrix/Matrix.js'
import { anyShapeMatrix } from '../arbitraries/matrix.js'
import { adamw } from '../../src/train/optimizers.js'
import { applyUpdates } from '../../src/train/Optimizer.js'
import { Matrix as M } from '../../src/index.js'
import type { Law } from '../law.js'

/** An optimizer with decay λ and learning rate η, as the law below takes it (nabla's `adamw` by default). */
export type DecayingOptimizer = (eta: number, lambda: number) => Stepper

/** What the law needs of an optimizer, whatever its state type. */
export interface Stepper {
  readonly init: (params: unknown) => unknown
  readonly update: <P>(grads: P, state: never, params: P) => readonly [P, unknown]
}

/** A case: weights, η, λ and the number of steps. */
export interface DecayCase {
  readonly w: Matrix
  readonly eta: number
  readonly lambda: number
  readonly steps: number
}

const decayCases = (): fc.Arbitrary<DecayCase> =>
  fc.record({
    w: anyShapeMatrix({ minRows: 1, minCols: 1, maxRows: 3, maxCols: 3 }),
    eta: fc.double({ min: 1e-4, max: 0.5, noNaN: true }),
    lambda: fc.double({ min: 1e-4, max: 0.5, noNaN: true }),
    steps: fc.integer({ min: 1, max: 5 }),
  })

/** The first entry, step by step, whose magnitude grew or whose sign flipped, or undefined. */
const firstGrowth = ({ w, eta, lambda, steps }: DecayCase, make: DecayingOptimizer): string | undefined => {
  const opt = make(eta, lambda)
  const zero = M.zeros(w.rows, w.cols)
  interface Run {
    readonly p: Matrix
    readonly s: unknown
    readonly found: string | undefined
  }
  const run = Array.from({ length: steps }, (_, k) => k + 1).reduce<Run>(
    (r, t) => {
      if (r.found !== undefined) return r
      const [u, next] = opt.update(zero, r.s as never, r.p)
      const q = applyUpdates(r.p, u)
      const [before, after] = [M.toArray(r.p), M.toArray(q)]
      const bad = after.findIndex((x, i) => {
        const b = before[i] as number
        return !(Math.abs(x) <= Math.abs(b)) || (x !== 0 && Math.sign(x) !== Math.sign(b))
      })
      const found =
        bad < 0
          ? undefined
          : `step ${String(t)}: entry ${String(bad)} went from ${String(before[bad])} to ${String(after[bad])}`
      return { p: q, s: next, found }
    },
    { p: w, s: opt.init(w), found: undefined },
  )
  return run.found
}

/**
 * Decoupled weight decay shrinks weights: with a zero gradient, every step
 * of AdamW (any η and λ in (0, ½], any weights) leaves each entry no larger
 * in magnitude and of the same sign — w ← (1 − ηλ)w, exactly in exact
 * arithmetic and monotone under rounding. (Decay added after Adam's step
 * makes |w| grow: 1 → 1.331 in three steps at ηλ = 0.1.)
 *
 * @category optimizer laws
 */
export const decayShrinksWeights = (
  make: DecayingOptimizer = (eta, lambda) => adamw(eta, { weightDecay: lambda }),
): Law<DecayCase> => ({
  name: 'decayShrinksWeights',
  arbitrary: decayCases(),
  holds: (c) => firstGrowth(c, make) === undefined,
  explain: (c) =>
    `η = ${String(c.eta)}, λ = ${String(c.lambda)}, ${String(c.steps)} steps: ${firstGrowth(c, make) ?? ''}`,
})
