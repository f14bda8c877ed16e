// nabla train: runs that end early, resumes, and what is written.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHECKPOINT_V1 } from '../train/checkpointV1.js'
import { bytes, checkpointAt, entries, expectUsageError, run, tempDir } from './harness.js'

const small = ['--layers', '64,12,10', '--batch-size', '50', '--lr', '0.01', '--seed', '3']

interface Metrics {
  readonly outcome: {
    readonly status: string
    readonly epoch?: number
    readonly batch?: number
    readonly message?: string
  }
  readonly epochs: ReadonlyArray<{
    readonly epoch: number
    readonly seconds: number | null
    readonly trainCost: unknown
  }>
  readonly final: unknown
  readonly settings: { readonly seed: string }
}

const metrics = (dir: string): Metrics => JSON.parse(bytes(join(dir, 'metrics.json'))) as Metrics

// momentum μ = 0.99 on an identity network: finite for two epochs, then the cost overflows in the third
const diverging = [
  ...['--layers', '64,12,10', '--batch-size', '50', '--optimizer', 'momentum', '--momentum', '0.99', '--lr', '0.03'],
  ...['--cost', 'quadratic', '--activation', 'identity', '--output-activation', 'identity', '--epochs', '8'],
]

describe('a run whose cost stops being finite', () => {
  // Adam's steps are about η each, so at η = 1e306 the weights overflow within two mini-batches (at η = 1e6 the
  // cost, computed from z in its stable form, is huge but finite: a bad run, truthfully reported, not a divergence)
  it('--lr 1e306 stops in the first epoch with exit 1 and one line, and writes no checkpoint', async () => {
    const cwd = tempDir()
    const r = await run(['train', '--lr', '1e306', '--epochs', '3', '--out', 'o'], cwd)
    expect(r.code).toBe(1)
    expect(r.err).toMatch(
      /^nabla train: training diverged in epoch 1 \(mini-batch \d+\): the training cost is Infinity; no checkpoint was written; try a smaller --lr\n$/,
    )
    expect(r.out).not.toMatch(/train cost (NaN|Infinity)/)
    expect(entries(join(cwd, 'o'))).not.toContain('checkpoint.json')
    const m = metrics(join(cwd, 'o'))
    expect(m.outcome).toMatchObject({ status: 'diverged', epoch: 1, message: 'the training cost is Infinity' })
    expect(m.epochs).toEqual([])
    expect(m.final).toBeNull()
  })

  it('a later divergence keeps the checkpoint of the last finite epoch, and the metrics of the epochs that happened', async () => {
    const cwd = tempDir()
    const r = await run(['train', ...diverging, '--out', 'o'], cwd)
    expect(r.code).toBe(1)
    expect(r.err).toMatch(
      /^nabla train: training diverged in epoch 3 \(mini-batch \d+\): the training cost is Infinity; o\/checkpoint\.json keeps epoch 2, the last finite state; try a smaller --lr\n$/,
    )
    const cp = checkpointAt(join(cwd, 'o', 'checkpoint.json'))
    expect(cp.state.epoch).toBe(2)
    expect(cp.state.history.every((h) => Number.isFinite(h.trainLoss))).toBe(true)
    const m = metrics(join(cwd, 'o'))
    expect(m.outcome).toMatchObject({ status: 'diverged', epoch: 3 })
    expect(m.epochs.map((e) => e.epoch)).toEqual([1, 2])
    expect(m.final).toBeNull()
    expect(
      bytes(join(cwd, 'o', 'metrics.csv'))
        .trimEnd()
        .split('\n'),
    ).toHaveLength(3)
    expect(bytes(join(cwd, 'o', 'plot.svg'))).toContain('diverged in epoch 3')
  })
})

describe('checkpoints are equal byte for byte', () => {
  it('two identical runs, and a run resumed against one never interrupted', async () => {
    const cwd = tempDir()
    expect((await run(['train', ...small, '--epochs', '2', '--out', 'a'], cwd)).code).toBe(0)
    expect((await run(['train', ...small, '--epochs', '2', '--out', 'b'], cwd)).code).toBe(0)
    expect((await run(['train', ...small, '--epochs', '1', '--out', 'c'], cwd)).code).toBe(0)
    const resumed = await run(['train', '--resume', 'c/checkpoint.json', '--epochs', '2'], cwd)
    expect(resumed.code).toBe(0)
    const a = bytes(join(cwd, 'a', 'checkpoint.json'))
    expect(bytes(join(cwd, 'b', 'checkpoint.json'))).toBe(a)
    expect(bytes(join(cwd, 'c', 'checkpoint.json'))).toBe(a)
    expect(a).not.toMatch(/seconds/)
    // timing goes to the metrics, and only for the epochs this invocation trained
    const csv = bytes(join(cwd, 'c', 'metrics.csv'))
      .trimEnd()
      .split('\n')
    expect(csv[1]).toMatch(/^1,30,[^,]+,[^,]+,[^,]+,$/)
    expect(csv[2]).toMatch(/^2,60,[^,]+,[^,]+,[^,]+,\d/)
    expect(metrics(join(cwd, 'c')).epochs.map((e) => e.seconds === null)).toEqual([true, false])
  })
})

describe("a schedule's horizon survives a resume", () => {
  it('training past the end of a cosine schedule is refused, nothing changes, and --extend-schedule stretches it', async () => {
    const cwd = tempDir()
    expect((await run(['train', ...small, '--schedule', 'cosine', '--epochs', '2', '--out', 'c'], cwd)).code).toBe(0)
    const before = bytes(join(cwd, 'c', 'checkpoint.json'))
    const files = entries(join(cwd, 'c'))
    const refused = await run(['train', '--resume', 'c/checkpoint.json', '--epochs', '4'], cwd)
    expectUsageError(
      refused,
      /cosine schedule reaches learning rate 0 at step 60 \(epoch 2\), so training on to step 120 would not learn: give --extend-schedule/,
    )
    expect(refused.out).toBe('')
    expect(bytes(join(cwd, 'c', 'checkpoint.json'))).toBe(before)
    expect(entries(join(cwd, 'c'))).toEqual(files)

    const extended = await run(['train', '--resume', 'c/checkpoint.json', '--epochs', '4', '--extend-schedule'], cwd)
    expect(extended.code).toBe(0)
    expect(extended.out).toMatch(/extending the cosine schedule from 60 to 120 steps \(--extend-schedule\)/)
    const cp = checkpointAt(join(cwd, 'c', 'checkpoint.json'))
    expect(cp.state.epoch).toBe(4)
    expect(cp.optimizer.schedule).toMatchObject({ kind: 'cosine', steps: 120 })
    // it learned again: the weights moved (at learning rate 0 they would be byte-identical)
    const weights = (text: string): string =>
      JSON.stringify((JSON.parse(text) as { state: { params: unknown } }).state.params)
    expect(weights(bytes(join(cwd, 'c', 'checkpoint.json')))).not.toBe(weights(before))
  })

  it('a cosine run stopped half-way and resumed equals the run never stopped, byte for byte', async () => {
    const cwd = tempDir()
    const args = ['train', ...small, '--schedule', 'cosine', '--epochs', '4']
    expect((await run([...args, '--out', 'straight'], cwd)).code).toBe(0)
    // stop as soon as the second epoch's line is out (the header is two lines)
    const stopped = await run([...args, '--out', 'halves'], cwd, { lines: 4, reason: 'SIGINT' })
    expect(stopped.code).toBe(130)
    expect(stopped.err).toMatch(
      /^nabla train: stopped by SIGINT in epoch 3; halves\/checkpoint\.json keeps epoch 2; continue with nabla train --resume halves\/checkpoint\.json\n$/,
    )
    expect(metrics(join(cwd, 'halves')).outcome).toMatchObject({ status: 'interrupted', epoch: 3 })
    expect(checkpointAt(join(cwd, 'halves', 'checkpoint.json')).state.epoch).toBe(2)
    expect((await run(['train', '--resume', 'halves/checkpoint.json'], cwd)).code).toBe(0)
    expect(bytes(join(cwd, 'halves', 'checkpoint.json'))).toBe(bytes(join(cwd, 'straight', 'checkpoint.json')))
  })

  it('--extend-schedule is refused where it would change nothing', async () => {
    const cwd = tempDir()
    expect((await run(['train', ...small, '--epochs', '1', '--out', 'k'], cwd)).code).toBe(0)
    expectUsageError(
      await run(['train', '--resume', 'k/checkpoint.json', '--epochs', '2', '--extend-schedule'], cwd),
      /--extend-schedule has no effect: the checkpoint's schedule is constant/,
    )
    expectUsageError(
      await run(['train', '--resume', 'k/checkpoint.json', '--epochs', '1'], cwd),
      /the checkpoint is already at epoch 1; give --epochs N with N > 1/,
    )
  })
})

describe('--optimizer adamw and rmsprop', () => {
  it.each([
    ['adamw', ['--decoupled-decay', '0.001'], { kind: 'adamw', decoupledDecay: 0.001, beta1: 0.9, epsilon: 1e-8 }],
    ['rmsprop', ['--rms-decay', '0.95'], { kind: 'rmsprop', decay: 0.95, epsilon: 1e-8, centered: false, momentum: 0 }],
  ] as const)('%s trains, keeps its spec in the checkpoint, and resumes byte for byte', async (name, flags, spec) => {
    const cwd = tempDir()
    const args = ['train', ...small, '--optimizer', name, ...flags]
    const straight = await run([...args, '--epochs', '2', '--out', 's'], cwd)
    expect(straight.code).toBe(0)
    expect(straight.out).toMatch(new RegExp(`optimizer ${name}, η = 0\\.01`))
    expect((await run([...args, '--epochs', '1', '--out', 'r'], cwd)).code).toBe(0)
    expect((await run(['train', '--resume', 'r/checkpoint.json', '--epochs', '2'], cwd)).code).toBe(0)
    expect(bytes(join(cwd, 'r', 'checkpoint.json'))).toBe(bytes(join(cwd, 's', 'checkpoint.json')))
    const cp = checkpointAt(join(cwd, 's', 'checkpoint.json'))
    expect(cp.optimizer).toMatchObject({ ...spec, schedule: { kind: 'constant', lr: 0.01 } })
    expect(cp.state.history.map((h) => Number.isFinite(h.trainLoss))).toEqual([true, true])
  })

  it('take their defaults: λ = 1e-4 for adamw, ρ = 0.9 and η = 0.001 for rmsprop', async () => {
    const cwd = tempDir()
    const base = ['train', '--layers', '64,12,10', '--epochs', '0']
    expect((await run([...base, '--optimizer', 'adamw', '--out', 'w'], cwd)).code).toBe(0)
    expect((await run([...base, '--optimizer', 'rmsprop', '--out', 'p'], cwd)).code).toBe(0)
    expect(checkpointAt(join(cwd, 'w', 'checkpoint.json')).optimizer).toMatchObject({ decoupledDecay: 1e-4 })
    expect(checkpointAt(join(cwd, 'p', 'checkpoint.json')).optimizer).toMatchObject({
      decay: 0.9,
      schedule: { lr: 0.001 },
    })
  })
})

describe('--schedule warmup-cosine', () => {
  it('warms up over --warmup-epochs, keeps its spec in the checkpoint, and resumes byte for byte', async () => {
    const cwd = tempDir()
    const args = ['train', ...small, '--schedule', 'warmup-cosine', '--warmup-epochs', '2']
    const straight = await run([...args, '--epochs', '4', '--out', 's'], cwd)
    expect(straight.code).toBe(0)
    // 1,497 training digits in mini-batches of 50: 30 steps an epoch
    const perEpoch = Math.ceil(1497 / 50)
    expect(straight.out).toContain(
      `warm-up from 0 over ${String(2 * perEpoch)} steps, cosine to 0 at step ${String(4 * perEpoch)}`,
    )
    expect(checkpointAt(join(cwd, 's', 'checkpoint.json')).optimizer.schedule).toEqual({
      kind: 'warmupCosine',
      init: 0,
      lr: 0.01,
      warmup: 2 * perEpoch,
      steps: 4 * perEpoch,
      end: 0,
    })
    expect((await run([...args, '--epochs', '4', '--out', 'r'], cwd, { lines: 5, reason: 'SIGINT' })).code).toBe(130)
    expect((await run(['train', '--resume', 'r/checkpoint.json'], cwd)).code).toBe(0)
    expect(bytes(join(cwd, 'r', 'checkpoint.json'))).toBe(bytes(join(cwd, 's', 'checkpoint.json')))
  })

  it.each([
    [
      ['--warmup-epochs', '3', '--epochs', '3'],
      /--warmup-epochs 3 leaves no epoch for the cosine decay of a run of 3 epochs/,
    ],
    [['--warmup-epochs', '30'], /--warmup-epochs 30 leaves no epoch for the cosine decay of a run of 30 epochs/],
    [['--warmup-epochs', '0'], /--warmup-epochs must be a whole number ≥ 1 \(got 0\)/],
    [['--warmup-epochs', 'two'], /--warmup-epochs must be a whole number ≥ 1 \(got 'two'\)/],
  ])('refuses %j with one line and exit 2, and writes nothing', async (flags, message) => {
    const cwd = tempDir()
    expectUsageError(
      await run(['train', ...small, '--schedule', 'warmup-cosine', ...flags, '--out', 'x'], cwd),
      message,
    )
    expect(entries(cwd)).toEqual([])
  })

  it('refuses --warmup-epochs with another schedule', async () => {
    const cwd = tempDir()
    expectUsageError(
      await run(['train', ...small, '--schedule', 'cosine', '--warmup-epochs', '2', '--out', 'x'], cwd),
      /--warmup-epochs has no effect with --schedule cosine/,
    )
    expect(entries(cwd)).toEqual([])
  })
})

describe('64-bit seeds', () => {
  it('are kept exactly, as decimal text, in the checkpoint and the default output directory', async () => {
    const cwd = tempDir()
    const r = await run(['train', ...small.slice(0, -2), '--seed', '18446744073709551615', '--epochs', '0'], cwd)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/seed 18446744073709551615/)
    const cp = checkpointAt(join(cwd, 'runs', 'digits-18446744073709551615', 'checkpoint.json'))
    expect(cp.meta).toMatchObject({ settings: { seed: '18446744073709551615' } })
  })

  it('--seed 4294967296 (2^32) trains differently from --seed 0: every bit of a seed counts', async () => {
    const cwd = tempDir()
    const flags = [...small.slice(0, -2), '--epochs', '1']
    expect((await run(['train', ...flags, '--seed', '0', '--out', 'zero'], cwd)).code).toBe(0)
    expect((await run(['train', ...flags, '--seed', '4294967296', '--out', 'big'], cwd)).code).toBe(0)
    const model = (dir: string): unknown =>
      (JSON.parse(bytes(join(cwd, dir, 'checkpoint.json'))) as { state: { params: unknown } }).state.params
    expect(JSON.stringify(model('big'))).not.toBe(JSON.stringify(model('zero')))
  })

  it.each([
    ['18446744073709551616', /--seed must be a 64-bit seed/],
    ['-9223372036854775809', /--seed must be a 64-bit seed/],
    ['1e3', /--seed must be a whole number in decimal digits \(got '1e3'\)/],
    ['0x10', /--seed must be a whole number in decimal digits/],
  ])('--seed %s is refused', async (seed, message) => {
    const cwd = tempDir()
    expectUsageError(await run(['train', '--seed', seed], cwd), message)
    expect(entries(cwd)).toEqual([])
  })

  it('the lowest seed, -(2^63), is accepted', async () => {
    const r = await run(['train', ...small.slice(0, -2), '--seed', '-9223372036854775808', '--epochs', '0'])
    expect(r.code).toBe(0)
  })
})

describe('what a checkpoint of nabla train keeps', () => {
  it('the run in its fields, and in meta only what the command line alone knows', async () => {
    const cwd = tempDir()
    expect((await run(['train', ...small, '--epochs', '1', '--out', 'o'], cwd)).code).toBe(0)
    const cp = checkpointAt(join(cwd, 'o', 'checkpoint.json'))
    expect(cp.meta).toEqual({
      tool: 'nabla train',
      settings: { dataset: 'digits', init: 'scaled', seed: '3', epochs: 1 },
    })
    expect(cp.optimizer).toMatchObject({ kind: 'adam', schedule: { kind: 'constant', lr: 0.01 } })
    expect(cp.batchSize).toBe(50)
  })

  it('--resume of a version 1 checkpoint is a usage error naming the version, and writes nothing', async () => {
    const cwd = tempDir()
    mkdirSync(join(cwd, 'old'))
    writeFileSync(join(cwd, 'old', 'checkpoint.json'), CHECKPOINT_V1)
    expectUsageError(
      await run(['train', '--resume', 'old/checkpoint.json', '--epochs', '3'], cwd),
      /old\/checkpoint\.json: invalid Checkpoint: version: a version 1 checkpoint: this nabla reads only version 2/,
    )
    expect(entries(join(cwd, 'old'))).toEqual(['checkpoint.json'])
  })
})
