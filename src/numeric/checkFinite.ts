/**
 * A checked mode: a function run so that the first NaN or ∞ it computes,
 * in its forward pass or in any derivative pass of the transforms inside
 * it, stops it with a report that says where the value came from.
 *
 * @module
 */
import { either as E } from 'fp-ts'
import { withTrace, bind } from '../ad/bind.js'
import { Tracer, asValue, primalAt, type AnyValue, type Primitive, type Trace, type Value } from '../ad/core.js'
import { leaves, paths, rebuild, type TreePath } from '../ad/Tree.js'
import { buffer } from '../matrix/internal.js'

/** An operand of the operation that produced a non-finite value: its shape and whether it was finite. @category checks */
export interface OperandReport {
  /** `scalar` or `rows×cols`. */
  readonly shape: string
  readonly finite: boolean
}

/**
 * Where a NaN or ∞ first appeared, as {@link checkFinite} reports it.
 *
 * @category checks
 */
export interface NonFinite {
  /** The primitive that produced it (`log`, `div`, `matmul`, …), or `input` for an argument. */
  readonly op: string
  /**
   * `forward`, or the derivative pass it happened in, named after the
   * primitive whose rule ran: `the pullback (VJP) of tanh`, `the tangent
   * (JVP) of exp`. For an input: `input`.
   */
  readonly pass: string
  /** The first non-finite entry: NaN, Infinity or -Infinity. */
  readonly value: number
  /** Where it is in the result: `scalar`, or the row and column. */
  readonly at: 'scalar' | readonly [number, number]
  /** The shape of the result that holds it. */
  readonly shape: string
  /** The operands of the operation, in order (empty for an input). */
  readonly operands: ReadonlyArray<OperandReport>
  /** For an input: its path in the arguments (`[0, 'w']` is the first argument's `w`). */
  readonly path: TreePath | undefined
  /** The first stack frame outside nabla, `file:line:column`, where the runtime gives one. */
  readonly callSite: string | undefined
  /** All of the above as one readable sentence. */
  readonly message: string
}

const shapeText = (v: Value): string => (typeof v === 'number' ? 'scalar' : `${String(v.rows)}×${String(v.cols)}`)

/** The plain value under any tracers of outer transforms. */
const plain = (v: AnyValue): Value => (v instanceof Tracer ? plain(v.primal) : v)

/**
 * The plain value under v that holds a non-finite entry, if any: under
 * `vmap` a value holds the whole batch (one matrix of examples, or one
 * value per example), and every example is checked.
 */
const nonFiniteUnder = (v: AnyValue): Value | undefined =>
  v instanceof Tracer
    ? v.held().reduce<Value | undefined>((found, h) => found ?? nonFiniteUnder(h), undefined)
    : firstNonFinite(v) >= 0
      ? v
      : undefined

/** The index of the first non-finite entry of a plain value, or −1. */
const firstNonFinite = (v: Value): number => {
  if (typeof v === 'number') return Number.isFinite(v) ? -1 : 0
  return buffer(v).findIndex((x) => !Number.isFinite(x))
}

const entryAt = (v: Value, i: number): number => (typeof v === 'number' ? v : (buffer(v)[i] as number))

const locationOf = (v: Value, i: number): 'scalar' | readonly [number, number] =>
  typeof v === 'number' ? 'scalar' : [Math.floor(i / v.cols), i % v.cols]

const showNumber = (x: number): string => (Number.isNaN(x) ? 'NaN' : x > 0 ? '+∞' : '−∞')

const showLocation = (at: 'scalar' | readonly [number, number], shape: string, what: string): string =>
  at === 'scalar' ? 'as a scalar' : `at (${String(at[0])}, ${String(at[1])}) of a ${shape} ${what}`

/** nabla's own source folder, to tell its stack frames from the caller's (undefined where the runtime hides it). */
const ownFolder = ((): ReadonlyArray<string> => {
  try {
    const url = new URL('../', import.meta.url)
    return url.protocol === 'file:' ? [url.href, decodeURIComponent(url.pathname)] : [url.href]
  } catch {
    return []
  }
})()

/** Stack frames enough to get out of nabla's own from deep inside a derivative pass. */
const STACK_FRAMES = 100

/**
 * The innermost frame of the current stack that is not nabla's nor the
 * runtime's, as `file:line:column` (at most 200 characters). Taken once,
 * when a non-finite value has been found: the stack depth limit is raised
 * for that one synchronous capture and set back at once.
 */
const callSite = (): string | undefined => {
  if (ownFolder.length === 0) return undefined
  const limit = Error.stackTraceLimit
  // eslint-disable-next-line functional/immutable-data -- raised for one synchronous capture, set back on the next line
  Error.stackTraceLimit = STACK_FRAMES
  const stack = new Error().stack ?? ''
  // eslint-disable-next-line functional/immutable-data -- set back
  Error.stackTraceLimit = limit
  const location = stack
    .split('\n')
    .slice(1)
    .map((frame) => /\(?((?:file:\/\/|\/|[A-Za-z]:\\|https?:\/\/)[^()\s]*:\d+:\d+)\)?\s*$/.exec(frame)?.[1])
    .find((l) => l !== undefined && !ownFolder.some((own) => l.startsWith(own)))
  return location?.slice(0, 200)
}

const report = (
  fields: Omit<NonFinite, 'message' | 'value' | 'at' | 'shape'>,
  out: Value,
  index: number,
): NonFinite => {
  const value = entryAt(out, index)
  const at = locationOf(out, index)
  const shape = shapeText(out)
  const operands = fields.operands.map((o) => `${o.shape} (${o.finite ? 'finite' : 'not finite'})`).join(', ')
  const where = fields.callSite === undefined ? '' : `; called at ${fields.callSite}`
  const pass = fields.pass === 'forward' ? 'the forward pass' : fields.pass
  const message =
    fields.op === 'input'
      ? `the argument at ${JSON.stringify(fields.path ?? [])} holds ${showNumber(value)} ${showLocation(at, shape, 'matrix')}`
      : `${fields.op} produced ${showNumber(value)} ${showLocation(at, shape, 'result')} in ${pass}, ` +
        `from operands ${operands}${where}`
  return Object.freeze({ ...fields, value, at, shape, message })
}

/** Thrown through the user's function to stop it at the first non-finite value; caught by checkFinite alone. */
class Stop extends Error {
  constructor(readonly found: NonFinite) {
    super(found.message)
  }
}

/** A checking trace: the pass it is in (told by the transforms inside), and the operations it sees. */
interface CheckingTrace extends Trace {
  readonly passes: string[]
}

/**
 * f run in a checked mode: `Right` of what f returns when every value it
 * computes is finite, and otherwise a `Left` that names the first
 * operation whose result held a NaN or ∞ — the primitive, the pass
 * (forward, or the pullback or tangent rule of which primitive, for `grad`,
 * `vjp`, `jvp`, … inside f), the first bad entry, its operands' shapes and
 * whether they were finite, and the caller's line where the runtime gives
 * a stack. An argument that holds a NaN or ∞ is reported before anything
 * runs.
 *
 * It watches every operation that depends on an argument, in f and in the
 * derivative passes of the transforms inside f (operations on constants
 * alone are computed once, plainly, and show up when they meet an
 * argument, as a non-finite operand). f stops at the first such value, so
 * no work is done past it. The value in a `Right` is, bit for bit, what f
 * gives unchecked.
 *
 * @example
 * const f = (x: Matrix) => sum(log(x))
 * checkFinite(grad(f))(Matrix.row([1, 0]))
 * // Left: "log produced −∞ at (0, 1) of a 1×2 result in forward from 1×2 (finite); called at …"
 * @category checks
 */
export const checkFinite =
  <A extends ReadonlyArray<unknown>, R>(f: (...args: A) => R) =>
  (...args: A): E.Either<NonFinite, R> => {
    const xs = leaves(args, 'argument')
    const bad = xs.findIndex((x) => firstNonFinite(plain(x)) >= 0)
    if (bad >= 0) {
      const x = plain(xs[bad] as AnyValue)
      const path = paths(args, 'argument')[bad]
      return E.left(
        report({ op: 'input', pass: 'input', operands: [], path, callSite: undefined }, x, firstNonFinite(x)),
      )
    }
    try {
      return E.right(
        withTrace(
          (level, isActive): CheckingTrace => {
            const passes: string[] = []
            const t: CheckingTrace = {
              level,
              isActive,
              passes,
              enter: (pass) => {
                // eslint-disable-next-line functional/immutable-data -- the passes of this call, a stack
                passes.push(pass)
                return () => {
                  // eslint-disable-next-line functional/immutable-data -- likewise
                  passes.pop()
                }
              },
              process: <P>(prim: Primitive<P>, operands: ReadonlyArray<AnyValue>, params: P): AnyValue => {
                const primals = operands.map((a) => primalAt(t, a))
                const out = bind(prim, primals, params)
                const bad = nonFiniteUnder(out)
                if (bad !== undefined) {
                  throw new Stop(
                    report(
                      {
                        op: prim.name,
                        pass: passes[passes.length - 1] ?? 'forward',
                        operands: primals.map((a) => ({
                          shape: shapeText(plain(a)),
                          finite: nonFiniteUnder(a) === undefined,
                        })),
                        path: undefined,
                        callSite: callSite(),
                      },
                      bad,
                      firstNonFinite(bad),
                    ),
                  )
                }
                return asValue(new Tracer(t, out, undefined, -1))
              },
            }
            return t
          },
          (t) => {
            const traced = rebuild(
              args,
              xs.map((x) => asValue(new Tracer(t, x, undefined, -1))),
              'argument',
            )
            const y = f(...traced)
            return rebuild(
              y,
              leaves(y, 'output').map((o) => primalAt(t, o)),
              'output',
            )
          },
        ),
      )
    } catch (e) {
      if (e instanceof Stop) return E.left(e.found)
      throw e
    }
  }
