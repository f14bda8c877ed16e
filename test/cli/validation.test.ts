// nabla train --validation, --patience and --monitor: the validation set, early stopping and the best epoch.
import { either as E } from 'fp-ts'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeModel } from 'nabla'
import { bits } from '../train/fixtures.js'
import { bytes, checkpointAt, entries, expectUsageError, run, tempDir } from './harness.js'

const small = ['--layers', '64,12,10', '--batch-size', '50', '--lr', '0.05', '--seed', '3']

interface Metrics {
  readonly outcome: { readonly status: string; readonly epoch?: number; readonly best?: number | null }
  readonly trainingExamples: number
  readonly validationExamples?: number
  readonly heldOutExamples: number
  readonly epochs: ReadonlyArray<Readonly<Record<string, unknown>>>
  readonly best?: { readonly epoch: number; readonly monitor: string; readonly value: number } | null
}

const metrics = (dir: string): Metrics => JSON.parse(bytes(join(dir, 'metrics.json'))) as Metrics

/** Runs `nabla train` and checks that it is a usage error, before the header, with nothing written. */
const refused = async (argv: ReadonlyArray<string>, message: RegExp): Promise<void> => {
  const cwd = tempDir()
  const r = await run(['train', ...argv], cwd)
  expectUsageError(r, message)
  expect(r.out).toBe('')
  expect(entries(cwd)).toEqual([])
}

describe('bad --validation, --patience and --monitor', () => {
  it.each(['0', '1', '-0.2', '1.5', 'NaN', 'abc', '', '0.2x'])('--validation %j is refused', async (f) => {
    await refused(['--validation', f], /^nabla train: --validation .*must be a number in \(0, 1\)/)
  })

  it('a fraction that rounds to no validation example, or to no training example, is refused and says which', async () => {
    await refused(
      ['--validation', '0.0001'],
      /^nabla train: --validation 0\.0001 holds out 0 of the 1497 training examples of digits, which leaves no validation examples \(see nabla train --help\)\n$/,
    )
    await refused(
      ['--validation', '0.9999'],
      /holds out 1497 of the 1497 training examples .* leaves no training examples \(see nabla train --help\)\n$/,
    )
  })

  it('--patience without --validation is refused', async () => {
    await refused(['--patience', '3'], /^nabla train: --patience needs --validation F/)
  })

  it.each(['0', '-1', '2.5', 'many'])('--patience %j is refused', async (n) => {
    await refused(['--validation', '0.2', '--patience', n], /^nabla train: --patience .*must be a whole number/)
  })

  it('--monitor without --validation, and an unknown monitor, are refused', async () => {
    await refused(['--monitor', 'accuracy'], /^nabla train: --monitor has no effect without --validation/)
    await refused(
      ['--validation', '0.2', '--monitor', 'loss'],
      /^nabla train: --monitor .*must be one of cost, accuracy/,
    )
  })

  it('--validation cannot be changed on --resume', async () => {
    const cwd = tempDir()
    expect((await run(['train', ...small, '--epochs', '1', '--out', 'c'], cwd)).code).toBe(0)
    const r = await run(['train', '--resume', 'c/checkpoint.json', '--validation', '0.2'], cwd)
    expectUsageError(r, /--validation cannot be given with --resume/)
  })
})

describe('a run with a validation set', () => {
  it('holds the validation set out of the training set, never the test set, and records the three errors per epoch', async () => {
    const cwd = tempDir()
    const r = await run(['train', ...small, '--validation', '0.2', '--epochs', '3', '--out', 'v'], cwd)
    expect(r.code).toBe(0)
    const m = metrics(join(cwd, 'v'))
    expect(m.validationExamples).toBe(Math.round(0.2 * 1497))
    expect(m.trainingExamples + m.validationExamples!).toBe(1497)
    expect(m.heldOutExamples).toBe(300)
    m.epochs.forEach((e) => {
      ;['trainEndCost', 'trainEndAccuracy', 'validationCost', 'validationAccuracy', 'testCost', 'testAccuracy'].forEach(
        (k) => {
          expect(typeof e[k]).toBe('number')
        },
      )
    })
    const csv = bytes(join(cwd, 'v', 'metrics.csv'))
      .trimEnd()
      .split('\n')
    expect(csv[0]).toBe(
      'epoch,step,train_cost,test_cost,test_accuracy,seconds,train_end_cost,train_end_accuracy,validation_cost,validation_accuracy',
    )
    expect(csv).toHaveLength(4)
    expect(csv.slice(1).every((l) => l.split(',').every((c) => c !== ''))).toBe(true)
    expect(entries(join(cwd, 'v'))).toContain('best.json')
    const best = m.best!.epoch
    expect(bytes(join(cwd, 'v', 'plot.svg'))).toContain('Error per epoch')
    expect(bytes(join(cwd, 'v', 'plot.svg'))).toContain(`best: ${String(best)}`)
    // the terminal draws the three errors too
    expect(r.out).toMatch(/error per epoch \(% misclassified\) \(● training, △ validation, ○ test \(held-out\)/)
    expect(r.out).toMatch(/validation cost [\d.]+ {2}accuracy [\d.]+%/)
  })

  it('without --validation nothing of it is written: no columns, no keys, no best.json', async () => {
    const cwd = tempDir()
    expect((await run(['train', ...small, '--epochs', '1', '--out', 'p'], cwd)).code).toBe(0)
    expect(bytes(join(cwd, 'p', 'metrics.csv')).split('\n')[0]).toBe(
      'epoch,step,train_cost,test_cost,test_accuracy,seconds',
    )
    const m = metrics(join(cwd, 'p'))
    expect(Object.keys(m.epochs[0]!)).not.toContain('validationCost')
    expect(m).not.toHaveProperty('best')
    expect(entries(join(cwd, 'p'))).not.toContain('best.json')
    expect(checkpointAt(join(cwd, 'p', 'checkpoint.json'))).not.toHaveProperty('best')
  })
})

describe('--patience', () => {
  it('stops after N epochs without improvement and keeps the best epoch’s network, which is that of a run stopped there', async () => {
    const cwd = tempDir()
    const args = [...small, '--validation', '0.5']
    const r = await run(['train', ...args, '--epochs', '60', '--patience', '2', '--out', 'early'], cwd)
    expect(r.code).toBe(0)
    const m = metrics(join(cwd, 'early'))
    expect(m.outcome.status).toBe('stopped early')
    const last = m.outcome.epoch!
    const best = m.best!
    // η = 0.05 on 749 examples overfits the validation cost well before epoch 60
    expect(last).toBeLessThan(60)
    expect(last).toBe(best.epoch + 2)
    expect(m.outcome.best).toBe(best.epoch)
    const costs = m.epochs.map((e) => e['validationCost'] as number)
    expect(best.value).toBe(Math.min(...costs))
    expect(costs.indexOf(best.value) + 1).toBe(best.epoch)
    expect(r.out).toContain(`stopped early after epoch ${String(last)}`)
    // best.json is the network the same run has at its best epoch, bit for bit, not the last one
    const cp = checkpointAt(join(cwd, 'early', 'checkpoint.json'))
    expect(cp.state.epoch).toBe(last)
    expect(cp.best?.epoch).toBe(best.epoch)
    const stoppedThere = await run(['train', ...args, '--epochs', String(best.epoch), '--out', 'there'], cwd)
    expect(stoppedThere.code).toBe(0)
    const there = checkpointAt(join(cwd, 'there', 'checkpoint.json')).state.params
    const saved = decodeModel(JSON.parse(bytes(join(cwd, 'early', 'best.json'))))
    if (E.isLeft(saved)) throw new Error(saved.left)
    expect(bits(saved.right.network)).toBe(bits(there))
    expect(bits(cp.best?.params)).toBe(bits(there))
    expect(bits(cp.state.params)).not.toBe(bits(there))
    // resumed into another directory for the two epochs that did not improve: best.json is written there too
    const resumed = await run(
      ['train', '--resume', 'there/checkpoint.json', '--epochs', String(best.epoch + 2), '--out', 'moved'],
      cwd,
    )
    expect(resumed.code).toBe(0)
    expect(checkpointAt(join(cwd, 'moved', 'checkpoint.json')).best?.epoch).toBe(best.epoch)
    expect(bytes(join(cwd, 'moved', 'best.json'))).toBe(bytes(join(cwd, 'early', 'best.json')))
    // a run that stopped early cannot be resumed: it would stop again at once
    const again = await run(['train', '--resume', 'early/checkpoint.json', '--epochs', '80'], cwd)
    expectUsageError(
      again,
      new RegExp(
        `the run stopped early at epoch ${String(last)}: 2 epochs without an improvement of the validation cost since epoch ${String(best.epoch)}`,
      ),
    )
  })

  it('--monitor accuracy picks the best epoch by the validation accuracy', async () => {
    const cwd = tempDir()
    const r = await run(
      ['train', ...small, '--validation', '0.5', '--epochs', '6', '--monitor', 'accuracy', '--out', 'a'],
      cwd,
    )
    expect(r.code).toBe(0)
    const m = metrics(join(cwd, 'a'))
    const accuracies = m.epochs.map((e) => e['validationAccuracy'] as number)
    expect(m.best?.monitor).toBe('validationAccuracy')
    expect(m.best?.epoch).toBe(accuracies.indexOf(Math.max(...accuracies)) + 1)
  })
})

describe('a resumed run with a validation set', () => {
  it('equals the run never interrupted, byte for byte, its best epoch included', async () => {
    const cwd = tempDir()
    const args = [...small, '--validation', '0.3', '--patience', '20']
    expect((await run(['train', ...args, '--epochs', '4', '--out', 'straight'], cwd)).code).toBe(0)
    expect((await run(['train', ...args, '--epochs', '2', '--out', 'halves'], cwd)).code).toBe(0)
    const resumed = await run(['train', '--resume', 'halves/checkpoint.json', '--epochs', '4'], cwd)
    expect(resumed.code).toBe(0)
    expect(resumed.out).toContain(`${String(Math.round(0.3 * 1497))} validation`)
    ;['checkpoint.json', 'best.json'].forEach((f) => {
      expect(bytes(join(cwd, 'halves', f))).toBe(bytes(join(cwd, 'straight', f)))
    })
    const cp = checkpointAt(join(cwd, 'halves', 'checkpoint.json'))
    expect(cp.best).toBeDefined()
  })
})
