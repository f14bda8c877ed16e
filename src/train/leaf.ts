/**
 * Arithmetic on the leaves of parameter trees, for the optimizers: a leaf
 * is a number or a matrix (gradients, parameters and optimizer states are
 * plain values here, never tracers). The matrix cases call the fused
 * kernels of `matrix/kernels.ts`, which trust their caller with the
 * shapes: {@link assertSameLeaves} is that check.
 *
 * @module
 */
import type { Matrix } from '../matrix/Matrix.js'
import { zeros } from '../matrix/construct.js'
import { buffer, fromBuffer } from '../matrix/internal.js'
import { axpby, adamStep } from '../matrix/kernels.js'
import { add, scale } from '../matrix/ops.js'
import { ShapeError } from '../matrix/ShapeError.js'
import type { Value } from '../ad/core.js'

/** `a number` or `a 3×4 matrix`. */
const describe = (x: Value): string => (typeof x === 'number' ? 'a number' : `a ${x.rows}×${x.cols} matrix`)

/**
 * Throws a `ShapeError` unless two lists of leaves agree in length, kind
 * and shape: the gradients and an optimizer's state made for other
 * parameters, say.
 */
export const assertSameLeaves = (op: string, a: ReadonlyArray<Value>, b: ReadonlyArray<Value>): void => {
  if (a.length !== b.length) {
    throw new ShapeError(op, [], `the trees have ${String(a.length)} and ${String(b.length)} leaves`)
  }
  a.forEach((x, i) => {
    const y = b[i] as Value
    const same =
      typeof x === 'number' ? typeof y === 'number' : typeof y !== 'number' && x.rows === y.rows && x.cols === y.cols
    if (!same) {
      throw new ShapeError(op, [], `leaf ${String(i)} is ${describe(x)} in one tree and ${describe(y)} in the other`)
    }
  })
}

/** a + b, for leaves of the same kind and shape. */
export const addLeaf = (a: Value, b: Value): Value => (typeof a === 'number' ? a + (b as number) : add(a, b as Matrix))

/** s·x. */
export const scaleLeaf = (x: Value, s: number): Value => (typeof x === 'number' ? s * x : scale(x, s))

/** a·x + b·y in one pass, for leaves of the same kind and shape. */
export const axpbyLeaf = (a: number, x: Value, b: number, y: Value): Value =>
  typeof x === 'number'
    ? a * x + b * (y as number)
    : fromBuffer(x.rows, x.cols, axpby(a, buffer(x), b, buffer(y as Matrix)))

/** f(a, b) entry by entry, for leaves of the same kind and shape (checked by the caller). */
export const zipLeaf = (f: (a: number, b: number) => number, a: Value, b: Value): Value => {
  if (typeof a === 'number') return f(a, b as number)
  const y = buffer(b as Matrix)
  return fromBuffer(
    a.rows,
    a.cols,
    Float64Array.from(buffer(a), (x, k) => f(x, y[k] as number)),
  )
}

/** f(a, b, c) entry by entry, for leaves of the same kind and shape (checked by the caller). */
export const zip3Leaf = (f: (a: number, b: number, c: number) => number, a: Value, b: Value, c: Value): Value => {
  if (typeof a === 'number') return f(a, b as number, c as number)
  const [y, z] = [buffer(b as Matrix), buffer(c as Matrix)]
  return fromBuffer(
    a.rows,
    a.cols,
    Float64Array.from(buffer(a), (x, k) => f(x, y[k] as number, z[k] as number)),
  )
}

/** A zero of the leaf's kind and shape. */
export const zerosLeaf = (x: Value): Value => (typeof x === 'number' ? 0 : zeros(x.rows, x.cols))

/** One Adam step on a leaf: the new moments and the update (see `adam`). */
export const adamLeaf = (
  g: Value,
  m: Value,
  v: Value,
  hyper: {
    readonly beta1: number
    readonly beta2: number
    readonly eta: number
    readonly c1: number
    readonly c2: number
    readonly eps: number
  },
): { readonly mu: Value; readonly nu: Value; readonly update: Value } => {
  const { beta1, beta2, eta, c1, c2, eps } = hyper
  if (typeof g === 'number') {
    const mi = beta1 * (m as number) + (1 - beta1) * g
    const vi = beta2 * (v as number) + (1 - beta2) * g * g
    return { mu: mi, nu: vi, update: (-eta * (mi / c1)) / (Math.sqrt(vi / c2) + eps) }
  }
  const r = adamStep(buffer(g), buffer(m as Matrix), buffer(v as Matrix), beta1, beta2, eta, c1, c2, eps)
  return {
    mu: fromBuffer(g.rows, g.cols, r.mu),
    nu: fromBuffer(g.rows, g.cols, r.nu),
    update: fromBuffer(g.rows, g.cols, r.update),
  }
}
