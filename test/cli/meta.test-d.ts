// The meta of nabla train: a run is plain, validated or a regression, never validated and a regression.
import { describe, expectTypeOf, it } from 'vitest'
import type { RunMeta } from '../../src/cli/train/plan.js'

const settings = { dataset: 'd.csv', init: 'scaled', seed: 0n, epochs: 1 } as const
const validation = { fraction: 0.5, monitor: 'cost', patience: undefined } as const
const regression = { target: 'y', targetScale: undefined } as const

describe('RunMeta', () => {
  it('holds a validation set or a regression target', () => {
    expectTypeOf({ ...settings, validation }).toExtend<RunMeta>()
    expectTypeOf({ ...settings, regression }).toExtend<RunMeta>()
    expectTypeOf(settings).toExtend<RunMeta>()
  })

  it('cannot hold both: a regression has no validation set', () => {
    expectTypeOf({ ...settings, validation, regression }).not.toExtend<RunMeta>()
  })
})
