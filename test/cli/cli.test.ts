import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { trainFlags } from '../../src/cli/train/index.js'
import { gradcheckFlags } from '../../src/cli/gradcheck/index.js'
import { niceTicks, plotSvg } from '../../src/cli/plot.js'
import { entries, expectUsageError, run, tempDir } from './harness.js'

describe('nabla', () => {
  it('--help lists the commands; no command is a usage error', async () => {
    const help = await run(['--help'])
    expect(help.code).toBe(0)
    expect(help.out).toMatch(/train/)
    expect(help.out).toMatch(/gradcheck/)
    expect(help.out).toMatch(/explain/)
    expect((await run([])).code).toBe(2)
  })

  it('an unknown command is a one-line usage error', async () => {
    expectUsageError(await run(['fly']), /unknown command 'fly'/)
  })
})

describe('nabla train: flags and errors', () => {
  it('--help documents every flag', async () => {
    const r = await run(['train', '--help'])
    expect(r.code).toBe(0)
    Object.values(trainFlags).forEach((f) => {
      expect(r.out).toContain(`--${f.name}`)
    })
  })

  it.each([
    [['--bogus'], /unknown option --bogus/],
    [['--epochs', '-3'], /--epochs must be a whole number in 0…1000000 \(got -3\)/],
    [['--epochs', '2.5'], /--epochs must be a whole number/],
    [['--lr', 'fast'], /--lr must be a number > 0 \(got 'fast'\)/],
    [['--lr', '0'], /--lr must be a number > 0/],
    [['--lr'], /--lr needs a value/],
    [['--batch-size', '0'], /--batch-size must be a whole number ≥ 1/],
    [['--optimizer', 'lbfgs'], /--optimizer must be one of adam, sgd, momentum/],
    [['--activation', 'swish'], /--activation must be one of/],
    [['--cost', 'hinge'], /--cost must be one of/],
    [['--layers', '64,x,10'], /--layers must be layer sizes/],
    [
      ['--layers', '60,30,10', '--epochs', '1'],
      /--layers 60,30,10 does not fit digits: the input layer must have 64 neurons/,
    ],
    [['--layers', '64,30,9', '--epochs', '1'], /the output layer must have 10 neurons/],
    [['--dataset', '/no/such/dir'], /--dataset \/no\/such\/dir: not digits, fashion-mnist, or an existing directory/],
    [['--cost', 'cross-entropy', '--output-activation', 'identity'], /needs outputs in \(0, 1\)/],
    [['stray'], /unexpected argument 'stray'/],
    [['--help=yes'], /--help does not take a value/],
  ])('%j is refused', async (argv, message) => {
    expectUsageError(await run(['train', ...argv]), message)
  })

  it('a directory without IDX files is a missing-data usage error', async () => {
    const r = await run(['train', '--dataset', tempDir()])
    expectUsageError(r, /missing file .*train-images-idx3-ubyte/)
  })
})

describe('nabla train on digits', () => {
  const cwd = tempDir()
  const args = ['--layers', '64,12,10', '--batch-size', '50', '--lr', '0.01', '--seed', '3']

  it('trains, reports each epoch, draws the plot, and writes checkpoint, metrics (CSV, JSON) and plot (SVG)', async () => {
    const r = await run(['train', ...args, '--epochs', '2', '--out', 'straight'], cwd)
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/digits \(1497 training, 300 held-out examples\), network 64-12-10/)
    expect(r.out).toMatch(/epoch 1\/2 +train cost \d\.\d{4} +held-out cost \d\.\d{4} +accuracy \d+\.\d\d% +\d/)
    expect(r.out).toMatch(/epoch 2\/2 /)
    expect(r.out).toMatch(/confusion matrix/)
    expect(r.out).toMatch(/plot: straight\/plot\.svg/)
    expect(r.out).toMatch(/^cost per epoch \(● training \(mean\), ○ held-out\)$/m)
    expect(r.out).toMatch(/^held-out accuracy per epoch \(● held-out accuracy\)$/m)
    const dir = join(cwd, 'straight')
    const csv = readFileSync(join(dir, 'metrics.csv'), 'utf8').trimEnd().split('\n')
    expect(csv[0]).toBe('epoch,step,train_cost,test_cost,test_accuracy,seconds')
    expect(csv).toHaveLength(3)
    expect(csv[2]).toMatch(/^2,60,/) // 1497 examples in mini-batches of 50: 30 per epoch
    const json = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as {
      epochs: ReadonlyArray<{ testAccuracy: number }>
      final: { confusion: ReadonlyArray<ReadonlyArray<number>>; heldOutAccuracy: number }
    }
    expect(json.epochs).toHaveLength(2)
    expect(json.final.confusion.flat().reduce((s, c) => s + c, 0)).toBe(300)
    expect(json.final.heldOutAccuracy).toBe(json.epochs[1]!.testAccuracy)
    const svg = readFileSync(join(dir, 'plot.svg'), 'utf8')
    expect(svg).toMatch(/^<\?xml/)
    expect(svg).toContain('Held-out accuracy per epoch')
    expect(entries(dir)).toEqual(['checkpoint.json', 'metrics.csv', 'metrics.json', 'plot.svg'])
    const checkpoint = JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8')) as {
      format: string
      version: number
      state: { epoch: number }
    }
    expect(checkpoint).toMatchObject({ format: 'nabla-checkpoint', version: 2, state: { epoch: 2 } })
  })

  it('--resume continues exactly: 1 epoch + resume to 2 = 2 epochs straight, bit for bit', async () => {
    const first = await run(['train', ...args, '--epochs', '1', '--out', 'first'], cwd)
    expect(first.code).toBe(0)
    const resumed = await run(['train', '--resume', 'first/checkpoint.json', '--epochs', '2', '--out', 'resumed'], cwd)
    expect(resumed.err).toBe('')
    expect(resumed.code).toBe(0)
    expect(resumed.out).toMatch(/resuming from first\/checkpoint\.json after epoch 1/)
    const model = (dir: string): unknown => {
      const cp = JSON.parse(readFileSync(join(cwd, dir, 'checkpoint.json'), 'utf8')) as Record<string, unknown>
      return [cp['model'], cp['optimizer'], cp['batchSize'], cp['state']]
    }
    expect(JSON.stringify(model('resumed'))).toBe(JSON.stringify(model('straight')))
    // the resumed run's metrics cover both epochs
    expect(
      readFileSync(join(cwd, 'resumed', 'metrics.csv'), 'utf8')
        .trimEnd()
        .split('\n'),
    ).toHaveLength(3)
  })

  it('--resume refuses settings that would change the run, and bad checkpoints', async () => {
    expectUsageError(
      await run(['train', '--resume', 'first/checkpoint.json', '--lr', '1'], cwd),
      /--lr cannot be given with --resume/,
    )
    expectUsageError(await run(['train', '--resume', 'nope.json'], cwd), /nope\.json: cannot read the checkpoint/)
  })
})

describe('nabla train: runs that fail', () => {
  it('a run whose weights stop being finite stops with one line and exit 1, without writing a checkpoint', async () => {
    const cwd = tempDir()
    const r = await run(
      [
        'train',
        '--cost',
        'quadratic',
        '--activation',
        'identity',
        '--output-activation',
        'identity',
        '--optimizer',
        'sgd',
        '--lr',
        '1000',
        '--epochs',
        '3',
        '--out',
        'div',
      ],
      cwd,
    )
    expect(r.code).toBe(1)
    expect(r.err).toMatch(
      /^nabla train: training diverged in epoch 1 \(mini-batch \d+\): the (weights are no longer finite|training cost is (NaN|Infinity)); no checkpoint was written; try a smaller --lr\n$/,
    )
    expect(readdirSync(join(cwd, 'div'))).not.toContain('checkpoint.json')
  })
})

describe('nabla gradcheck', () => {
  it('passes on a random network, printing each equation', async () => {
    const r = await run(['gradcheck', '--layers', '3,4,2', '--seed', '1'])
    expect(r.code).toBe(0)
    ;['BP1', 'BP2', 'BP3', 'BP4'].forEach((bp) => {
      expect(r.out).toMatch(new RegExp(`${bp} .*relative error \\S+ +ok`))
    })
    expect(r.out).toMatch(/verdict: passed/)
  })

  it('passes with softmax and log-likelihood, and tanh hidden layers', async () => {
    const r = await run([
      'gradcheck',
      '--layers',
      '5,4,3,3',
      '--activation',
      'tanh',
      '--output-activation',
      'softmax',
      '--cost',
      'log-likelihood',
    ])
    expect(r.code).toBe(0)
  })

  it('fails (exit 1) when the tolerance cannot be met', async () => {
    const r = await run(['gradcheck', '--tolerance', '1e-30'])
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/FAIL/)
    expect(r.out).toMatch(/verdict: FAILED/)
  })

  it('documents its flags and refuses bad ones', async () => {
    const help = await run(['gradcheck', '--help'])
    Object.values(gradcheckFlags).forEach((f) => {
      expect(help.out).toContain(`--${f.name}`)
    })
    expectUsageError(await run(['gradcheck', '--examples', '0']), /--examples must be a whole number in 1…1000/)
  })
})

describe('nabla explain', () => {
  it("prints Mazur's numbers, equation by equation, and the published slip", async () => {
    const r = await run(['explain'])
    expect(r.code).toBe(0)
    ;[
      '0.593269992',
      '0.751365070',
      '0.298371109',
      'δᴸ = ∇ₐC ⊙ σ′(zᴸ)',
      '0.138498562',
      '0.082167041',
      'δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)',
      '0.000438568',
      '0.358916480',
      '0.149780716',
      '0.29102777369',
      '0.291027924',
      'already-updated w5…w8',
    ].forEach((s) => {
      expect(r.out).toContain(s)
    })
  })
})

describe('plot', () => {
  it('nice ticks are 1, 2 or 5 × 10ᵏ apart and cover the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    expect(niceTicks(0.93, 0.99, 5)).toEqual([0.94, 0.96, 0.98])
    expect(niceTicks(0.9, 1, 10)).toEqual([0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99, 1])
    expect(niceTicks(1, 30, 6, true)).toEqual([5, 10, 15, 20, 25, 30])
    expect(niceTicks(1, 2, 6, true)).toEqual([1, 2])
  })

  it('is deterministic SVG with escaped text', () => {
    const panel = {
      title: 'a < b & c',
      xLabel: 'epoch',
      yLabel: 'cost',
      series: [{ name: 's', color: '#000', points: [[1, 2] as const] }],
    }
    const svg = plotSvg('t', [panel])
    expect(svg).toBe(plotSvg('t', [panel]))
    expect(svg).toContain('a &lt; b &amp; c')
  })
})
