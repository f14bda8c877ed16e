import { bind } from '../bind.js'
import type { AnyValue, Value } from '../core.js'
import type { DeclaredPrimitive } from '../declare.js'
import { buffer } from '../../matrix/internal.js'
import { mul } from './mul.js'
import { sum } from './sums.js'
import type { Operand } from './types.js'
import { where } from './where.js'
import { xdivy } from './xdivy.js'

/** ‖x‖₂ without overflow or underflow: the largest |entry| s, times √Σ (x/s)². */
const euclidean = (v: Value): number => {
  if (typeof v === 'number') return Math.abs(v)
  const xs = buffer(v)
  const s = xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0)
  if (s === 0 || !Number.isFinite(s)) return s
  return s * Math.sqrt(xs.reduce((acc, x) => acc + (x / s) * (x / s), 0))
}

/**
 * x ⊘ ‖x‖, the derivative of the norm, and 0 at x = 0 with a derivative of
 * 0 there too: it divides by ‖x‖ where that is positive and by +∞ where it
 * is 0. (Dividing by 0 would make the second derivative 0·∞ = NaN at 0 in
 * one mode and finite in the other; the Hessian of ‖x‖, (I − uuᵀ)/‖x‖, has
 * no limit at 0, and 0 is taken there as the gradient is.)
 */
const unit = (x: Operand, n: AnyValue): Operand => xdivy(x, where<Operand, number>(n, n, Infinity))

/**
 * ‖x‖ = √Σᵢⱼ xᵢⱼ², the Euclidean (Frobenius) norm, computed without
 * overflow. Derivative: x/‖x‖, taken as 0 at x = 0 (where the norm has a
 * kink and 0 is a subgradient), so a gradient through a zero vector is 0,
 * not NaN (and so is every higher derivative there):
 *
 * - JVP: ẋ ↦ ⟨x ⊘ ‖x‖, ẋ⟩ (0 where x = 0)
 * - VJP: c ↦ c ⊙ x ⊘ ‖x‖ (0 where x = 0)
 */
export const normPrim: DeclaredPrimitive<undefined> = {
  name: 'norm',
  impl: ([x]) => euclidean(x as Value),
  // linear in ẋ with the coefficient x ⊘ ‖x‖ (0 at x = 0), so that its transpose is the VJP below, also at 0
  jvp: [(t, [x], n) => sum(mul(t, unit(x as Operand, n)))],
  vjp: [(c, [x], n) => mul(c, unit(x as Operand, n))],
  sample: (d) => ({
    args: [d.matrix(d.size(1, 4), d.size(1, 4), { min: 0.3, max: 3 })],
    params: undefined,
  }),
  kinks: [0],
}

/** ‖x‖₂, the Euclidean norm of all entries; its gradient at 0 is 0. @category reductions */
export const norm = (x: Operand): number => bind(normPrim, [x], undefined) as number
