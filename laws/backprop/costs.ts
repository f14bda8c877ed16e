/**
 * Laws of the costs with their canonical output activations (cross-entropy
 * with sigmoid, log-likelihood with softmax): computed from the output
 * layer's weighted input z, the cost equals the textbook formula of
 * a = σ(z) wherever that formula is accurate, and it stays finite — value,
 * gradient and BP1's δᴸ — for every finite z, saturated outputs against the
 * wrong label included, where the formula of a takes ln 0.
 *
 * @module
 */
import * as fc from 'fast-check'
import {
  Matrix,
  activations,
  crossEntropyCost,
  grad,
  isClose,
  logLikelihoodCost,
  outputCost,
  outputErrorOf,
  type Cost,
  type Tolerance,
} from '../../src/index.js'
import type { Law } from '../law.js'

/** A cost case: the output layer's weighted inputs z and targets y, one example per column. */
export interface CostCase {
  readonly z: Matrix
  readonly y: Matrix
}

const MAX_ROWS = 4
const MAX_COLS = 3

/**
 * Cases of at most 4×3 entries, drawn at full size and cut to rows×cols (so
 * that shrinking the shape and the entries are independent, and a failure
 * shrinks to its smallest shape). Targets are what each cost is meant for:
 * one-hot columns for the log-likelihood, entries in [0, 1] for
 * cross-entropy.
 */
const costCases = (cost: Cost, z: fc.Arbitrary<number>): fc.Arbitrary<CostCase> =>
  fc
    .record({
      rows: fc.integer({ min: 1, max: MAX_ROWS }),
      cols: fc.integer({ min: 1, max: MAX_COLS }),
      zs: fc.array(z, { minLength: MAX_ROWS * MAX_COLS, maxLength: MAX_ROWS * MAX_COLS }),
      labels: fc.array(fc.nat({ max: MAX_ROWS - 1 }), { minLength: MAX_COLS, maxLength: MAX_COLS }),
      ys: fc.array(fc.constantFrom(0, 1, 0.25, 0.5), {
        minLength: MAX_ROWS * MAX_COLS,
        maxLength: MAX_ROWS * MAX_COLS,
      }),
    })
    .map(({ rows, cols, zs, labels, ys }) => ({
      z: Matrix.generate(rows, cols, (i, j) => zs[i * MAX_COLS + j] as number),
      y:
        cost.name === 'logLikelihood'
          ? Matrix.generate(rows, cols, (i, j) => ((labels[j] as number) % rows === i ? 1 : 0))
          : Matrix.generate(rows, cols, (i, j) => ys[i * MAX_COLS + j] as number),
    }))

const canonicalActivation = (cost: Cost): (typeof activations)[keyof typeof activations] => {
  if (cost.canonical === undefined) throw new RangeError(`the cost ${cost.name} has no canonical activation`)
  return activations[cost.canonical]
}

/** C of the output layer, with the cost's canonical activation: from z when the cost knows how. */
const costAt = (cost: Cost, { z, y }: CostCase): number => {
  const act = canonicalActivation(cost)
  return outputCost(cost, act, z, act.sigma(z), y)
}

/**
 * Where the textbook formula is accurate (|z| ≤ 8, outputs far from 0 and
 * 1), the cost from z equals C(σ(z), y): the two are the same function,
 * apart from a few roundings (relative 10⁻¹², as the terms are of order 1
 * to 10 and a handful of operations each).
 *
 * @category backpropagation laws
 */
export const costFromZMatchesCostOfActivation = (
  cost: Cost,
  tol: Tolerance = { atol: 1e-12, rtol: 1e-12 },
): Law<CostCase> => ({
  name: `${cost.name}: costFromZMatchesCostOfActivation`,
  arbitrary: costCases(
    cost,
    fc.integer({ min: -8 * 64, max: 8 * 64 }).map((k) => k / 64),
  ),
  holds: (c) => isClose(costAt(cost, c), cost.C(canonicalActivation(cost).sigma(c.z), c.y), tol),
  explain: (c) =>
    `from z: ${String(costAt(cost, c))}, from a: ${String(cost.C(canonicalActivation(cost).sigma(c.z), c.y))}`,
})

/**
 * For every finite z (here |z| ≤ 1000, where σ(z) rounds to exactly 0 or
 * 1), the cost, its gradient with respect to z and BP1's δᴸ are finite.
 *
 * @category backpropagation laws
 */
export const costStaysFiniteWhereTheMathIs = (cost: Cost): Law<CostCase> => {
  const values = (c: CostCase): ReadonlyArray<number> => {
    const act = canonicalActivation(cost)
    const g = grad((z: Matrix) => costAt(cost, { z, y: c.y }))(c.z)
    const delta = outputErrorOf(cost, act, c.z, act.sigma(c.z), c.y)
    return [costAt(cost, c), ...Matrix.toArray(g), ...Matrix.toArray(delta)]
  }
  return {
    name: `${cost.name}: costStaysFiniteWhereTheMathIs`,
    arbitrary: costCases(cost, fc.oneof(fc.constantFrom(1000, -1000, 40, -40), fc.integer({ min: -1000, max: 1000 }))),
    holds: (c) => values(c).every(Number.isFinite),
    explain: (c) =>
      `z = ${JSON.stringify(Matrix.toRows(c.z))}, y = ${JSON.stringify(Matrix.toRows(c.y))}: [${values(c).join(', ')}]`,
  }
}

/** Both laws for both costs that have a canonical activation. @category backpropagation laws */
export const costLaws = (): ReadonlyArray<Law<CostCase>> =>
  [crossEntropyCost, logLikelihoodCost].flatMap((cost) => [
    costFromZMatchesCostOfActivation(cost),
    costStaysFiniteWhereTheMathIs(cost),
  ])
