/**
 * Random programs: what users differentiate is not one primitive with
 * every operand traced, but compositions of the public operations with
 * constants closed over, numbers next to matrices, broadcasting rows,
 * columns and 1×1 matrices, inputs passed as arrays, records and nested
 * trees, and transforms nested inside the function that close over the
 * outer function's values. This module generates such programs as data
 * (so a failure shrinks to a small program and prints readably) and runs
 * them with a table of operations (so a test can swap in a broken one and
 * watch the laws catch it).
 *
 * A program is a straight-line list of steps over registers: first the
 * input leaves x0, x1, …, then the constants c0, c1, …, then one register
 * per step v0, v1, …. It is generated from a plan of small integers, which
 * fast-check shrinks toward fewer and simpler steps; turning a plan into a
 * program fixes every choice so that each step is well-shaped.
 *
 * @module
 */
/* eslint-disable functional/immutable-data --
 * A program is built by appending to the register and step lists of one builder, and run by appending to
 * a register list local to one run; neither list escapes before it is complete.
 */
import * as fc from 'fast-check'
import * as nabla from '../../src/index.js'
import { Matrix, Random } from '../../src/index.js'
import type { Value } from '../../src/index.js'

/** The operations a program calls, by name: nabla's own by default, or a table with one op swapped out. */
export interface ProgramOps {
  readonly add: (a: Value, b: Value) => Value
  readonly sub: (a: Value, b: Value) => Value
  readonly mul: (a: Value, b: Value) => Value
  readonly div: (a: Value, b: Value) => Value
  readonly neg: (a: Value) => Value
  readonly tanh: (a: Value) => Value
  readonly sigmoid: (a: Value) => Value
  readonly softplus: (a: Value) => Value
  readonly square: (a: Value) => Value
  readonly exp: (a: Value) => Value
  readonly log: (a: Value) => Value
  readonly sqrt: (a: Value) => Value
  readonly pow: (a: Value, p: number) => Value
  readonly xlogy: (a: Value, b: Value) => Value
  readonly relu: (a: Value) => Value
  readonly abs: (a: Value) => Value
  readonly matmul: (a: Matrix, b: Matrix) => Matrix
  readonly matmulTN: (a: Matrix, b: Matrix) => Matrix
  readonly matmulNT: (a: Matrix, b: Matrix) => Matrix
  readonly transpose: (a: Matrix) => Matrix
  readonly sum: (a: Value) => number
  readonly mean: (a: Value) => number
  readonly dot: (a: Value, b: Value) => number
  readonly sumRows: (a: Matrix) => Matrix
  readonly sumCols: (a: Matrix) => Matrix
  readonly logSumExp: (a: Value) => number
  readonly logSumExpCols: (a: Matrix) => Matrix
  readonly logSoftmax: (a: Matrix) => Matrix
  readonly softmax: (a: Matrix) => Matrix
  readonly reshape: (a: Value, rows: number, cols: number) => Matrix
  readonly slice: (a: Matrix, r0: number, r1: number, c0: number, c1: number) => Matrix
  readonly stackRows: (parts: ReadonlyArray<Matrix>) => Matrix
  readonly stackCols: (parts: ReadonlyArray<Matrix>) => Matrix
  readonly sin: (a: Value) => Value
  readonly cos: (a: Value) => Value
  readonly log1p: (a: Value) => Value
  readonly expm1: (a: Value) => Value
  readonly maximum: (a: Value, b: Value) => Value
  readonly minimum: (a: Value, b: Value) => Value
  readonly clip: (a: Value, lo: number, hi: number) => Value
  readonly norm: (a: Value) => number
  /** The safe form of `where`: entrywise branches of x, each evaluated only where it is taken. */
  readonly where: (cond: Value, x: Value, onTrue: (v: Value) => Value, onFalse: (v: Value) => Value) => Value
  readonly grad: (f: (y: Value) => number) => (y: Value) => Value
  readonly jvp: (f: (y: Value) => Value) => (y: Value, t: Value) => readonly [Value, Value]
}

/** nabla's public operations, as a {@link ProgramOps} table. @category programs */
export const nablaOps: ProgramOps = Object.freeze<ProgramOps>({
  add: nabla.add,
  sub: nabla.sub,
  mul: nabla.mul,
  div: nabla.div,
  neg: nabla.neg,
  tanh: nabla.tanh,
  sigmoid: nabla.sigmoid,
  softplus: nabla.softplus,
  square: nabla.square,
  exp: nabla.exp,
  log: nabla.log,
  sqrt: nabla.sqrt,
  pow: nabla.pow,
  xlogy: nabla.xlogy,
  relu: nabla.relu,
  abs: nabla.abs,
  matmul: nabla.matmul,
  matmulTN: nabla.matmulTN,
  matmulNT: nabla.matmulNT,
  transpose: nabla.transpose,
  sum: nabla.sum,
  mean: nabla.mean,
  dot: nabla.dot,
  sumRows: nabla.sumRows,
  sumCols: nabla.sumCols,
  logSumExp: nabla.logSumExp,
  logSumExpCols: nabla.logSumExpCols,
  logSoftmax: nabla.logSoftmax,
  softmax: nabla.softmax,
  reshape: nabla.reshape,
  slice: nabla.slice,
  stackRows: nabla.stackRows,
  stackCols: nabla.stackCols,
  sin: nabla.sin,
  cos: nabla.cos,
  log1p: nabla.log1p,
  expm1: nabla.expm1,
  maximum: nabla.maximum,
  minimum: nabla.minimum,
  clip: nabla.clip,
  norm: nabla.norm,
  where: (c, x, f, g) => nabla.where(c, x, f, g),
  grad: (f) => nabla.grad(f),
  jvp: (f) => (y, t) => nabla.jvp(f)(y, t),
})

/** A register's shape: a number, or a matrix of rows×cols. */
export type Shape = 'scalar' | readonly [number, number]

/** One step: an operation on earlier registers, with the text that prints it. */
export interface Step {
  /** The registers it reads. */
  readonly args: ReadonlyArray<number>
  /** Applies the step to the values of its registers with a table of operations. */
  readonly apply: (ops: ProgramOps, args: ReadonlyArray<Value>) => Value
  /** `add(v0, c1)`, given the names of its registers. */
  readonly show: (names: ReadonlyArray<string>) => string
  readonly shape: Shape
}

/** Where the input leaves sit in the input tree, and which static values keep them company. */
export type Layout = 'leaf' | 'array' | 'record' | 'nested'

/**
 * A program: the shapes and layout of its input, its constants, its steps
 * and which registers make its output.
 *
 * @category programs
 */
export interface Program {
  readonly inputs: ReadonlyArray<Shape>
  readonly layout: Layout
  readonly constants: ReadonlyArray<Value>
  readonly steps: ReadonlyArray<Step>
  /** The registers of the output tree (one: that value; two: `[first, { second }]`). */
  readonly outputs: ReadonlyArray<number>
  /** Whether some step has a kink (relu, abs), where only one-sided derivatives exist. */
  readonly kinks: boolean
}

/** A program together with the point to differentiate it at. @category programs */
export interface ProgramCase {
  readonly program: Program
  readonly x: unknown
  /** The program and its input as text (also what fast-check prints for a counterexample). */
  readonly toString: () => string
  readonly [fc.toStringMethod]: () => string
}

// ---------------------------------------------------------------------------------------------
// Shapes

const shapeOf = (v: Value): Shape => (typeof v === 'number' ? 'scalar' : [v.rows, v.cols])

const showShape = (s: Shape): string => (s === 'scalar' ? 'scalar' : `${String(s[0])}×${String(s[1])}`)

const isScalarShape = (s: Shape): s is 'scalar' => s === 'scalar'

/** The shape of a broadcast of a and b, or undefined if they do not broadcast. */
const broadcast = (a: Shape, b: Shape): Shape | undefined => {
  if (isScalarShape(a)) return b
  if (isScalarShape(b)) return a
  const dim = (x: number, y: number): number | undefined => (x === y ? x : x === 1 ? y : y === 1 ? x : undefined)
  const r = dim(a[0], b[0])
  const c = dim(a[1], b[1])
  return r === undefined || c === undefined ? undefined : [r, c]
}

/** The shapes inputs and constants are drawn from: numbers, 1×1, columns, rows and small matrices. */
const SHAPES: ReadonlyArray<Shape> = ['scalar', [2, 3], [1, 1], [2, 1], [1, 3], [3, 2], [2, 2], [3, 1]]

// ---------------------------------------------------------------------------------------------
// Plans: what fast-check generates and shrinks

/** One step of a plan: an operation code and three choices, all shrinking toward 0. */
export interface StepPlan {
  readonly op: number
  readonly a: number
  readonly b: number
  readonly p: number
  readonly inner: ReadonlyArray<Omit<StepPlan, 'inner'>>
}

/** The integers a program is made from. */
export interface Plan {
  readonly inputs: ReadonlyArray<number>
  readonly layout: number
  readonly constants: ReadonlyArray<number>
  readonly steps: ReadonlyArray<StepPlan>
  readonly outputs: number
  readonly seed: number
}

/** Options of the program arbitrary. @category programs */
export interface ProgramOptions {
  /** The operations the program calls (default: nabla's own). */
  readonly ops?: ProgramOps
  /** At most this many steps (default 6). */
  readonly maxSteps?: number
  /** Allow operations with kinks (relu, abs; default false, as finite differences need smoothness). */
  readonly kinks?: boolean
  /** Allow transforms nested inside the program (default true). */
  readonly nested?: boolean
  /** Force a scalar output (the sum of the output registers), for gradients and Hessians (default false). */
  readonly scalar?: boolean
}

const innerStep = fc.record({
  op: fc.nat({ max: 63 }),
  a: fc.nat({ max: 15 }),
  b: fc.nat({ max: 15 }),
  p: fc.nat({ max: 15 }),
})

const planArbitrary = (maxSteps: number): fc.Arbitrary<Plan> =>
  fc.record({
    inputs: fc.array(fc.nat({ max: SHAPES.length - 1 }), { minLength: 1, maxLength: 3 }),
    layout: fc.nat({ max: 3 }),
    constants: fc.array(fc.nat({ max: SHAPES.length - 1 }), { maxLength: 2 }),
    steps: fc.array(
      fc.record({
        op: fc.nat({ max: 63 }),
        a: fc.nat({ max: 15 }),
        b: fc.nat({ max: 15 }),
        p: fc.nat({ max: 15 }),
        inner: fc.array(innerStep, { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: maxSteps },
    ),
    outputs: fc.nat({ max: 2 }),
    seed: fc.integer(),
  })

// ---------------------------------------------------------------------------------------------
// Realising a plan

/** A register while a program is being built: its shape and its value at the point drawn. */
interface Reg {
  readonly shape: Shape
  readonly value: Value
}

/** Steps are added to a builder, which evaluates each one as it goes (to keep magnitudes moderate). */
interface Builder {
  readonly regs: Reg[]
  readonly steps: Step[]
  /** How many registers at the start are constants (or closed-over values) rather than inputs or results. */
  readonly constantsFrom: number
  readonly constantsTo: number
  kinks: boolean
}

/** Steps whose values exceed this magnitude are scaled down, so that finite differences stay accurate. */
const LIMIT = 6

const maxAbsOf = (v: Value): number =>
  typeof v === 'number' ? Math.abs(v) : Matrix.toArray(v).reduce((m, x) => Math.max(m, Math.abs(x)), 0)

const push = (b: Builder, step: Omit<Step, 'shape'>): number => {
  const value = step.apply(
    nablaOps,
    step.args.map((i) => (b.regs[i] as Reg).value),
  )
  const id = b.regs.length
  const big = maxAbsOf(value)
  if (big <= LIMIT || !Number.isFinite(big)) {
    b.regs.push({ shape: shapeOf(value), value })
    b.steps.push({ ...step, shape: shapeOf(value) })
    return id
  }
  // Too large for accurate finite differences: scale the step down by a power of 2 (exact, and linear, so
  // no derivative information is lost). The register never holds the unscaled value.
  const k = 2 ** Math.floor(Math.log2(LIMIT / big))
  const v = nablaOps.mul(value, k)
  b.regs.push({ shape: shapeOf(v), value: v })
  b.steps.push({
    args: step.args,
    apply: (ops, args) => ops.mul(step.apply(ops, args), k),
    show: (names) => `mul(${step.show(names)}, ${String(k)})`,
    shape: shapeOf(v),
  })
  return id
}

type UnaryName = 'neg' | 'tanh' | 'sigmoid' | 'softplus' | 'square' | 'exp' | 'relu' | 'abs' | 'sin' | 'cos' | 'expm1'

const unary = (b: Builder, name: UnaryName, a: number): number =>
  push(b, { args: [a], apply: (ops, [x]) => ops[name](x as Value), show: ([x]) => `${name}(${String(x)})` })

/** A register as a matrix: itself, or a number read as 1×1 by reshape. */
const asMatrix = (b: Builder, a: number): number =>
  isScalarShape((b.regs[a] as Reg).shape)
    ? push(b, {
        args: [a],
        apply: (ops, [x]) => ops.reshape(x as Value, 1, 1),
        show: ([x]) => `reshape(${String(x)}, 1, 1)`,
      })
    : a

/** Register b reduced until it broadcasts against a: by rows, by columns, or to a number. */
const compatible = (bl: Builder, a: number, b: number): number => {
  const sa = (bl.regs[a] as Reg).shape
  const sb = (bl.regs[b] as Reg).shape
  if (broadcast(sa, sb) !== undefined) return b
  const rows = push(bl, {
    args: [b],
    apply: (ops, [x]) => ops.sumRows(x as Matrix),
    show: ([x]) => `sumRows(${String(x)})`,
  })
  if (broadcast(sa, (bl.regs[rows] as Reg).shape) !== undefined) return rows
  const cols = push(bl, {
    args: [b],
    apply: (ops, [x]) => ops.sumCols(x as Matrix),
    show: ([x]) => `sumCols(${String(x)})`,
  })
  if (broadcast(sa, (bl.regs[cols] as Reg).shape) !== undefined) return cols
  return push(bl, { args: [b], apply: (ops, [x]) => ops.sum(x as Value), show: ([x]) => `sum(${String(x)})` })
}

type BinaryName = 'add' | 'sub' | 'mul' | 'maximum' | 'minimum'

const binary = (bl: Builder, name: BinaryName, a: number, b: number): number => {
  const c = compatible(bl, a, b)
  return push(bl, {
    args: [a, c],
    apply: (ops, [x, y]) => ops[name](x as Value, y as Value),
    show: ([x, y]) => `${name}(${String(x)}, ${String(y)})`,
  })
}

/** A literal number in the code, next to a register: `mul(v0, 1.5)`. */
const LITERALS = [0.5, -1.5, 2, 0.25] as const

const pick = <T>(xs: ReadonlyArray<T>, k: number): T => xs[k % xs.length] as T

/** One step of the plan, as one or more program steps on the registers [0, top). */
const realise = (bl: Builder, plan: StepPlan, top: number, options: Required<Omit<ProgramOptions, 'ops'>>): number => {
  // The first operand is an input or a result, latest first (a = 0 is the latest), so small plans are
  // chains from the input; the second is any register, constants included (b = 0 is x0).
  const primary = Array.from({ length: top }, (_, i) => top - 1 - i).filter(
    (i) => i < bl.constantsFrom || i >= bl.constantsTo,
  )
  const a = primary[plan.a % primary.length] as number
  const b = plan.b % top
  const kinds = [
    'add',
    'mul',
    'sub',
    'literal',
    'neg',
    'tanh',
    'sigmoid',
    'softplus',
    'square',
    'exp',
    'div',
    'log1p2',
    'sqrt1p2',
    'pow',
    'xlogy',
    'matmul',
    'transpose',
    'sum',
    'mean',
    'dot',
    'sumRows',
    'sumCols',
    'logSumExp',
    'logSumExpCols',
    'logSoftmax',
    'softmax',
    'reshape',
    'slice',
    'stack',
    'grad',
    'jvp',
    'relu',
    'abs',
    'sin',
    'cos',
    'log1pSquare',
    'expm1',
    'maximum',
    'minimum',
    'clip',
    'norm',
    'where',
  ] as const
  // where's branches below meet at 0 with equal first derivatives; the second jumps (to ∞)
  const kinked: ReadonlyArray<string> = ['relu', 'abs', 'maximum', 'minimum', 'clip', 'norm', 'where']
  const usable = kinds.filter(
    (k) => (options.kinks || !kinked.includes(k)) && (options.nested || (k !== 'grad' && k !== 'jvp')),
  )
  const kind = pick(usable, plan.op)
  switch (kind) {
    case 'add':
    case 'mul':
    case 'sub':
      return binary(bl, kind, a, b)
    case 'literal': {
      const lit = pick(LITERALS, plan.p)
      const name = pick(['add', 'mul', 'sub'] as const, plan.b)
      const left = plan.p % 2 === 0
      return push(bl, {
        args: [a],
        apply: (ops, [x]) => (left ? ops[name](lit, x as Value) : ops[name](x as Value, lit)),
        show: ([x]) => (left ? `${name}(${String(lit)}, ${String(x)})` : `${name}(${String(x)}, ${String(lit)})`),
      })
    }
    case 'neg':
    case 'tanh':
    case 'sigmoid':
    case 'softplus':
    case 'square':
    case 'exp':
    case 'sin':
    case 'cos':
    case 'expm1':
      return unary(bl, kind, a)
    case 'log1pSquare':
      return push(bl, {
        args: [a],
        apply: (ops, [x]) => ops.log1p(ops.square(x as Value)),
        show: ([x]) => `log1p(square(${String(x)}))`,
      })
    case 'maximum':
    case 'minimum':
      bl.kinks = true
      return binary(bl, kind, a, b)
    case 'clip':
      bl.kinks = true
      return push(bl, {
        args: [a],
        apply: (ops, [x]) => ops.clip(x as Value, -0.5, 0.5),
        show: ([x]) => `clip(${String(x)}, -0.5, 0.5)`,
      })
    case 'where':
      // x^{3/2} where x > 0, else x²: the first branch is NaN at x < 0, and so is its derivative, which
      // the double where keeps out of the gradient
      bl.kinks = true
      return push(bl, {
        args: [a],
        apply: (ops, [x]) =>
          ops.where(
            x as Value,
            x as Value,
            (v) => ops.mul(v, ops.sqrt(v)),
            (v) => ops.square(v),
          ),
        show: ([x]) => `where(${String(x)}, ${String(x)}, v => mul(v, sqrt(v)), v => square(v))`,
      })
    case 'norm':
      bl.kinks = true
      return push(bl, { args: [a], apply: (ops, [x]) => ops.norm(x as Value), show: ([x]) => `norm(${String(x)})` })
    case 'relu':
    case 'abs':
      bl.kinks = true
      return unary(bl, kind, a)
    case 'div': {
      // a ⊘ (1 + b²): a denominator that never comes near 0
      const c = compatible(bl, a, b)
      return push(bl, {
        args: [a, c],
        apply: (ops, [x, y]) => ops.div(x as Value, ops.add(1, ops.square(y as Value))),
        show: ([x, y]) => `div(${String(x)}, add(1, square(${String(y)})))`,
      })
    }
    case 'log1p2':
      return push(bl, {
        args: [a],
        apply: (ops, [x]) => ops.log(ops.add(ops.square(x as Value), 1)),
        show: ([x]) => `log(add(square(${String(x)}), 1))`,
      })
    case 'sqrt1p2':
      return push(bl, {
        args: [a],
        apply: (ops, [x]) => ops.sqrt(ops.add(1, ops.square(x as Value))),
        show: ([x]) => `sqrt(add(1, square(${String(x)})))`,
      })
    case 'pow': {
      const p = pick([3, -1.5, 0.5, 2] as const, plan.p)
      return push(bl, {
        args: [a],
        apply: (ops, [x]) => ops.pow(ops.add(ops.square(x as Value), 0.5), p),
        show: ([x]) => `pow(add(square(${String(x)}), 0.5), ${String(p)})`,
      })
    }
    case 'xlogy': {
      const c = compatible(bl, a, b)
      return push(bl, {
        args: [a, c],
        apply: (ops, [x, y]) => ops.xlogy(x as Value, ops.add(1, ops.square(y as Value))),
        show: ([x, y]) => `xlogy(${String(x)}, add(1, square(${String(y)})))`,
      })
    }
    case 'matmul':
      return product(bl, a, b)
    case 'transpose': {
      const m = asMatrix(bl, a)
      return push(bl, {
        args: [m],
        apply: (ops, [x]) => ops.transpose(x as Matrix),
        show: ([x]) => `transpose(${String(x)})`,
      })
    }
    case 'sum':
    case 'mean':
    case 'logSumExp':
      return push(bl, { args: [a], apply: (ops, [x]) => ops[kind](x as Value), show: ([x]) => `${kind}(${String(x)})` })
    case 'dot': {
      const c = compatible(bl, a, b)
      return push(bl, {
        args: [a, c],
        apply: (ops, [x, y]) => ops.dot(x as Value, y as Value),
        show: ([x, y]) => `dot(${String(x)}, ${String(y)})`,
      })
    }
    case 'sumRows':
    case 'sumCols':
    case 'logSumExpCols':
    case 'logSoftmax':
    case 'softmax': {
      const m = asMatrix(bl, a)
      return push(bl, {
        args: [m],
        apply: (ops, [x]) => ops[kind](x as Matrix),
        show: ([x]) => `${kind}(${String(x)})`,
      })
    }
    case 'reshape': {
      const m = asMatrix(bl, a)
      const [r, c] = (bl.regs[m] as Reg).shape as readonly [number, number]
      const [nr, nc] = pick(
        [
          [r * c, 1],
          [1, r * c],
          [c, r],
        ] as const,
        plan.p,
      )
      return push(bl, {
        args: [m],
        apply: (ops, [x]) => ops.reshape(x as Value, nr, nc),
        show: ([x]) => `reshape(${String(x)}, ${String(nr)}, ${String(nc)})`,
      })
    }
    case 'slice': {
      const m = asMatrix(bl, a)
      const [r, c] = (bl.regs[m] as Reg).shape as readonly [number, number]
      const r0 = plan.p % r
      const r1 = r0 + 1 + (plan.b % (r - r0))
      const c0 = (plan.p >> 1) % c
      const c1 = c0 + 1 + ((plan.b >> 1) % (c - c0))
      return push(bl, {
        args: [m],
        apply: (ops, [x]) => ops.slice(x as Matrix, r0, r1, c0, c1),
        show: ([x]) => `slice(${String(x)}, ${String(r0)}, ${String(r1)}, ${String(c0)}, ${String(c1)})`,
      })
    }
    case 'stack':
      return stack(bl, asMatrix(bl, a), asMatrix(bl, b))
    case 'grad':
    case 'jvp':
      return nested(bl, kind, plan, a, b, options)
  }
}

/** A matrix product of a and b in whichever of the four forms their shapes allow, else a product with a number. */
const product = (bl: Builder, a: number, b: number): number => {
  const sa = (bl.regs[a] as Reg).shape
  const sb = (bl.regs[b] as Reg).shape
  if (isScalarShape(sa) || isScalarShape(sb)) return binary(bl, 'mul', a, b)
  const form = sa[1] === sb[0] ? 'matmul' : sa[1] === sb[1] ? 'matmulNT' : sa[0] === sb[0] ? 'matmulTN' : undefined
  if (form === undefined)
    return binary(
      bl,
      'mul',
      a,
      push(bl, { args: [b], apply: (ops, [x]) => ops.mean(x as Value), show: ([x]) => `mean(${String(x)})` }),
    )
  return push(bl, {
    args: [a, b],
    apply: (ops, [x, y]) => ops[form](x as Matrix, y as Matrix),
    show: ([x, y]) => `${form}(${String(x)}, ${String(y)})`,
  })
}

/** Two matrices stacked along whichever side they share, else a matrix stacked on itself. */
const stack = (bl: Builder, a: number, b: number): number => {
  const [ra, ca] = (bl.regs[a] as Reg).shape as readonly [number, number]
  const [rb, cb] = (bl.regs[b] as Reg).shape as readonly [number, number]
  const [how, second] =
    ca === cb ? (['stackRows', b] as const) : ra === rb ? (['stackCols', b] as const) : (['stackRows', a] as const)
  return push(bl, {
    args: [a, second],
    apply: (ops, [x, y]) => ops[how]([x as Matrix, y as Matrix]),
    show: ([x, y]) => `${how}([${String(x)}, ${String(y)}])`,
  })
}

/**
 * A transform inside the program: `grad(y ↦ Σ body(y, …))(b)` or the
 * tangent of `jvp(y ↦ body(y, …))(b, t)`, where the body is a small program
 * of its own over y and the registers it closes over — values that the
 * outer transforms are differentiating, so their perturbations must be kept
 * apart from the inner one's.
 */
const nested = (
  bl: Builder,
  kind: 'grad' | 'jvp',
  plan: StepPlan,
  closed: number,
  at: number,
  options: Required<Omit<ProgramOptions, 'ops'>>,
): number => {
  const point = (bl.regs[at] as Reg).value
  const inner: Builder = {
    regs: [{ shape: shapeOf(point), value: point }, bl.regs[closed] as Reg],
    steps: [],
    constantsFrom: 1,
    constantsTo: 2,
    kinks: false,
  }
  const innerPlans = plan.inner.length === 0 ? [{ op: 1, a: 0, b: 1, p: 0 }] : plan.inner
  const last = innerPlans.reduce<number>(
    (_, s) => realise(inner, { ...s, inner: [] }, inner.regs.length, { ...options, nested: false }),
    0,
  )
  bl.kinks ||= inner.kinks
  const body = inner.steps
  const run = (ops: ProgramOps, y: Value, c: Value): Value => {
    const regs: Value[] = [y, c]
    body.forEach((s) =>
      regs.push(
        s.apply(
          ops,
          s.args.map((i) => regs[i] as Value),
        ),
      ),
    )
    return regs[last] as Value
  }
  const names = ['y', 'w']
  const text = body
    .map((s, i) => `u${String(i)} = ${s.show(s.args.map((k) => names[k] ?? `u${String(k - 2)}`))}`)
    .join('; ')
  const result = last < 2 ? names[last] : `u${String(last - 2)}`
  if (kind === 'grad') {
    return push(bl, {
      args: [closed, at],
      apply: (ops, [c, x]) => ops.grad((y) => ops.sum(run(ops, y, c as Value)))(x as Value),
      show: ([c, x]) => `grad(y ↦ sum(${String(result)}) where w = ${String(c)}; ${text})(${String(x)})`,
    })
  }
  return push(bl, {
    args: [closed, at],
    apply: (ops, [c, x]) => ops.jvp((y) => run(ops, y, c as Value))(x as Value, x as Value)[1],
    show: ([c, x]) => `jvp(y ↦ ${String(result)} where w = ${String(c)}; ${text})(${String(x)}, ${String(x)})[1]`,
  })
}

// ---------------------------------------------------------------------------------------------
// Inputs: leaves placed in a tree, with static values beside them

const STATIC_NAME = 'static'
const staticFunction = (z: number): number => z

/** The input tree with the given leaves: one leaf, an array, a record, or a nested tree with static values. */
const layoutInput = (layout: Layout, leaves: ReadonlyArray<unknown>): unknown => {
  switch (layout) {
    case 'leaf':
      return leaves[0]
    case 'array':
      return [...leaves]
    case 'record':
      return Object.fromEntries(leaves.map((l, i) => [`x${String(i)}`, l]))
    case 'nested':
      return {
        name: STATIC_NAME,
        first: [leaves[0], { act: staticFunction }],
        rest: { more: leaves.slice(1), flag: true },
      }
  }
}

/** The leaves of an input tree, in the order layoutInput placed them. */
const readInput = (layout: Layout, x: unknown): ReadonlyArray<unknown> => {
  switch (layout) {
    case 'leaf':
      return [x]
    case 'array':
      return x as ReadonlyArray<unknown>
    case 'record':
      return Object.values(x as Record<string, unknown>)
    case 'nested': {
      const t = x as { first: readonly [unknown]; rest: { more: ReadonlyArray<unknown> } }
      return [t.first[0], ...t.rest.more]
    }
  }
}

const drawValue = (shape: Shape, rng: Random.Rng): readonly [Value, Random.Rng] => {
  const [m, next] = Random.uniform(isScalarShape(shape) ? 1 : shape[0], isScalarShape(shape) ? 1 : shape[1], rng, {
    low: -2,
    high: 2,
  })
  // quarter steps: short to print, exact in binary
  const q = Matrix.map(m, (v) => Math.round(v * 4) / 4)
  return [isScalarShape(shape) ? Matrix.get(q, 0, 0) : q, next]
}

const drawAll = (shapes: ReadonlyArray<Shape>, rng: Random.Rng): readonly [ReadonlyArray<Value>, Random.Rng] =>
  shapes.reduce<readonly [ReadonlyArray<Value>, Random.Rng]>(
    ([acc, r], s) => {
      const [v, next] = drawValue(s, r)
      return [[...acc, v], next]
    },
    [[], rng],
  )

// ---------------------------------------------------------------------------------------------
// Running and printing

/**
 * The function a program computes, with a table of operations: input tree
 * ↦ output tree (one value, or `[first, { second }]`), or the sum of the
 * output registers' entries when `scalar` is set.
 *
 * @category programs
 */
export const runProgram =
  (program: Program, ops: ProgramOps = nablaOps, scalar = false) =>
  (x: unknown): unknown => {
    const regs: Value[] = [...(readInput(program.layout, x) as ReadonlyArray<Value>), ...program.constants]
    program.steps.forEach((s) =>
      regs.push(
        s.apply(
          ops,
          s.args.map((i) => regs[i] as Value),
        ),
      ),
    )
    const outs = program.outputs.map((i) => regs[i] as Value)
    if (scalar) return outs.map((o) => ops.sum(o)).reduce((acc, s) => ops.add(acc, s) as number)
    return outs.length === 1 ? outs[0] : [outs[0], { second: outs[1] }]
  }

const showValue = (v: unknown): string => {
  if (typeof v === 'number') return String(v)
  if (Matrix.isMatrix(v)) return JSON.stringify(Matrix.toRows(v))
  if (typeof v === 'function') return '<function>'
  if (Array.isArray(v)) return `[${v.map(showValue).join(', ')}]`
  if (typeof v === 'object' && v !== null) {
    return `{ ${Object.entries(v)
      .map(([k, u]) => `${k}: ${showValue(u)}`)
      .join(', ')} }`
  }
  return JSON.stringify(v)
}

/** A program as text: its input shapes, constants, steps and outputs. @category programs */
export const showProgram = (program: Program, scalar = false): string => {
  const names = [
    ...program.inputs.map((_, i) => `x${String(i)}`),
    ...program.constants.map((_, i) => `c${String(i)}`),
    ...program.steps.map((_, i) => `v${String(i)}`),
  ]
  const shapes = [...program.inputs, ...program.constants.map(shapeOf), ...program.steps.map((s) => s.shape)]
  const input = showValue(
    layoutInput(
      program.layout,
      program.inputs.map((_, i) => `x${String(i)}`),
    ),
  )
  const outNames = program.outputs.map((i) => names[i] ?? '?')
  const lines = [
    `input ${input.replace(/"/g, '')}: ${program.inputs.map((s, i) => `x${String(i)} ${showShape(s)}`).join(', ')}`,
    ...program.constants.map((c, i) => `c${String(i)} = ${showValue(c)}`),
    ...program.steps.map(
      (s, i) =>
        `v${String(i)} = ${s.show(s.args.map((k) => names[k] ?? '?'))}   : ${showShape(shapes[program.inputs.length + program.constants.length + i] ?? 'scalar')}`,
    ),
    scalar
      ? `return ${outNames.map((n) => `sum(${n})`).join(' + ')}`
      : `return ${outNames.length === 1 ? (outNames[0] ?? '?') : `[${outNames[0] ?? '?'}, { second: ${outNames[1] ?? '?'} }]`}`,
  ]
  return lines.join('\n')
}

/** Builds the program and its point from a plan. */
const fromPlan = (plan: Plan, options: Required<Omit<ProgramOptions, 'ops'>>): ProgramCase => {
  const inputs = plan.inputs.map((k) => SHAPES[k] as Shape)
  const layout: Layout =
    inputs.length === 1 && plan.layout === 0 ? 'leaf' : pick(['array', 'record', 'nested'] as const, plan.layout)
  const [leaves, rng] = drawAll(inputs, Random.seed(plan.seed))
  const [constants] = drawAll(
    plan.constants.map((k) => SHAPES[k] as Shape),
    rng,
  )
  const bl: Builder = {
    regs: [...leaves, ...constants].map((value) => ({ shape: shapeOf(value), value })),
    steps: [],
    constantsFrom: leaves.length,
    constantsTo: leaves.length + constants.length,
    kinks: false,
  }
  const last = plan.steps.reduce<number>((_, s) => realise(bl, s, bl.regs.length, options), 0)
  const second = last - plan.outputs
  const program: Program = {
    inputs,
    layout,
    constants,
    steps: bl.steps,
    outputs: plan.outputs > 0 && second >= 0 ? [last, second] : [last],
    kinks: bl.kinks,
  }
  const x = layoutInput(layout, leaves)
  const text = (): string => `${showProgram(program, options.scalar)}\nat ${showValue(x)}`
  return { program, x, toString: text, [fc.toStringMethod]: text }
}

/**
 * Random programs of nabla's public operations, each with a point to
 * differentiate it at. Shrinking removes steps and simplifies the rest,
 * so a failure comes out as a program of a step or two.
 *
 * @category programs
 */
export const programs = (options: ProgramOptions = {}): fc.Arbitrary<ProgramCase> => {
  const settings = {
    maxSteps: options.maxSteps ?? 6,
    kinks: options.kinks ?? false,
    nested: options.nested ?? true,
    scalar: options.scalar ?? false,
  }
  return planArbitrary(settings.maxSteps).map((plan) => fromPlan(plan, settings))
}
