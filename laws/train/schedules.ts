/**
 * Laws of the learning-rate schedules: where a joined schedule is
 * continuous.
 *
 * @module
 */
import * as fc from 'fast-check'
import { warmupCosineDecaySchedule, type Schedule } from '../../src/train/Schedule.js'
import type { Law } from '../law.js'

/** A warm-up-cosine schedule's parameters: init → peak over `warmup` steps, then down to `end` at step `steps`. */
export interface WarmupCosineCase {
  readonly init: number
  readonly peak: number
  readonly warmup: number
  readonly steps: number
  readonly end: number
}

/** A warm-up-cosine schedule maker, as the law takes it (nabla's `warmupCosineDecaySchedule` by default). */
export type WarmupCosineMaker = (init: number, peak: number, warmup: number, steps: number, end: number) => Schedule

const cases = (): fc.Arbitrary<WarmupCosineCase> =>
  fc
    .record({
      init: fc.double({ min: 0, max: 1, noNaN: true }),
      peak: fc.double({ min: 1e-3, max: 1, noNaN: true }),
      warmup: fc.integer({ min: 1, max: 50 }),
      decay: fc.integer({ min: 1, max: 200 }),
      endFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ init, peak, warmup, decay, endFraction }) => ({
      init,
      peak,
      warmup,
      steps: warmup + decay,
      end: peak * endFraction,
    }))

/** u, the unit roundoff of float64. */
const U = 2 ** -53

/** What is wrong at the boundary or the ends, or undefined. */
const problem = (c: WarmupCosineCase, make: WarmupCosineMaker): string | undefined => {
  const eta = make(c.init, c.peak, c.warmup, c.steps, c.end)
  const near = (a: number, b: number, tol: number): boolean => Math.abs(a - b) <= tol
  const ramp = Math.abs(c.peak - c.init) / c.warmup
  const cosineStep = (c.peak - c.end) * 0.5 * (1 - Math.cos(Math.PI / (c.steps - c.warmup)))
  const tol = 8 * U * Math.max(c.peak, c.init)
  const at = (t: number): number => eta(t)
  if (!near(at(0), c.init, tol)) return `η(0) = ${String(at(0))}, not init ${String(c.init)}`
  if (!near(at(c.warmup), c.peak, tol)) return `η(W) = ${String(at(c.warmup))}, not the peak ${String(c.peak)}`
  if (!near(at(c.warmup - 1), at(c.warmup), ramp + tol)) {
    return `η jumps by ${String(at(c.warmup) - at(c.warmup - 1))} into the boundary (one step of the ramp is ${String(ramp)})`
  }
  if (!near(at(c.warmup + 1), at(c.warmup), cosineStep + tol)) {
    return `η jumps by ${String(at(c.warmup + 1) - at(c.warmup))} out of the boundary (one step of the cosine is at most ${String(cosineStep)})`
  }
  if (!near(at(c.steps), c.end, tol)) return `η(T) = ${String(at(c.steps))}, not end ${String(c.end)}`
  return undefined
}

/**
 * Optax's warm-up-cosine schedule is continuous where its definition makes
 * it so: it starts at `init`, reaches the peak at the boundary W (the
 * ramp's last value and the cosine's first are both the peak), moves by no
 * more than one step of the ramp into W and one step of the cosine out of
 * it, and ends at `end` at step T. Each value is within 8u·max(init, peak)
 * of the exact one (u = 2⁻⁵³; α = end/peak, 1 − α, the cosine, the sums and
 * the products round a handful of times, every term at most that large). A join
 * that hands the cosine the absolute step instead of the step since the
 * boundary, so that the decay starts W steps late and from below the peak,
 * fails.
 *
 * @category schedule laws
 */
export const warmupCosineIsContinuous = (
  make: WarmupCosineMaker = warmupCosineDecaySchedule,
): Law<WarmupCosineCase> => ({
  name: 'warmupCosineIsContinuous',
  arbitrary: cases(),
  holds: (c) => problem(c, make) === undefined,
  explain: (c) => problem(c, make) ?? '',
})
