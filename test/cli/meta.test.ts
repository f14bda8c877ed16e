// The meta nabla train keeps in a checkpoint: every kind of run reads back as written.
import { fc, test } from '@fast-check/vitest'
import { either as E } from 'fp-ts'
import { describe, expect, it } from 'vitest'
import { decodeMeta, encodeMeta, type RunMeta } from '../../src/cli/train/plan.js'
import type { Json } from '../../src/matrix/json.js'

const settings = fc.record({
  dataset: fc.string(),
  init: fc.constantFrom('scaled' as const, 'standard' as const),
  seed: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }),
  epochs: fc.nat(),
})

const validation = fc.record({
  fraction: fc.double({ min: Number.MIN_VALUE, max: 1, maxExcluded: true, noNaN: true }),
  monitor: fc.constantFrom('cost' as const, 'accuracy' as const),
  patience: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined }),
})

const regression = fc.record({
  target: fc.string(),
  targetScale: fc.option(fc.double({ min: Number.MIN_VALUE, max: 1e300, noNaN: true }), { nil: undefined }),
})

/** A run's meta of each kind: plain, with a validation set, and a regression. */
const meta: fc.Arbitrary<RunMeta> = fc.oneof(
  settings,
  fc.tuple(settings, validation).map(([s, v]): RunMeta => ({ ...s, validation: v })),
  fc.tuple(settings, regression).map(([s, r]): RunMeta => ({ ...s, regression: r })),
)

/** The meta as a checkpoint file holds it: through JSON text and back. */
const throughJson = (m: RunMeta): Readonly<Record<string, Json>> =>
  JSON.parse(JSON.stringify(encodeMeta(m))) as Readonly<Record<string, Json>>

describe('the meta of nabla train in a checkpoint', () => {
  test.prop([meta], { numRuns: 300 })('decodes to the meta encoded: plain, validated and regression', (m) => {
    expect(decodeMeta(throughJson(m))).toEqual(E.right(m))
  })

  test.prop([meta], { numRuns: 100 })('keeps the keys of its kind only', (m) => {
    const keys = Object.keys((encodeMeta(m)['settings'] ?? {}) as object).sort()
    const kind =
      m.regression !== undefined ? ['target', 'targetScale'] : m.validation !== undefined ? ['validation'] : []
    expect(keys).toEqual(['dataset', 'epochs', 'init', 'seed', ...kind].sort())
  })

  it('refuses a meta with both a validation set and a regression target (no run has both)', () => {
    const plain = { dataset: '/d.csv', init: 'scaled', seed: '0', epochs: 3 }
    const validated = { fraction: 0.25, monitor: 'cost', patience: null }
    const both = { tool: 'nabla train', settings: { ...plain, validation: validated, target: 'y', targetScale: null } }
    expect(E.isLeft(decodeMeta(both))).toBe(true)
    // each half alone is a meta
    expect(E.isRight(decodeMeta({ tool: 'nabla train', settings: { ...plain, validation: validated } }))).toBe(true)
    expect(E.isRight(decodeMeta({ tool: 'nabla train', settings: { ...plain, target: 'y', targetScale: null } }))).toBe(
      true,
    )
  })
})
