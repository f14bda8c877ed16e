/**
 * The program laws on nabla's own operations, and on operations broken on
 * purpose: each law family must catch a wrong rule and shrink the failure
 * to a program of at most three steps.
 */
import { either as E } from 'fp-ts'
import { describe, expect, it } from 'vitest'
import type { NonFinite } from 'nabla'
import { entries } from '../../src/numeric/treeMath.js'
import {
  evalTraced,
  grad,
  linearize,
  neg,
  slice,
  stackCols,
  stopGradient,
  sub,
  mul,
  square,
  vmap,
  where,
} from '../../src/ad/index.js'
import { bind } from '../../src/extend.js'
import { zerosLike } from '../../src/ad/core.js'
import { mapLeaves } from '../../src/ad/Tree.js'
import { broadcastTo } from '../../src/ad/ops/sums.js'
import type { Matrix } from '../../src/matrix/Matrix.js'
import { addPrim } from '../../src/ad/ops/add.js'
import { mulPrim } from '../../src/ad/ops/mul.js'
import { reshapePrim, type ReshapeParams } from '../../src/ad/ops/reshape.js'
import { subPrim } from '../../src/ad/ops/sub.js'
import { tanhPrim } from '../../src/ad/ops/tanh.js'
import type { AnyValue, Primitive, Value } from '../../src/ad/core.js'
import { unbroadcast } from '../../src/ad/ops/sums.js'
import {
  checkLaw,
  lawReport,
  nablaOps,
  programDerivativesKeepStructure,
  programHvpAgreesFourWays,
  programHvpMatchesFiniteDifferenceOfGrad,
  programJacobiansAgree,
  programJvpMatchesCentralDifference,
  programLaws,
  programArgnumsAgreeWithClosures,
  programCheckFiniteFindsFirstNonFinite,
  programVmapMapsExamples,
  type Vmapper,
  programLinearizeMatchesJvp,
  programTransposedLinearizationIsVjp,
  type Linearize,
  programThirdDerivativesAgree,
  programTraceEvaluatesBitForBit,
  type TracedEvaluator,
  programVjpIsAdjointOfJvp,
  type ArgnumsGrad,
  type FiniteChecker,
  type Law,
  type ProgramOps,
  type SeededProgram,
} from 'nabla/laws'

/** Runs per law: each run is a whole program under several transforms; ~1 s per law on 2 cores. */
const RUNS = 500

describe.each(programLaws().map((law) => [law.name, law] as const))('on random programs: %s', (_, law) => {
  it('holds', () => {
    const report = checkLaw(law, { numRuns: RUNS })
    expect(report.failed, lawReport(law, report)).toBe(false)
  })
})

/**
 * The number of steps of the shrunk counterexample's program. The seed is fixed so that the size
 * asserted is reproducible; over 30 seeds every broken rule below was caught, in at most 3 steps.
 */
const stepsOf = (law: Law<SeededProgram>, numRuns = 1000): number => {
  const report = checkLaw(law, { numRuns, seed: 42 })
  expect(report.failed, `${law.name} should have caught the broken rule`).toBe(true)
  const [c] = report.counterexample?.[0] ?? []
  return c?.program.steps.length ?? Number.POSITIVE_INFINITY
}

/** The fields of a report that a broken checker fills in carelessly. */
const left: NonFinite = {
  op: '',
  pass: 'forward',
  value: Number.NaN,
  at: 'scalar',
  shape: 'scalar',
  operands: [],
  path: undefined,
  callSite: undefined,
  message: '',
}

/** An op table with one binary operation replaced by a primitive built from `prim` with other rules. */
const withBinary = (name: 'add' | 'sub' | 'mul', prim: Primitive<undefined>): ProgramOps => ({
  ...nablaOps,
  [name]: (a: Value, b: Value) => bind(prim, [a, b], undefined),
})

describe('the program laws catch broken rules and shrink them', () => {
  it('an add whose JVP does not broadcast (a constant matrix plus a traced number) breaks the JVP law', () => {
    const ops = withBinary('add', { ...addPrim, jvp: [(t) => t, (t) => t] })
    expect(stepsOf(programJvpMatchesCentralDifference({ ops }))).toBeLessThanOrEqual(3)
    expect(stepsOf(programJacobiansAgree({ ops }))).toBeLessThanOrEqual(3)
  })

  it('a sub whose JVP forgets the sign of ḃ breaks the JVP law and the adjoint law', () => {
    const ops = withBinary('sub', {
      ...subPrim,
      jvp: [(t, _, y) => broadcastTo(t, y), (t, _, y) => broadcastTo(t, y)],
    })
    expect(stepsOf(programJvpMatchesCentralDifference({ ops }))).toBeLessThanOrEqual(3)
    expect(stepsOf(programVjpIsAdjointOfJvp({ ops }))).toBeLessThanOrEqual(3)
  })

  it('a mul whose VJP swaps its operands breaks the adjoint law', () => {
    const ops = withBinary('mul', {
      ...mulPrim,
      vjp: [
        (c, [a]) => unbroadcast(mul(c, a as Value), a as AnyValue),
        (c, [, b]) => unbroadcast(mul(c, b as Value), b as AnyValue),
      ],
    })
    expect(stepsOf(programVjpIsAdjointOfJvp({ ops }))).toBeLessThanOrEqual(3)
  })

  it('a reshape whose VJP hands a number a 1×1 matrix as its gradient breaks the structure law', () => {
    const oldReshape: Primitive<ReshapeParams> = {
      ...reshapePrim,
      vjp: [
        (c, [x]) => {
          const s = typeof x === 'number' ? [1, 1] : [(x as Matrix).rows, (x as Matrix).cols]
          return bind(reshapePrim, [c], { rows: s[0] as number, cols: s[1] as number })
        },
      ],
    }
    const ops: ProgramOps = {
      ...nablaOps,
      reshape: (a, rows, cols) => bind(oldReshape, [a], { rows, cols }) as Matrix,
    }
    expect(stepsOf(programDerivativesKeepStructure({ ops }))).toBeLessThanOrEqual(3)
  })

  it('a tanh whose derivative is a constant (right at first order, wrong at second) breaks the Hessian laws', () => {
    // tanh′ = 1 − y², with y cut from the graph: every first-order law still holds
    const flat: Primitive<undefined> = {
      ...tanhPrim,
      jvp: [(t, _, y) => mul(t, sub(1, square(stopGradient(y))))],
      vjp: [(c, _, y) => mul(c, sub(1, square(stopGradient(y))))],
    }
    const ops: ProgramOps = { ...nablaOps, tanh: (a) => bind(flat, [a], undefined) }
    expect(stepsOf(programHvpMatchesFiniteDifferenceOfGrad({ ops }))).toBeLessThanOrEqual(3)
    expect(stepsOf(programThirdDerivativesAgree({ ops }))).toBeLessThanOrEqual(3)
    // without nested transforms the first-order laws cannot see it; with them, they can — but only where a
    // grad or jvp inside the program goes through tanh, so they need more runs (over 30 seeds, 1000 runs
    // missed it 9 times)
    expect(checkLaw(programJvpMatchesCentralDifference({ ops, nested: false }), { numRuns: 300 }).failed).toBe(false)
    expect(stepsOf(programJvpMatchesCentralDifference({ ops }), 4000)).toBeLessThanOrEqual(3)
  })

  it('a grad that returns the gradients of an argnums list in the wrong order breaks the argnums law', () => {
    const reversed: ArgnumsGrad =
      (f, o) =>
      (...args) => {
        const g = grad(f, o)(...args)
        return Array.isArray(g) ? [...(g as ReadonlyArray<unknown>)].reverse() : g
      }
    expect(stepsOf(programArgnumsAgreeWithClosures({}, reversed))).toBeLessThanOrEqual(3)
  })

  it('a linearize whose map forgets every input tangent but the first breaks the linearize law', () => {
    const forgetful: Linearize = (f) => (x) => {
      const [y, push] = linearize(f)(x)
      return [y, (u) => push(mapLeaves(u, (leaf, i) => (i === 0 ? leaf : zerosLike(leaf))))]
    }
    expect(stepsOf(programLinearizeMatchesJvp({}, forgetful))).toBeLessThanOrEqual(3)
  })

  it('a sub whose JVP disagrees with its VJP breaks the transposed-linearization law', () => {
    const ops = withBinary('sub', {
      ...subPrim,
      jvp: [(t, _, y) => broadcastTo(t, y), (t, _, y) => broadcastTo(t, y)],
    })
    expect(stepsOf(programTransposedLinearizationIsVjp({ ops }))).toBeLessThanOrEqual(3)
  })

  it('an evaluator that replays products without their transpose flags breaks the trace law', () => {
    const careless: TracedEvaluator = (p) =>
      evalTraced({
        ...p,
        equations: p.equations.map((e) =>
          e.primitive.name === 'matmul' ? { ...e, params: { ta: false, tb: false } } : e,
        ),
      })
    // this law's shrinking ends one step longer at some seeds since the programs can call where: over
    // seeds 1–30 it ended at 1–3 steps but at seed 6 (4), and at the fixed seed 42 at 4
    expect(stepsOf(programTraceEvaluatesBitForBit({}, careless))).toBeLessThanOrEqual(4)
  })

  it('a where that evaluates both branches everywhere (a single where) breaks the adjoint law', () => {
    // x^{3/2} is NaN at x < 0, and so is its derivative: 0 · NaN leaks into the gradient there
    const single: ProgramOps = {
      ...nablaOps,
      where: (c, x, f, g) => where(c, f(x), g(x)),
    }
    expect(stepsOf(programVjpIsAdjointOfJvp({ ops: single }))).toBeLessThanOrEqual(3)
  })

  it('a vmap that hands the examples over in reverse order breaks the vmap law', () => {
    const reversed = (m: Matrix): Matrix =>
      stackCols(Array.from({ length: m.cols }, (_, j) => slice(m, 0, m.rows, m.cols - 1 - j, m.cols - j)))
    const backwards: Vmapper = (f) => (batch) => vmap(f)(mapLeaves(batch, (leaf) => reversed(leaf as Matrix)))
    expect(stepsOf(programVmapMapsExamples({}, backwards))).toBeLessThanOrEqual(3)
  })

  it('a checker that looks only at the result (not at the operations) breaks the checkFinite law', () => {
    // its report names no operation, and an ∞ that a later step turns finite again (tanh(∞) = 1) goes unseen
    const lookAtResult: FiniteChecker = (f) => (x) => {
      const y = f(x)
      return entries(y).every(Number.isFinite)
        ? E.right(y)
        : E.left({ ...left, op: 'result', message: 'the result is not finite' })
    }
    expect(stepsOf(programCheckFiniteFindsFirstNonFinite({}, lookAtResult))).toBeLessThanOrEqual(3)
  })

  it('a forward-mode-only second-order bug breaks the four-way Hessian law', () => {
    // neg whose JVP is right but whose JVP rule is itself not differentiable in forward mode only
    const negPrim: Primitive<undefined> = {
      name: 'neg',
      impl: (args) => nablaOps.neg(args[0] as Value),
      jvp: [(t) => neg(stopGradient(t))],
      vjp: [(c) => neg(c)],
    }
    const ops: ProgramOps = { ...nablaOps, neg: (a) => bind(negPrim, [a], undefined) }
    expect(stepsOf(programHvpAgreesFourWays({ ops }))).toBeLessThanOrEqual(3)
  })
})
