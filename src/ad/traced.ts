import { withTrace } from './bind.js'
import {
  Tracer,
  asValue,
  isTracerOf,
  primalAt,
  shapeOfValue,
  type AnyValue,
  type Primitive,
  type Trace,
  type Value,
} from './core.js'
import { bind } from './bind.js'
import { toRows } from '../matrix/construct.js'
import { leaves, rebuild } from './Tree.js'

/**
 * A traced program, as JAX's jaxpr or the graph micrograd draws: the
 * inputs, the equations in the order they ran — each a primitive applied
 * to earlier variables and constants, with its parameters and the shape of
 * what it returned — and the outputs. It is an immutable value: print it
 * (`showTraced`), evaluate it (`evalTraced`, bit for bit what the
 * function computed), or draw it (`tracedSvg`).
 *
 * It is traced with the values at hand: an `if` on a value, or a
 * `stopGradient` shift such as `logSumExp`'s, is recorded as it went at
 * that point.
 *
 * @category traced programs
 */
export interface TracedProgram {
  readonly inputs: ReadonlyArray<Variable>
  readonly equations: ReadonlyArray<Equation>
  readonly outputs: ReadonlyArray<Atom>
  /** The structure of the input (a tree), whose leaves are the inputs in order. */
  readonly inputTree: unknown
  /** The structure of the output, whose leaves are the outputs in order. */
  readonly outputTree: unknown
}

/** The shape of a value: `'scalar'` or `[rows, cols]`. @category traced programs */
export type TracedShape = 'scalar' | readonly [number, number]

/** A variable of a program: an input, or the result of an equation. @category traced programs */
export interface Variable {
  readonly kind: 'variable'
  /** Its number: inputs first, then equation results, in order. */
  readonly id: number
  readonly shape: TracedShape
  /** The value it had when the program was traced. */
  readonly value: Value
}

/** A value the program closes over, which no input changes. @category traced programs */
export interface Constant {
  readonly kind: 'constant'
  readonly shape: TracedShape
  readonly value: Value
}

/** An operand: a variable or a constant. @category traced programs */
export type Atom = Variable | Constant

/** One step of a program: `out = primitive(operands; params)`. @category traced programs */
export interface Equation {
  readonly primitive: Primitive
  readonly operands: ReadonlyArray<Atom>
  readonly params: unknown
  readonly out: Variable
}

const shapeOf = (v: AnyValue): TracedShape => {
  const s = shapeOfValue(v)
  return s === undefined ? 'scalar' : s
}

/** The plain value under any tracers of enclosing transforms (what the program saw). */
const plain = (v: AnyValue): Value => (v instanceof Tracer ? plain(v.primal) : v)

/**
 * The program f runs at x: f is called once, on tracers that record every
 * primitive applied to them (transforms inside f record their own work,
 * backward passes included, as ordinary equations).
 *
 * @example
 * const p = trace((w: Matrix) => sum(tanh(matmul(w, x))))(w0)
 * showTraced(p)   // { lambda a:2×3 . let b:2×1 = matmul a c0; c:2×1 = tanh b; d = sum c in d }
 * @category traced programs
 */
export const trace =
  <X>(f: (x: X) => unknown) =>
  (x: X): TracedProgram =>
    withTrace(
      (level, isActive): Trace & { readonly equations: Equation[]; readonly vars: Variable[] } => {
        const equations: Equation[] = []
        const vars: Variable[] = []
        const t: Trace & { readonly equations: Equation[]; readonly vars: Variable[] } = {
          level,
          isActive,
          equations,
          vars,
          process: <P>(prim: Primitive<P>, args: ReadonlyArray<AnyValue>, params: P): AnyValue => {
            const primals = args.map((a) => primalAt(t, a))
            const out = bind(prim, primals, params)
            const operands = args.map((a): Atom =>
              isTracerOf(t, a) ? (vars[a.node] as Variable) : { kind: 'constant', shape: shapeOf(a), value: plain(a) },
            )
            const v: Variable = { kind: 'variable', id: vars.length, shape: shapeOf(out), value: plain(out) }
            // eslint-disable-next-line functional/immutable-data -- the program being recorded, local to this call
            vars.push(v)
            // eslint-disable-next-line functional/immutable-data -- likewise
            equations.push({ primitive: prim as Primitive, operands, params, out: v })
            return asValue(new Tracer(t, out, undefined, v.id))
          },
        }
        return t
      },
      (t) => {
        const xs = leaves(x)
        const inputs = xs.map((xi, i): Variable => ({ kind: 'variable', id: i, shape: shapeOf(xi), value: plain(xi) }))
        // eslint-disable-next-line functional/immutable-data -- the inputs are the first variables
        t.vars.push(...inputs)
        const y = f(
          rebuild(
            x,
            inputs.map((v, i) => asValue(new Tracer(t, xs[i] as AnyValue, undefined, v.id))),
          ),
        )
        const outputs = leaves(y, 'output').map((o): Atom =>
          isTracerOf(t, o) ? (t.vars[o.node] as Variable) : { kind: 'constant', shape: shapeOf(o), value: plain(o) },
        )
        return Object.freeze({
          inputs: Object.freeze(inputs),
          equations: Object.freeze([...t.equations]),
          outputs: Object.freeze(outputs),
          inputTree: x,
          outputTree: rebuild(
            y,
            outputs.map((o) => o.value),
            'output',
          ),
        })
      },
    )

/**
 * The function a program computes: its equations replayed with the same
 * primitives and parameters, on an input of the program's structure and
 * shapes. At the point it was traced it gives, bit for bit, what the traced
 * function gave; it can be differentiated like any function of nabla's ops.
 *
 * @category traced programs
 */
export const evalTraced =
  (program: TracedProgram) =>
  (x: unknown): unknown => {
    const xs = leaves(x)
    if (xs.length !== program.inputs.length) {
      throw new TypeError(
        `evalTraced: the program has ${String(program.inputs.length)} inputs, the argument ${String(xs.length)} leaves`,
      )
    }
    const values = new Map<number, AnyValue>(xs.map((v, i) => [i, v]))
    const valueOf = (a: Atom): AnyValue => (a.kind === 'constant' ? a.value : (values.get(a.id) as AnyValue))
    program.equations.forEach((e) => {
      // eslint-disable-next-line functional/immutable-data -- the values of one evaluation, local to it
      values.set(e.out.id, bind(e.primitive, e.operands.map(valueOf), e.params))
    })
    return rebuild(program.outputTree, program.outputs.map(valueOf), 'output')
  }

const showShape = (s: TracedShape): string => (s === 'scalar' ? 'scalar' : `${String(s[0])}×${String(s[1])}`)

/** Variable names a, b, …, z, a1, b1, …: short, as jaxprs print them. */
const nameOf = (id: number): string => {
  const letter = String.fromCharCode(97 + (id % 26))
  return id < 26 ? letter : `${letter}${String(Math.floor(id / 26))}`
}

const showValue = (v: Value): string => {
  if (typeof v === 'number') return String(v)
  return v.rows * v.cols <= 4
    ? JSON.stringify(toRows(v)).replace(/,/g, ', ')
    : `(${showShape([v.rows, v.cols])} constant)`
}

const showParams = (p: unknown): string =>
  p === undefined || p === null
    ? ''
    : typeof p === 'object'
      ? `[${Object.entries(p as Record<string, unknown>)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(' ')}]`
      : `[${JSON.stringify(p)}]`

/**
 * A program as text, in the manner of a jaxpr:
 *
 *     { lambda a:2×3 b:scalar .
 *       let c:2×3 = add a b
 *           d:scalar = sum c
 *       in d }
 *
 * @category traced programs
 */
export const showTraced = (program: TracedProgram): string => {
  const atom = (a: Atom): string => (a.kind === 'variable' ? nameOf(a.id) : showValue(a.value))
  const head = `{ lambda ${program.inputs.map((v) => `${nameOf(v.id)}:${showShape(v.shape)}`).join(' ')} .`
  const lines = program.equations.map(
    (e) =>
      `${nameOf(e.out.id)}:${showShape(e.out.shape)} = ${e.primitive.name}${showParams(e.params)} ${e.operands.map(atom).join(' ')}`,
  )
  const body = lines.length === 0 ? [] : [`  let ${lines[0] as string}`, ...lines.slice(1).map((l) => `      ${l}`)]
  return [
    head,
    ...body,
    `  in ${program.outputs.length === 1 ? atom(program.outputs[0] as Atom) : `(${program.outputs.map(atom).join(', ')})`} }`,
  ].join('\n')
}
