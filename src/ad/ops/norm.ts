import { bind } from '../bind.js'
import type { Value } from '../core.js'
import type { DeclaredPrimitive } from '../declare.js'
import { buffer } from '../../matrix/internal.js'
import { mul } from './mul.js'
import { sum } from './sums.js'
import type { Operand } from './types.js'
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
 * ‖x‖ = √Σᵢⱼ xᵢⱼ², the Euclidean (Frobenius) norm, computed without
 * overflow. Derivative: x/‖x‖, taken as 0 at x = 0 (where the norm has a
 * kink and 0 is a subgradient), so a gradient through a zero vector is 0,
 * not NaN:
 *
 * - JVP: ẋ ↦ ⟨x ⊘ ‖x‖, ẋ⟩ (0 where x = 0)
 * - VJP: c ↦ c ⊙ x ⊘ ‖x‖ (0 where x = 0)
 */
export const normPrim: DeclaredPrimitive<undefined> = {
  name: 'norm',
  impl: ([x]) => euclidean(x as Value),
  // linear in ẋ with the coefficient x ⊘ ‖x‖ (0 at x = 0), so that its transpose is the VJP below, also at 0
  jvp: [(t, [x], n) => sum(mul(t, xdivy(x as Operand, n)))],
  vjp: [(c, [x], n) => mul(c, xdivy(x as Operand, n))],
  sample: (d) => ({
    args: [d.matrix(d.size(1, 4), d.size(1, 4), { min: 0.3, max: 3 })],
    params: undefined,
  }),
  kinks: [0],
}

/** ‖x‖₂, the Euclidean norm of all entries; its gradient at 0 is 0. @category reductions */
export const norm = (x: Operand): number => bind(normPrim, [x], undefined) as number
