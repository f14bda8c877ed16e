import { describe, expect, it } from 'vitest'
import { either as E } from 'fp-ts'
import { Matrix } from 'nabla'
import {
  ScheduleSpecC,
  constantSchedule,
  cosineDecaySchedule,
  exponentialDecaySchedule,
  scheduleFromSpec,
  stepDecaySchedule,
  toSchedule,
  type ScheduleSpec,
} from '../../src/train/namespaces/Schedule.js'

describe('learning-rate schedules', () => {
  it('constant: η(t) = η₀', () => {
    expect([0, 1, 1000].map(constantSchedule(0.3))).toEqual([0.3, 0.3, 0.3])
    expect(toSchedule(0.3)(7)).toBe(0.3)
  })

  it('step decay: η₀ · factor^⌊t/every⌋', () => {
    const s = stepDecaySchedule(1, 0.5, 10)
    expect([0, 9, 10, 19, 20, 35].map(s)).toEqual([1, 1, 0.5, 0.5, 0.25, 0.125])
  })

  it('exponential decay: η₀ · rate^(t/every), smooth between the periods', () => {
    const s = exponentialDecaySchedule(2, 0.25, 4)
    expect(s(0)).toBe(2)
    expect(s(4)).toBeCloseTo(0.5, 15)
    expect(s(2)).toBeCloseTo(1, 15)
    expect(s(8)).toBeCloseTo(0.125, 15)
  })

  it('cosine decay: from η₀ to α·η₀ over T steps along half a cosine, then flat', () => {
    const s = cosineDecaySchedule(1, 100, 0.1)
    expect(s(0)).toBe(1)
    expect(s(50)).toBeCloseTo(0.1 + 0.9 * 0.5, 15)
    expect(s(25)).toBeCloseTo(0.1 + 0.9 * 0.5 * (1 + Math.SQRT1_2), 15)
    expect(s(100)).toBeCloseTo(0.1, 15)
    expect(s(1000)).toBe(s(100))
    const values = Array.from({ length: 101 }, (_, t) => s(t))
    expect(values.every((v, i) => i === 0 || v <= values[i - 1]!)).toBe(true)
  })

  it('a spec rebuilds the same schedule', () => {
    const specs: ReadonlyArray<readonly [ScheduleSpec, (t: number) => number]> = [
      [{ kind: 'constant', lr: 0.1 }, constantSchedule(0.1)],
      [{ kind: 'step', lr: 0.1, factor: 0.5, every: 3 }, stepDecaySchedule(0.1, 0.5, 3)],
      [{ kind: 'exponential', lr: 0.1, rate: 0.9, every: 2 }, exponentialDecaySchedule(0.1, 0.9, 2)],
      [{ kind: 'cosine', lr: 0.1, steps: 10, alpha: 0 }, cosineDecaySchedule(0.1, 10, 0)],
    ]
    specs.forEach(([spec, f]) => {
      expect([0, 1, 5, 12].map(scheduleFromSpec(spec))).toEqual([0, 1, 5, 12].map(f))
    })
  })
})

describe('the schedule spec codec', () => {
  const report = (u: unknown): string => {
    const r = Matrix.decodeWith(ScheduleSpecC)(u)
    return E.isLeft(r) ? r.left : 'accepted'
  }

  it('refuses −0, which JSON would write back as 0, and keeps +0', () => {
    expect(report({ kind: 'cosine', lr: 0.1, steps: 10, alpha: -0 })).toBe(
      'invalid ScheduleSpec:\n  alpha: expected a finite number ≥ 0 (and not -0) (got -0)',
    )
    const zero = ScheduleSpecC.decode({ kind: 'cosine', lr: 0.1, steps: 10, alpha: 0 })
    expect(E.isRight(zero) && zero.right.kind === 'cosine' && Object.is(zero.right.alpha, 0)).toBe(true)
  })

  it('refuses rates and periods that are not finite and positive', () => {
    ;[0, -1, Number.NaN, Infinity, '1', null].forEach((x) => {
      expect(report({ kind: 'step', lr: 0.1, factor: 0.5, every: x })).toMatch(/every: expected a finite number > 0/)
    })
  })
})
