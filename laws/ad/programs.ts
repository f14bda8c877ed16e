/**
 * Laws over random programs (see `program.ts`): forward mode against
 * central differences, forward against reverse, the structure of every
 * transform's result, the Hessian-vector product computed four ways, and
 * third derivatives across nestings. Each law takes the program arbitrary
 * as a parameter, so a test can run it on programs that call a broken
 * operation, and each explains a failure with the program, its input and
 * both answers.
 *
 * @module
 */
import * as fc from 'fast-check'
import { either as E } from 'fp-ts'
import {
  Matrix,
  add,
  checkFinite,
  Random,
  centralDifference,
  extrapolatedDifference,
  grad,
  hvp,
  isClose,
  jacfwd,
  jacrev,
  jvp,
  mul,
  evalTraced,
  linearTranspose,
  linearize,
  reshape,
  showTraced,
  stackCols,
  sum,
  vmap,
  trace,
  vjp,
} from '../../src/index.js'
import type { NonFinite, Tolerance, TracedProgram, Value } from '../../src/index.js'
import { leaves, mapLeaves, rebuild } from '../../src/ad/Tree.js'
import { entries, inner, randomLike } from '../../src/numeric/treeMath.js'
import type { Law } from '../law.js'
import { EXACT_TOLERANCE, FINITE_DIFFERENCE_TOLERANCE } from './derivative.js'
import { nablaOps, programs, runProgram, type ProgramCase, type ProgramOps } from './program.js'

/** A program case and a seed for its random directions. */
export type SeededProgram = readonly [ProgramCase, number]

const seeded = (cases: fc.Arbitrary<ProgramCase>): fc.Arbitrary<SeededProgram> => fc.tuple(cases, fc.integer())

/** Two computations of the same numbers, to be compared entry by entry. */
interface Sides {
  readonly left: ReadonlyArray<number>
  readonly right: ReadonlyArray<number>
  readonly leftName: string
  readonly rightName: string
}

/**
 * Whether two lists agree: same length, and each pair within `atol·s +
 * rtol·|b|`, where s = max(1, the largest |entry| on either side) puts
 * absolute errors on the scale of the numbers compared.
 */
const agree = ({ left, right }: Sides, tol: Tolerance): boolean => {
  const s = Math.max(1, ...left.map(Math.abs), ...right.map(Math.abs))
  return (
    left.length === right.length &&
    left.every((a, i) => isClose(a, right[i] as number, { atol: tol.atol * s, rtol: tol.rtol }))
  )
}

const showNumbers = (xs: ReadonlyArray<number>): string => `[${xs.map((x) => x.toPrecision(12)).join(', ')}]`

/** The case, then both answers, for a failure report. */
const report = (c: ProgramCase, sides: Sides): string =>
  `${c.toString()}\n${sides.leftName}: ${showNumbers(sides.left)}\n${sides.rightName}: ${showNumbers(sides.right)}`

/** A law that compares two computations for each seeded program. */
const comparison = (
  name: string,
  cases: fc.Arbitrary<ProgramCase>,
  tol: Tolerance,
  sides: (c: ProgramCase, seed: number) => Sides,
): Law<SeededProgram> => ({
  name,
  arbitrary: seeded(cases),
  holds: ([c, seed]) => agree(sides(c, seed), tol),
  explain: ([c, seed]) => {
    try {
      return report(c, sides(c, seed))
    } catch (e) {
      return `${c.toString()}\nthrew: ${e instanceof Error ? e.message : String(e)}`
    }
  },
})

/** Options of the program laws: the operations the programs call (nabla's own by default). */
export interface ProgramLawOptions {
  readonly ops?: ProgramOps
  readonly maxSteps?: number
  /** Whether programs may nest transforms (default true); without, first-order laws see first derivatives only. */
  readonly nested?: boolean
}

const treeCases = (o: ProgramLawOptions, kinks: boolean): fc.Arbitrary<ProgramCase> =>
  programs({ ...o, kinks, scalar: false })

const scalarCases = (o: ProgramLawOptions, kinks: boolean): fc.Arbitrary<ProgramCase> =>
  programs({ ...o, kinks, scalar: true })

/**
 * Forward mode matches the central difference on programs:
 * ∂f/∂x·v ≈ (f(x + hv) − f(x − hv)) / 2h along a random v, for programs
 * with tree outputs, constants, broadcasting and nested transforms.
 *
 * @category program laws
 */
export const programJvpMatchesCentralDifference = (
  options: ProgramLawOptions = {},
  tol: Tolerance = FINITE_DIFFERENCE_TOLERANCE,
): Law<SeededProgram> =>
  comparison('programJvpMatchesCentralDifference', treeCases(options, false), tol, ({ program, x }, seed) => {
    const f = runProgram(program, options.ops ?? nablaOps)
    const [v] = randomLike(x, Random.seed(seed))
    return {
      left: entries(jvp(f)(x, v)[1]),
      right: entries(centralDifference(f, x, v)),
      leftName: 'jvp',
      rightName: 'central difference',
    }
  })

/**
 * Reverse mode is the adjoint of forward mode on programs:
 * ⟨u, J v⟩ = ⟨Jᵀu, v⟩ for a random tangent v and cotangent u (kinks
 * included: both modes take the same one-sided derivative there).
 *
 * @category program laws
 */
export const programVjpIsAdjointOfJvp = (
  options: ProgramLawOptions = {},
  tol: Tolerance = EXACT_TOLERANCE,
): Law<SeededProgram> =>
  comparison('programVjpIsAdjointOfJvp', treeCases(options, true), tol, ({ program, x }, seed) => {
    const f = runProgram(program, options.ops ?? nablaOps)
    const [v, rng] = randomLike(x, Random.seed(seed))
    const [y, jv] = jvp(f)(x, v)
    const [u] = randomLike(y, rng)
    return { left: [inner(u, jv)], right: [inner(vjp(f)(x)[1](u), v)], leftName: '⟨u, Jv⟩', rightName: '⟨Jᵀu, v⟩' }
  })

/**
 * `jacfwd` equals `jacrev` on programs: one JVP per input entry against
 * one VJP per output entry, as flat matrices and as trees of blocks (the
 * same structure, the same entries).
 *
 * @category program laws
 */
export const programJacobiansAgree = (
  options: ProgramLawOptions = {},
  tol: Tolerance = EXACT_TOLERANCE,
): Law<SeededProgram> =>
  comparison('programJacobiansAgree', treeCases(options, true), tol, ({ program, x }) => {
    const f = runProgram(program, options.ops ?? nablaOps)
    const a = jacfwd(f, { flat: true })(x)
    const b = jacrev(f, { flat: true })(x)
    const ta = jacfwd(f)(x)
    const tb = jacrev(f)(x)
    const shape = (m: Matrix): ReadonlyArray<number> => [m.rows, m.cols]
    // the trees of blocks: the same structure (0 on the right when it is), then the same entries
    return {
      left: [...shape(a), ...Matrix.toArray(a), 0, ...entries(ta)],
      right: [...shape(b), ...Matrix.toArray(b), structureDifference(ta, tb) === undefined ? 0 : 1, ...entries(tb)],
      leftName: 'jacfwd (rows, cols, flat entries, 0, tree entries)',
      rightName: 'jacrev (rows, cols, flat entries, same tree?, tree entries)',
    }
  })

/**
 * Where two trees differ in structure — the kind of a node (number,
 * matrix, array, record, static value), a matrix's shape, an array's
 * length, a record's keys, a static value's identity — or undefined.
 */
export const structureDifference = (a: unknown, b: unknown, path = ''): string | undefined => {
  const here = path === '' ? 'the root' : path
  if (typeof a === 'number' || typeof b === 'number') {
    return typeof a === 'number' && typeof b === 'number'
      ? undefined
      : `${here}: a number against ${kindOf(typeof a === 'number' ? b : a)}`
  }
  if (Matrix.isMatrix(a) || Matrix.isMatrix(b)) {
    if (!(Matrix.isMatrix(a) && Matrix.isMatrix(b)))
      return `${here}: a matrix against ${kindOf(Matrix.isMatrix(a) ? b : a)}`
    return a.rows === b.rows && a.cols === b.cols
      ? undefined
      : `${here}: ${String(a.rows)}×${String(a.cols)} against ${String(b.rows)}×${String(b.cols)}`
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!(Array.isArray(a) && Array.isArray(b)) || a.length !== b.length)
      return `${here}: arrays of different lengths or kinds`
    return a.reduce<string | undefined>(
      (d, ai, i) => d ?? structureDifference(ai, b[i], `${path}[${String(i)}]`),
      undefined,
    )
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    if (ka.join('\u0000') !== kb.join('\u0000')) return `${here}: keys [${ka.join(', ')}] against [${kb.join(', ')}]`
    return ka.reduce<string | undefined>(
      (d, k) =>
        d ?? structureDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`),
      undefined,
    )
  }
  return Object.is(a, b) ? undefined : `${here}: static values ${String(a)} and ${String(b)} differ`
}

const kindOf = (u: unknown): string =>
  typeof u === 'number' ? 'a number' : Matrix.isMatrix(u) ? 'a matrix' : Array.isArray(u) ? 'an array' : typeof u

/**
 * Every transform returns exactly the structure it promises: `grad`, a
 * `vjp` pullback and `hvp` a tree with the input's structure, leaf kinds
 * and shapes (a number for a number, never a 1×1 matrix for one), with
 * static values kept; `jvp` a tangent with the output's; the Jacobian of a
 * scalar program, the input's.
 *
 * @category program laws
 */
export const programDerivativesKeepStructure = (options: ProgramLawOptions = {}): Law<SeededProgram> => {
  const differences = ({ program, x }: ProgramCase, seed: number): ReadonlyArray<string> => {
    const ops = options.ops ?? nablaOps
    const f = runProgram(program, ops, true) as (x: unknown) => number
    const g = runProgram(program, ops)
    const [v] = randomLike(x, Random.seed(seed))
    const [y, t] = jvp(g)(x, v)
    const [, pullback] = vjp(g)(x)
    const found = [
      ['grad', structureDifference(grad(f)(x), x)],
      ['hvp', structureDifference(hvp(f)(x, v), x)],
      ['jvp tangent', structureDifference(t, y)],
      ['jacrev of a scalar program', structureDifference(jacrev(f)(x), x)],
      ['vjp cotangent', structureDifference(pullback(y), x)],
    ] as const
    return found.flatMap(([what, d]) => (d === undefined ? [] : [`${what} — ${d}`]))
  }
  return {
    name: 'programDerivativesKeepStructure',
    arbitrary: seeded(treeCases(options, true)),
    holds: ([c, seed]) => differences(c, seed).length === 0,
    explain: ([c, seed]) => `${c.toString()}\n${differences(c, seed).join('\n')}`,
  }
}

/**
 * The Hessian-vector product H·v four ways agree on scalar programs:
 * forward-over-reverse (`hvp`), reverse-over-reverse (the gradient of
 * ⟨∇f, v⟩), reverse-over-forward (the gradient of ∂f/∂x·v), and vᵀHv by
 * forward-over-forward against ⟨v, H·v⟩.
 *
 * @category program laws
 */
export const programHvpAgreesFourWays = (
  options: ProgramLawOptions = {},
  tol: Tolerance = EXACT_TOLERANCE,
): Law<SeededProgram> =>
  comparison('programHvpAgreesFourWays', scalarCases(options, false), tol, ({ program, x }, seed) => {
    const f = runProgram(program, options.ops ?? nablaOps, true) as (x: unknown) => number
    const [v] = randomLike(x, Random.seed(seed))
    const fwdOverRev = hvp(f)(x, v)
    const revOverRev = grad((p: unknown) => innerTraced(grad(f)(p), v))(x)
    const revOverFwd = grad((p: unknown) => jvp(f)(p, v)[1])(x)
    const fwdOverFwd = jvp((p: unknown) => jvp(f)(p, v)[1])(x, v)[1]
    const h = entries(fwdOverRev)
    return {
      left: [...h, ...h, inner(v, fwdOverRev)],
      right: [...entries(revOverRev), ...entries(revOverFwd), fwdOverFwd],
      leftName: 'forward-over-reverse H·v (twice), then ⟨v, H·v⟩',
      rightName: 'reverse-over-reverse H·v, reverse-over-forward H·v, forward-over-forward vᵀHv',
    }
  })

/**
 * The Hessian-vector product matches the central difference of the
 * gradient on scalar programs: H·v ≈ (∇f(x + hv) − ∇f(x − hv)) / 2h, with
 * Richardson's extrapolation (a Hessian's own derivatives are large). This is
 * the check that a rule is right *and* differentiable: a rule whose
 * derivative is right but built from a constant (a dropped second-order
 * term) passes every first-order law and the exact identities between
 * modes, and fails here.
 *
 * @category program laws
 */
export const programHvpMatchesFiniteDifferenceOfGrad = (
  options: ProgramLawOptions = {},
  tol: Tolerance = FINITE_DIFFERENCE_TOLERANCE,
): Law<SeededProgram> =>
  comparison('programHvpMatchesFiniteDifferenceOfGrad', scalarCases(options, false), tol, ({ program, x }, seed) => {
    const f = runProgram(program, options.ops ?? nablaOps, true) as (x: unknown) => number
    const [v] = randomLike(x, Random.seed(seed))
    return {
      left: entries(hvp(f)(x, v)),
      right: entries(extrapolatedDifference(grad(f), x, v)),
      leftName: 'hvp',
      rightName: 'extrapolated central difference of grad',
    }
  })

/**
 * The third derivative along v agrees across nestings on scalar programs:
 * forward³ (jvp of jvp of jvp), reverse over forward² (⟨∇(vᵀHv), v⟩), and
 * the (Richardson-extrapolated) central difference of the exact second
 * derivative vᵀH(x)v.
 *
 * @category program laws
 */
export const programThirdDerivativesAgree = (
  options: ProgramLawOptions = {},
  tol: Tolerance = FINITE_DIFFERENCE_TOLERANCE,
): Law<SeededProgram> =>
  comparison('programThirdDerivativesAgree', scalarCases(options, false), tol, ({ program, x }, seed) => {
    const f = runProgram(program, options.ops ?? nablaOps, true) as (x: unknown) => number
    const [v] = randomLike(x, Random.seed(seed))
    const second = (p: unknown): number => jvp((q: unknown) => jvp(f)(q, v)[1])(p, v)[1]
    const fwd3 = jvp(second)(x, v)[1]
    const revFwd2 = inner(grad(second)(x), v)
    const fd = extrapolatedDifference(second, x, v)
    return {
      left: [fwd3, fwd3],
      right: [revFwd2, fd],
      leftName: 'forward³',
      rightName: 'reverse over forward², extrapolated central difference of vᵀHv',
    }
  })

/** ⟨a, b⟩ over the leaves of two trees, differentiably (a may be traced; b is a constant tree). */
const innerTraced = (a: unknown, b: unknown): number => {
  const { add, dot, mul } = nablaOps
  const as = leaves(a)
  const bs = leaves(b)
  return as.reduce<number>(
    (s, ai, i) => add(s, typeof ai === 'number' ? mul(ai, bs[i] as number) : dot(ai, bs[i] as Matrix)) as number,
    0,
  )
}

/** A `linearize`, as the laws below take it (nabla's own by default). */
export type Linearize = (f: (x: unknown) => unknown) => (x: unknown) => readonly [unknown, (u: unknown) => unknown]

/**
 * `linearize` is `jvp` evaluated once: its linear map applied to a tangent
 * v gives exactly (bit for bit) the tangent `jvp` gives along v, for
 * programs with tree outputs, kinks included, and its value is f(x).
 *
 * @category program laws
 */
export const programLinearizeMatchesJvp = (
  options: ProgramLawOptions = {},
  linearizeOf: Linearize = (f) => linearize(f),
): Law<SeededProgram> =>
  comparison('programLinearizeMatchesJvp', treeCases(options, true), { atol: 0, rtol: 0 }, ({ program, x }, seed) => {
    const f = runProgram(program, options.ops ?? nablaOps)
    const [v] = randomLike(x, Random.seed(seed))
    const [y, push] = linearizeOf(f)(x)
    const [yj, tj] = jvp(f)(x, v)
    return {
      left: [...entries(y), ...entries(push(v))],
      right: [...entries(yj), ...entries(tj)],
      leftName: 'linearize: value, then J·v',
      rightName: 'jvp: value, then tangent',
    }
  })

/**
 * Transposing the linearization gives the pullback: for the map u ↦ J·u
 * from `linearize`, `linearTranspose` of it applied to a cotangent c equals
 * `vjp`'s pullback of c — the transpose built from the JVP rules against
 * the VJP rules (so a primitive whose two rules disagree fails).
 *
 * @category program laws
 */
export const programTransposedLinearizationIsVjp = (
  options: ProgramLawOptions = {},
  tol: Tolerance = EXACT_TOLERANCE,
): Law<SeededProgram> =>
  comparison('programTransposedLinearizationIsVjp', treeCases(options, true), tol, ({ program, x }, seed) => {
    const f = runProgram(program, options.ops ?? nablaOps)
    const [y, push] = linearize(f)(x)
    const [c] = randomLike(y, Random.seed(seed))
    return {
      left: entries(linearTranspose(push, x)(c)),
      right: entries(vjp(f)(x)[1](c)),
      leftName: 'linearTranspose(linearize(f)(x))(c)',
      rightName: 'vjp(f)(x) pullback of c',
    }
  })

/** An evaluator of traced programs, as the law below takes it (nabla's `evalTraced` by default). */
export type TracedEvaluator = (program: TracedProgram) => (x: unknown) => unknown

/**
 * A traced program computes what the function computed: `trace(f)(x)`
 * evaluated at x gives f(x) bit for bit, with its structure, for programs
 * with tree outputs, nested transforms and kinks; and for scalar programs
 * the gradient of the evaluated program is f's gradient, bit for bit.
 *
 * @category program laws
 */
export const programTraceEvaluatesBitForBit = (
  options: ProgramLawOptions = {},
  evaluate: TracedEvaluator = (p) => evalTraced(p),
): Law<SeededProgram> => {
  const mismatches = ({ program, x }: ProgramCase): ReadonlyArray<string> => {
    const f = runProgram(program, options.ops ?? nablaOps)
    const s = runProgram(program, options.ops ?? nablaOps, true) as (x: unknown) => number
    const same = (a: unknown, b: unknown): boolean => {
      const [ea, eb] = [entries(a), entries(b)]
      return (
        structureDifference(a, b) === undefined && ea.length === eb.length && ea.every((v, k) => Object.is(v, eb[k]))
      )
    }
    const value = same(evaluate(trace(f)(x))(x), f(x))
    const tracedScalar = evaluate(trace(s)(x)) as (x: unknown) => number
    const gradient = same(grad(tracedScalar)(x), grad(s)(x))
    return [...(value ? [] : ['the traced program gives another value']), ...(gradient ? [] : ['its gradient differs'])]
  }
  return {
    name: 'programTraceEvaluatesBitForBit',
    arbitrary: seeded(treeCases(options, true)),
    holds: ([c]) => mismatches(c).length === 0,
    explain: ([c]) =>
      `${c.toString()}\n${showTraced(trace(runProgram(c.program, options.ops ?? nablaOps))(c.x))}\n${mismatches(c).join('\n')}`,
  }
}

/** A `vmap`, as the law below takes it (nabla's own by default). */
export type Vmapper = (f: (...args: ReadonlyArray<unknown>) => unknown) => (...args: ReadonlyArray<unknown>) => unknown

/** A leaf as one column: a number as 1×1, an r×c matrix as its rc entries (row by row). */
const toColumn = (v: Value): Matrix => (typeof v === 'number' ? reshape(v, 1, 1) : reshape(v, v.rows * v.cols, 1))

/** A column back as a leaf shaped like `like`. */
const fromColumn = (c: Value, like: Value): Value =>
  typeof like === 'number' ? sum(c) : reshape(c, like.rows, like.cols)

/** Examples as the columns of one matrix per leaf: leaf i of example j is column j of leaf i. */
const batchOfColumns = (like: unknown, examples: ReadonlyArray<unknown>): unknown =>
  rebuild(
    like,
    leaves(like).map((_, i) => stackCols(examples.map((e) => toColumn(leaves(e)[i] as Value)))),
  )

/** Per-example results stacked as vmap stacks them along columns: numbers into a row, columns side by side. */
const stackResults = (results: ReadonlyArray<unknown>): unknown =>
  rebuild(
    results[0],
    leaves(results[0], 'output').map((_, k) =>
      stackCols(results.map((r) => toColumn(leaves(r, 'output')[k] as Value))),
    ),
    'output',
  )

/**
 * `vmap` maps over examples: for a program f of any tree, written for one
 * example whose leaves arrive as columns, and a batch of three examples
 * (one matrix per leaf, example j in column j), `vmap(f)` equals f applied
 * to each example and the results stacked, bit for bit; `vmap(grad(f))`
 * against each example's gradient and `jvp` of `vmap(f)` against each
 * example's `jvp` are equal numbers (a zero's sign aside), and `grad` of
 * the summed `vmap(f)` against the stacked gradients agrees to the
 * rounding of the cotangent sums, which reverse mode adds in another order
 * (see the comments in the law).
 *
 * @category program laws
 */
export const programVmapMapsExamples = (
  options: ProgramLawOptions = {},
  vmapOf: Vmapper = (f) => vmap(f),
): Law<SeededProgram> => {
  const ops = options.ops ?? nablaOps
  const mismatches = ({ program, x }: ProgramCase, seed: number): ReadonlyArray<string> => {
    const [d1, r1] = randomLike(x, Random.seed(seed))
    const [d2, r2] = randomLike(x, r1)
    const examples = [x, d1, d2]
    const [t0, r3] = randomLike(x, r2)
    const [t1, r4] = randomLike(x, r3)
    const [t2] = randomLike(x, r4)
    const tangents = [t0, t1, t2]
    // the program as a function of one example's columns, with every output leaf as a column or a number
    const back = (cols: unknown): unknown =>
      rebuild(
        x,
        leaves(cols).map((c, i) => fromColumn(c, leaves(x)[i] as Value)),
      )
    const run = runProgram(program, ops)
    const f = (cols: unknown): unknown =>
      mapLeaves(run(back(cols)), (o) => (typeof o === 'number' ? o : toColumn(o)), 'output')
    const s = (cols: unknown): number => runProgram(program, ops, true)(back(cols)) as number
    const columns = (e: unknown): unknown =>
      rebuild(
        e,
        leaves(e).map((leaf) => toColumn(leaf)),
      )
    const batch = batchOfColumns(x, examples)
    const sameUnder = (a: unknown, b: unknown, equal: (u: number, v: number) => boolean): boolean => {
      const [ea, eb] = [entries(a), entries(b)]
      return (
        ea.length === eb.length &&
        ea.every((v, k) => equal(v, eb[k] as number)) &&
        structureDifference(a, b) === undefined
      )
    }
    // values: bit for bit, NaN included
    const same = (a: unknown, b: unknown): boolean => sameUnder(a, b, Object.is)
    // derivatives: equal numbers (NaN included), a zero's sign aside. A batching rule may compute a
    // derivative with other ops than the per-example rule does (the row sums of a column are x + 0,
    // whose tangent is ẋ, not ẋ + 0), and reverse mode gathers each example's cotangent from a slice,
    // adding the +0 of the other examples' slots: either can turn a −0 into +0, never another number
    const sameNumbers = (a: unknown, b: unknown): boolean =>
      sameUnder(a, b, (u, v) => Object.is(u, v) || (u === 0 && v === 0))
    // grad through vmap: the same contributions to each example's cotangent, added in another order. An
    // input used several times reaches the batch through several nodes (a batched op, a per-example
    // slice), so its cotangent is summed in the order of the batched tape, not of one example's: the
    // entries agree to the rounding of a short sum, which 1e-12 of the largest entry of the gradient
    // bounds (a wrong rule is off by far more); NaN and ±∞ must match exactly
    const sameSums = (a: unknown, b: unknown): boolean => {
      const [ea, eb] = [entries(a), entries(b)]
      const scale = Math.max(
        1,
        ...ea.filter(Number.isFinite).map(Math.abs),
        ...eb.filter(Number.isFinite).map(Math.abs),
      )
      return sameUnder(
        a,
        b,
        (u, v) => Object.is(u, v) || (Number.isFinite(u) && Number.isFinite(v) && Math.abs(u - v) <= 1e-12 * scale),
      )
    }
    const perExample = (g: (cols: unknown) => unknown): unknown => stackResults(examples.map((e) => g(columns(e))))
    const vf = vmapOf(f)
    const summed = (b: unknown): number =>
      leaves(vmapOf(s)(b), 'output').reduce<number>((acc, leaf) => add(acc, sum(leaf)), 0)
    const tangentBatch = batchOfColumns(x, tangents)
    const gradOfS: (cols: unknown) => unknown = grad(s)
    return [
      ...(same(vf(batch), perExample(f)) ? [] : ['vmap(f) differs from f mapped over the examples']),
      ...(sameNumbers(vmapOf(gradOfS)(batch), perExample(gradOfS))
        ? []
        : ['vmap(grad(f)) differs from the per-example gradients']),
      ...(sameSums(grad(summed)(batch), perExample(grad(s)))
        ? []
        : ['grad of the summed vmap(f) differs from the stacked per-example gradients']),
      ...(sameNumbers(
        jvp((b: unknown) => vf(b))(batch, tangentBatch)[1],
        stackResults(examples.map((e, j) => jvp(f)(columns(e), columns(tangents[j]))[1])),
      )
        ? []
        : ['jvp of vmap(f) differs from the per-example jvps']),
    ]
  }
  return {
    name: 'programVmapMapsExamples',
    arbitrary: seeded(treeCases(options, true)),
    holds: ([c, seed]) => mismatches(c, seed).length === 0,
    explain: ([c, seed]) => `${c.toString()}\n${mismatches(c, seed).join('\n')}`,
  }
}

/** A checked mode, as the law below takes it (nabla's `checkFinite` by default). */
export type FiniteChecker = (f: (x: unknown) => unknown) => (x: unknown) => E.Either<NonFinite, unknown>

/** Inputs this large make squares and exponentials overflow, so that some programs compute ∞ and then NaN. */
const OVERFLOWING_SCALE = 1e200

/**
 * `checkFinite` finds the first non-finite value a program computes, as
 * the traced program shows it: for programs with nested transforms, and
 * for their gradients, at ordinary inputs and at inputs scaled by 10²⁰⁰
 * (where squares and exponentials overflow), the result is `Right` with
 * the unchecked value bit for bit when every equation of `trace(f)(x)` is
 * finite, and otherwise a `Left` naming the primitive of the first
 * equation that is not, and its first non-finite entry.
 *
 * @category program laws
 */
export const programCheckFiniteFindsFirstNonFinite = (
  options: ProgramLawOptions = {},
  check: FiniteChecker = (f) => checkFinite(f),
): Law<SeededProgram> => {
  const ops = options.ops ?? nablaOps
  /** The function and input of a seeded case: bit 0 of the seed scales the input, bit 1 takes the gradient. */
  const setUp = ({ program, x }: ProgramCase, seed: number): readonly [(x: unknown) => unknown, unknown] => [
    (seed & 2) !== 0 ? grad(runProgram(program, ops, true) as (x: unknown) => number) : runProgram(program, ops),
    (seed & 1) !== 0 ? mapLeaves(x, (leaf) => mul(OVERFLOWING_SCALE, leaf)) : x,
  ]
  const mismatch = (c: ProgramCase, seed: number): string | undefined => {
    const [f, x] = setUp(c, seed)
    const first = trace(f)(x).equations.find((e) => entries(e.out.value).some((v) => !Number.isFinite(v)))
    const result = check(f)(x)
    if (first === undefined) {
      if (E.isLeft(result)) return `every value is finite, but checkFinite reports: ${result.left.message}`
      const [a, b] = [entries(result.right), entries(f(x))]
      const same = a.length === b.length && a.every((v, k) => Object.is(v, b[k]))
      return same && structureDifference(result.right, f(x)) === undefined
        ? undefined
        : 'checkFinite returned another value than the function'
    }
    const bad = entries(first.out.value).find((v) => !Number.isFinite(v)) as number
    if (E.isRight(result)) return `${first.primitive.name} computes ${String(bad)}, but checkFinite returned Right`
    return result.left.op === first.primitive.name && Object.is(result.left.value, bad)
      ? undefined
      : `the first non-finite value is ${String(bad)} from ${first.primitive.name}; checkFinite reports: ${result.left.message}`
  }
  return {
    name: 'programCheckFiniteFindsFirstNonFinite',
    arbitrary: seeded(scalarCases(options, true)),
    holds: ([c, seed]) => mismatch(c, seed) === undefined,
    explain: ([c, seed]) =>
      `${c.toString()}\n(input scaled by 1e200: ${String((seed & 1) !== 0)}, gradient: ${String((seed & 2) !== 0)})\n` +
      (mismatch(c, seed) ?? ''),
  }
}

/** A `grad` with `argnums`, as the law below takes it (nabla's own by default). */
export type ArgnumsGrad = (
  f: (...args: ReadonlyArray<unknown>) => number,
  options: { readonly argnums: number | ReadonlyArray<number> },
) => (...args: ReadonlyArray<unknown>) => unknown

/**
 * `argnums` is a closure: for a scalar program of several inputs, written
 * as a function of positional arguments, `grad(f, { argnums: i })` is the
 * gradient of the function of argument i alone with the others fixed, and
 * `grad(f, { argnums: [all] })` is the gradient of the whole list — bit for
 * bit, since the same operations run in the same order.
 *
 * @category program laws
 */
export const programArgnumsAgreeWithClosures = (
  options: ProgramLawOptions = {},
  gradOf: ArgnumsGrad = (f, o) => grad(f, o),
): Law<SeededProgram> => {
  const mismatches = ({ program, x }: ProgramCase, seed: number): ReadonlyArray<string> => {
    const run = runProgram(program, options.ops ?? nablaOps, true) as (x: unknown) => number
    // the program's input tree as positional arguments: its leaves, in order
    const args = leaves(x) as ReadonlyArray<unknown>
    const rebuildFrom = (xs: ReadonlyArray<unknown>): unknown => rebuild(x, xs)
    const f = (...xs: ReadonlyArray<unknown>): number => run(rebuildFrom(xs))
    const i = Math.abs(seed) % args.length
    const byArgnum = gradOf(f, { argnums: i })(...args)
    const byClosure = grad((xi: unknown) => f(...args.map((a, k) => (k === i ? xi : a))))(args[i])
    const all = gradOf(f, { argnums: args.map((_, k) => k) })(...args)
    const asList = grad((xs: ReadonlyArray<unknown>) => f(...xs))(args)
    const same = (a: unknown, b: unknown): boolean => {
      const [ea, eb] = [entries(a), entries(b)]
      return (
        ea.length === eb.length && ea.every((v, k) => Object.is(v, eb[k])) && structureDifference(a, b) === undefined
      )
    }
    return [
      ...(same(byArgnum, byClosure) ? [] : [`argnums ${String(i)} differs from the closure`]),
      ...(same(all, asList) ? [] : ['argnums of every argument differs from the gradient of the list']),
    ]
  }
  return {
    name: 'programArgnumsAgreeWithClosures',
    arbitrary: seeded(scalarCases(options, true)),
    holds: ([c, seed]) => mismatches(c, seed).length === 0,
    explain: ([c, seed]) => `${c.toString()}\n${mismatches(c, seed).join('\n')}`,
  }
}

/**
 * Every program law, named as a claim: what nabla runs on its own op set,
 * and what a user runs with a table of their own operations.
 *
 * @category program laws
 */
export const programLaws = (options: ProgramLawOptions = {}): ReadonlyArray<Law<SeededProgram>> => [
  programJvpMatchesCentralDifference(options),
  programVjpIsAdjointOfJvp(options),
  programJacobiansAgree(options),
  programDerivativesKeepStructure(options),
  programHvpAgreesFourWays(options),
  programHvpMatchesFiniteDifferenceOfGrad(options),
  programThirdDerivativesAgree(options),
  programArgnumsAgreeWithClosures(options),
  programLinearizeMatchesJvp(options),
  programTransposedLinearizationIsVjp(options),
  programTraceEvaluatesBitForBit(options),
  programCheckFiniteFindsFirstNonFinite(options),
  programVmapMapsExamples(options),
]
