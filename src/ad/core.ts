import type { Matrix } from '../matrix/Matrix.js'
import { zeros } from '../matrix/construct.js'
import { rawReadError } from '../matrix/internal.js'

/**
 * A value nabla can differentiate: a number or a matrix.
 *
 * Inside a transform, the function being differentiated receives *tracers*
 * in place of these values: objects that look like a number or a matrix to
 * nabla's operations and carry the derivative information of one transform.
 * Outside every transform, operations see plain numbers and matrices and
 * just compute.
 *
 * @category model
 */
export type Value = number | Matrix

/**
 * One running transform: a `jvp` (forward mode) or a `vjp` (reverse mode)
 * invocation. `level` is its nesting depth (1 for the outermost transform);
 * an operation on tracers of several transforms is interpreted by the
 * innermost one first, which is what keeps nested perturbations apart.
 *
 * A trace interprets the primitives applied to its own tracers: forward
 * mode pushes their tangents through the JVP rules, reverse mode records
 * them on its tape. `bind` only finds the innermost trace among the
 * arguments and hands the operation to it; it knows no mode.
 */
export interface Trace {
  readonly level: number
  /** False once the transform has returned: its tracers must not be used any more. */
  readonly isActive: () => boolean
  /** Applies `prim` to `args`, some of which are this trace's tracers, and returns this trace's tracer of the result. */
  readonly process: <P>(prim: Primitive<P>, args: ReadonlyArray<AnyValue>, params: P) => AnyValue
  /**
   * Optional, for traces that report where they are (`checkFinite`): told
   * by an inner transform that the operations from now on belong to one of
   * its derivative passes ("the pullback (VJP) of tanh"); returns the
   * function that ends that pass. A trace without it is never told.
   */
  readonly enter?: (pass: string) => () => void
}

/** A recorded operation: which primitive ran, on what, and what it returned. */
export interface TapeEntry {
  readonly prim: Primitive
  /** The primal arguments (values of lower levels). */
  readonly args: ReadonlyArray<AnyValue>
  readonly params: unknown
  readonly out: AnyValue
  /** For each argument, the tape index of the node it came from, or −1 if it is a constant of this trace. */
  readonly parents: ReadonlyArray<number>
}

/**
 * A value that may, at run time, be a tracer standing for one. Tracers are
 * typed as the values they stand for — that is exactly how the user's
 * function sees them — and recognised with `instanceof Tracer`.
 */
export type AnyValue = Value

const RAW_READ =
  'is being differentiated, so its raw entries cannot be read without dropping its derivative. ' +
  "Use nabla's differentiable operations on it, or read `stopGradient(x)` if you mean to treat it as a constant."

/**
 * A value under differentiation. It has the shape of the value it stands
 * for (`rows`, `cols`, or `isScalar`), but reading its entries (handing it
 * to a raw `Matrix` function) or using it in JavaScript arithmetic throws:
 * that would silently drop the derivative.
 */
export class Tracer {
  readonly rows: number
  readonly cols: number
  readonly isScalar: boolean

  constructor(
    readonly trace: Trace,
    /** The value this tracer stands for, itself possibly a tracer of an outer transform. */
    readonly primal: AnyValue,
    /** Forward mode: the tangent (undefined when it is zero). */
    readonly tangent: AnyValue | undefined,
    /** Reverse mode: this tracer's index in its trace's tape (−1 for an input). */
    readonly node: number,
    /**
     * The shape of the value it stands for, when that is not the primal's
     * (`vmap`: the primal holds a whole batch, the tracer stands for one
     * example): rows, columns, and whether it is a number.
     */
    shape?: readonly [number, number, boolean],
  ) {
    const [rows, cols, isScalar] = shape ?? shapeInfo(primal)
    this.rows = rows
    this.cols = cols
    this.isScalar = isScalar
  }

  /** Handed to a raw matrix function (`Matrix.toArray`, `Matrix.sum`, …), a tracer says why it cannot be read. */
  [rawReadError](): TypeError {
    return new TypeError(`a ${this.describe()} ${RAW_READ}`)
  }

  [Symbol.toPrimitive](): never {
    throw new TypeError(
      `a ${this.describe()} was used in JavaScript arithmetic or converted to a primitive; ` +
        `use nabla's operations (add, mul, …) on values being differentiated, or stopGradient(x) for a constant`,
    )
  }

  /**
   * This tracer with the derivatives under it cut (`stopGradient`), given
   * how to cut a value: for a tracer of a derivative, its primal cut. A
   * tracer that is not a derivative (a `vmap` batch) keeps its place.
   */
  cut(strip: (v: AnyValue) => AnyValue): AnyValue {
    return strip(this.primal)
  }

  /** The values under this tracer: its primal (a `vmap` batch may hold one per example). */
  held(): ReadonlyArray<AnyValue> {
    return [this.primal]
  }

  protected describe(): string {
    return this.isScalar ? 'scalar' : `${String(this.rows)}×${String(this.cols)} matrix`
  }
}

/** A tracer, typed as the value it stands for (see {@link AnyValue}). */
export const asValue = (t: Tracer): Value => t as unknown as Value

/** A value's rows, columns and whether it is a number (a tracer's: those of the value it stands for). */
export const shapeInfo = (v: AnyValue): readonly [number, number, boolean] =>
  typeof v === 'number' ? [1, 1, true] : v instanceof Tracer ? [v.rows, v.cols, v.isScalar] : [v.rows, v.cols, false]

/** Shape of a value: `undefined` for a scalar, `[rows, cols]` for a matrix. */
export const shapeOfValue = (v: AnyValue): readonly [number, number] | undefined =>
  typeof v === 'number'
    ? undefined
    : v instanceof Tracer
      ? v.isScalar
        ? undefined
        : [v.rows, v.cols]
      : [v.rows, v.cols]

/** Whether two values have the same shape: both scalars, or matrices of equal rows and columns. */
export const sameShape = (a: AnyValue, b: AnyValue): boolean => {
  const sa = shapeOfValue(a)
  const sb = shapeOfValue(b)
  return sa === undefined || sb === undefined ? sa === sb : sa[0] === sb[0] && sa[1] === sb[1]
}

/** A zero of the same shape as v (a plain constant). */
export const zerosLike = (v: AnyValue): Value => {
  const s = shapeOfValue(v)
  return s === undefined ? 0 : zeros(s[0], s[1])
}

/** The primal of `v` as seen by trace `t`: unwraps t's own tracers, leaves others alone. */
export const primalAt = (t: Trace, v: AnyValue): AnyValue => (v instanceof Tracer && v.trace === t ? v.primal : v)

/**
 * The `enter` hooks of the transforms under a value: its own trace's, then
 * those of the tracers it stands for, outwards. Empty for a plain value,
 * and almost always empty otherwise: only `checkFinite` has one.
 */
export const enterHooks = (v: AnyValue | undefined): ReadonlyArray<(pass: string) => () => void> => {
  // eslint-disable-next-line functional/no-let -- a walk down one chain of tracers
  let hooks: ((pass: string) => () => void)[] | undefined
  // eslint-disable-next-line functional/no-let -- likewise
  let at = v
  // eslint-disable-next-line functional/no-loop-statements -- likewise
  while (at instanceof Tracer) {
    const hook = at.trace.enter
    // eslint-disable-next-line functional/immutable-data -- the list of this call
    if (hook !== undefined) (hooks ??= []).push(hook)
    at = at.primal
  }
  return hooks ?? NO_HOOKS
}

const NO_HOOKS: ReadonlyArray<(pass: string) => () => void> = Object.freeze([])

/** Enters a pass in each hook; returns the function that leaves them all. */
export const enterPass = (hooks: ReadonlyArray<(pass: string) => () => void>, pass: string): (() => void) => {
  if (hooks.length === 0) return noop
  const leaves = hooks.map((h) => h(pass))
  return () => {
    leaves.forEach((leave) => {
      leave()
    })
  }
}

const noop = (): void => undefined

/** Whether `v` is a tracer of trace `t` (not of an outer one, not a plain value). */
export const isTracerOf = (t: Trace, v: AnyValue): v is AnyValue & Tracer => v instanceof Tracer && v.trace === t

const describeValue = (v: AnyValue): string => {
  const s = shapeOfValue(v)
  return s === undefined ? 'a scalar' : `a ${String(s[0])}×${String(s[1])} matrix`
}

/**
 * A derivative rule must return exactly the shape it stands for: a JVP the
 * shape of the primitive's output, a VJP the shape of its argument (a
 * number for a number, never a 1×1 matrix for one). A rule that does not is
 * a bug in that rule, which this reports by name instead of letting a wrong
 * shape flow into later operations (where it would be broadcast silently).
 */
export const checkRuleShape = (
  prim: { readonly name: string },
  kind: 'JVP' | 'VJP',
  argument: number | undefined,
  result: AnyValue,
  expected: AnyValue,
): AnyValue => {
  if (sameShape(result, expected)) return result
  const along = argument === undefined ? '' : ` along argument ${String(argument)}`
  const wants = kind === 'JVP' ? "the output's shape" : "that argument's shape"
  throw new TypeError(
    `the ${kind} rule of ${prim.name}${along} returned ${describeValue(result)}, but must return ${wants}, ${describeValue(expected)}`,
  )
}

/**
 * A primitive operation: the unit that both interpreters understand.
 *
 * - `impl` computes the value on plain numbers and matrices (raw kernels);
 * - `jvp[i]` is the partial pushforward along argument i: given the tangent
 *   tᵢ of that argument it returns (∂f/∂xᵢ)·tᵢ;
 * - `vjp[i]` is the partial pullback along argument i: given the output
 *   cotangent c it returns cᵀ·(∂f/∂xᵢ), shaped like argument i.
 *
 * Rules are written with nabla's differentiable operations, never raw
 * kernels, so they can themselves be differentiated: that is what makes
 * `grad(grad(f))` and `jvp(grad(f))` work. An argument whose rule is
 * `undefined` is not differentiable (an index, say): its tangent and
 * cotangent are taken as zero.
 */
export interface Primitive<P = unknown> {
  readonly name: string
  readonly impl: (args: ReadonlyArray<Value>, params: P) => Value
  readonly jvp: ReadonlyArray<PartialRule<P> | undefined>
  readonly vjp: ReadonlyArray<PartialRule<P> | undefined>
  /**
   * Optional rules over all arguments at once, used instead of the partial
   * ones when present (custom rules, whose user-given rule is one function).
   * An `undefined` tangent or cotangent is zero.
   */
  readonly jvpAll?: (
    tangents: ReadonlyArray<AnyValue | undefined>,
    args: ReadonlyArray<AnyValue>,
    out: AnyValue,
    params: P,
  ) => AnyValue
  readonly vjpAll?: (
    c: AnyValue,
    args: ReadonlyArray<AnyValue>,
    out: AnyValue,
    params: P,
  ) => ReadonlyArray<AnyValue | undefined>
}

/** A partial JVP or VJP: (tangent or cotangent, primal arguments, primal output, params) ↦ result. */
export type PartialRule<P = unknown> = (
  t: AnyValue,
  args: ReadonlyArray<AnyValue>,
  out: AnyValue,
  params: P,
) => AnyValue
