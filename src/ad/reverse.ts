/* eslint-disable functional/no-loop-statements, functional/no-let, functional/immutable-data --
 * The backward pass walks the tape of one call from the end, accumulating
 * cotangents in an array allocated for that pass alone.
 */
import { ShapeError } from '../matrix/ShapeError.js'
import { bind, withTrace } from './bind.js'
import { addPrim } from './ops/add.js'
import type { AnyValue, Primitive, TapeEntry, Trace } from './core.js'
import {
  Tracer,
  asValue,
  checkRuleShape,
  enterHooks,
  enterPass,
  isTracerOf,
  primalAt,
  sameShape,
  zerosLike,
} from './core.js'
import { tangentOf } from './forward.js'
import { leaves, rebuild } from './Tree.js'
import { describeShape } from './declare.js'

/** The pullback of a function at a point: output cotangent ↦ input cotangent, a pure function. */
export type Pullback<X, Y> = (cotangent: Y) => X

/** Marks the inputs on a tape: they have no primitive and no parents. */
const inputPrim: Primitive = {
  name: 'input',
  impl: () => 0,
  jvp: [],
  vjp: [],
}

/**
 * The Wengert list of one reverse-mode call: append-only while the function
 * runs, read backwards by the pullback. It belongs to that call alone.
 */
type Tape = TapeEntry[]

/** A reverse-mode trace, with the tape it records on. */
interface TapedTrace extends Trace {
  readonly tape: Tape
}

/**
 * Reverse mode's interpretation of a primitive: the primal output from the
 * primals, and an entry on the tape — the primitive, its primal arguments
 * and output, and which tape nodes the arguments came from — for the
 * pullback to run its VJP rules later.
 */
const recordPrimitive =
  (trace: Trace, tape: Tape) =>
  <P>(prim: Primitive<P>, args: ReadonlyArray<AnyValue>, params: P): AnyValue => {
    const primals = args.map((a) => primalAt(trace, a))
    const out = bind(prim, primals, params)
    const parents = args.map((a) => (isTracerOf(trace, a) ? a.node : -1))
    tape.push({ prim: prim as Primitive, args: primals, params, out, parents })
    return asValue(new Tracer(trace, out, undefined, tape.length - 1))
  }

/** The pushforward of a function at a point: input tangent ↦ output tangent, J·u, a pure function. */
export type Pushforward<X, Y> = (tangent: X) => Y

/** What recording f at x on a tape gives: the plain output, and the two linear maps the tape defines. */
export interface Recording<X, Y> {
  readonly y: Y
  /** cᵀ ↦ cᵀ·J, replaying the tape backwards with the VJP rules. */
  readonly pullback: Pullback<X, Y>
  /** u ↦ J·u, replaying the tape forwards with the JVP rules, without evaluating f again. */
  readonly pushforward: Pushforward<X, Y>
}

/**
 * Runs f on tracers of a new reverse-mode trace. Returns the plain output
 * tree and the pullback, which replays the tape backwards.
 */
export const linearizeReverse = <X, Y>(f: (x: X) => Y, x: X): readonly [Y, Pullback<X, Y>] => {
  const { y, pullback } = record(f, x)
  return [y, pullback]
}

/**
 * Runs f once on tracers of a new reverse-mode trace and keeps its tape:
 * the plain output tree, the pullback and the pushforward (linearization).
 */
export const record = <X, Y>(f: (x: X) => Y, x: X): Recording<X, Y> =>
  withTrace(
    (level, isActive): TapedTrace => {
      const tape: Tape = []
      const trace: TapedTrace = {
        level,
        isActive,
        tape,
        process: (prim, args, params) => recordPrimitive(trace, tape)(prim, args, params),
      }
      return trace
    },
    (trace) => {
      const entries = trace.tape
      const xs = leaves(x)
      const inputs = xs.map((xi, i) => {
        const entry: TapeEntry = { prim: inputPrim, args: [], params: undefined, out: xi, parents: [] }
        entries.push(entry)
        return asValue(new Tracer(trace, xi, undefined, i))
      })
      const y = f(rebuild(x, inputs))
      const ys = leaves(y, 'output')
      const outNodes = ys.map((o) => (o instanceof Tracer && o.trace === trace ? o.node : -1))
      const primalOut = rebuild(
        y,
        ys.map((o) => primalAt(trace, o)),
        'output',
      )
      const pullback: Pullback<X, Y> = (ct) => {
        const cts = leaves(ct, 'cotangent')
        if (cts.length !== ys.length) {
          throw new ShapeError(
            'pullback',
            [],
            `expected a cotangent with ${String(ys.length)} leaves, got ${String(cts.length)}`,
          )
        }
        cts.forEach((c, i) => {
          const want = ys[i] as AnyValue
          if (describeShape(c) !== describeShape(want)) {
            throw new ShapeError(
              'pullback',
              [],
              `cotangent leaf ${String(i)} is ${describeShape(c)}, the output is ${describeShape(want)}`,
            )
          }
        })
        const grads = backward(entries, xs.length, outNodes, cts)
        return rebuild(
          x,
          xs.map((xi, i) => grads[i] ?? zerosLike(xi)),
        )
      }
      const pushforward: Pushforward<X, Y> = (u) => {
        const ts = leaves(u, 'tangent')
        if (ts.length !== xs.length || ts.some((t, i) => !sameShape(t, xs[i] as AnyValue))) {
          const bad = ts.findIndex((t, i) => !sameShape(t, xs[i] as AnyValue))
          throw new ShapeError(
            'linearize',
            [],
            ts.length !== xs.length
              ? `the tangent has ${String(ts.length)} leaves, the input ${String(xs.length)}`
              : `tangent leaf ${String(bad)} is ${describeShape(ts[bad] as AnyValue)}, the input is ${describeShape(xs[bad] as AnyValue)}`,
          )
        }
        const outs = forward(entries, ts, outNodes)
        return rebuild(
          y,
          ys.map((o, i) => outs[i] ?? zerosLike(o)),
          'output',
        )
      }
      return { y: primalOut, pullback, pushforward }
    },
  )

/**
 * The forward sweep: the inputs' tangents, then for each recorded operation
 * in order the tangent of its output from those of the nodes it read, with
 * the primitive's JVP rules. Returns the tangents of the output nodes
 * (undefined where an output does not depend on the inputs).
 */
const forward = (
  entries: ReadonlyArray<TapeEntry>,
  ts: ReadonlyArray<AnyValue>,
  outNodes: ReadonlyArray<number>,
): ReadonlyArray<AnyValue | undefined> => {
  const tangents: (AnyValue | undefined)[] = [...ts]
  const hooks = outerHooks(entries)
  for (let k = ts.length; k < entries.length; k++) {
    const e = entries[k] as TapeEntry
    const leave = enterPass(hooks, `the tangent (JVP) of ${e.prim.name}`)
    tangents.push(
      tangentOf(
        e.prim,
        e.parents.map((p) => (p >= 0 ? tangents[p] : undefined)),
        e.args,
        e.out,
        e.params,
      ),
    )
    leave()
  }
  return outNodes.map((n) => (n >= 0 ? tangents[n] : undefined))
}

const accumulate = (acc: AnyValue | undefined, c: AnyValue): AnyValue =>
  acc === undefined ? c : bind(addPrim, [acc, c], undefined)

/**
 * The reverse sweep: seeds the output nodes with their cotangents, then for
 * each recorded operation from last to first pulls its cotangent back to the
 * nodes it read, with the primitive's VJP rules. Returns the cotangents of
 * the inputs (undefined where the output does not depend on an input).
 */
const backward = (
  entries: ReadonlyArray<TapeEntry>,
  inputs: number,
  outNodes: ReadonlyArray<number>,
  cts: ReadonlyArray<AnyValue>,
): ReadonlyArray<AnyValue | undefined> => {
  const grads: (AnyValue | undefined)[] = new Array<AnyValue | undefined>(entries.length).fill(undefined)
  outNodes.forEach((node, i) => {
    if (node >= 0) grads[node] = accumulate(grads[node], cts[i] as AnyValue)
  })
  const hooks = outerHooks(entries)
  for (let k = entries.length - 1; k >= inputs; k--) {
    const g = grads[k]
    if (g === undefined) continue
    grads[k] = undefined
    const e = entries[k] as TapeEntry
    const leave = enterPass(hooks, `the pullback (VJP) of ${e.prim.name}`)
    pullBack(e, g, grads)
    leave()
  }
  return grads.slice(0, inputs)
}

/** One step of the reverse sweep: the cotangent g of entry e pulled back to the nodes it read, added into grads. */
const pullBack = (e: TapeEntry, g: AnyValue, grads: (AnyValue | undefined)[]): void => {
  if (e.prim.vjpAll !== undefined) {
    const parts = e.prim.vjpAll(g, e.args, e.out, e.params)
    e.parents.forEach((p, i) => {
      const c = parts[i]
      if (p >= 0 && c !== undefined) {
        grads[p] = accumulate(grads[p], checkRuleShape(e.prim, 'VJP', i, c, e.args[i] as AnyValue))
      }
    })
    return
  }
  for (let i = 0; i < e.parents.length; i++) {
    const p = e.parents[i] as number
    const rule = e.prim.vjp[i]
    if (p < 0 || rule === undefined) continue
    const c = checkRuleShape(e.prim, 'VJP', i, rule(g, e.args, e.out, e.params), e.args[i] as AnyValue)
    grads[p] = accumulate(grads[p], c)
  }
}

/**
 * The hooks of the transforms outside this one that want to know its
 * passes (see `Trace.enter`): those under the first recorded value, from
 * the end, that is traced by an outer transform. Empty — and found at the
 * cost of one `instanceof` per entry — when no such transform runs.
 */
const outerHooks = (entries: ReadonlyArray<TapeEntry>): ReadonlyArray<(pass: string) => () => void> => {
  for (let k = entries.length - 1; k >= 0; k--) {
    const hooks = enterHooks((entries[k] as TapeEntry).out)
    if (hooks.length > 0) return hooks
  }
  return []
}
