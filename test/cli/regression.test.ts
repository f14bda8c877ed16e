// nabla train on a CSV file: a regression of its --target column, measured by its RMSE.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { either as E } from 'fp-ts'
import { fmt } from '../../src/cli/io.js'
import { regressionValidationProblem } from '../../src/cli/train/data.js'
import { freshPlan } from '../../src/cli/train/plan.js'
import { settingsOf } from '../../src/cli/train/settings.js'
import { after } from '../../docs/snippets/regression.js'
import { entries, expectUsageError, run, tempDir } from './harness.js'

const docs = fileURLToPath(new URL('../../docs', import.meta.url))
const page = readFileSync(join(docs, 'gallery/regression.md'), 'utf8')

/** A temporary directory holding the gallery's test-scores.csv. */
const withScores = (): string => {
  const dir = tempDir()
  copyFileSync(join(docs, 'public/data/test-scores.csv'), join(dir, 'test-scores.csv'))
  return dir
}

/** The arguments of the gallery page's command (the `nabla train …` of its sh block). */
const pageCommand = (): ReadonlyArray<string> => {
  const block = /```sh\n(nabla train[^`]*)```/.exec(page)?.[1] ?? ''
  return block.replace(/\\\n/g, ' ').trim().split(/\s+/).slice(1)
}

/** The metrics.json of a run. */
const metrics = (dir: string): { final: { rmse: number; cost: number } | null; [k: string]: unknown } =>
  JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as { final: { rmse: number; cost: number } | null }

describe('the gallery page: the test-score regression from the command line', () => {
  it("runs the page's command and ends at the snippet's RMSE, bit for bit, printing what the page shows", async () => {
    const cwd = withScores()
    const args = pageCommand()
    expect(args.slice(0, 4)).toEqual(['train', '--dataset', 'test-scores.csv', '--target'])
    const r = await run([...args, '--out', 'run'], cwd)
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(metrics(join(cwd, 'run')).final?.rmse).toBe(after)
    expect(r.out).toContain(`on the 3 training examples: RMSE ${fmt(after)} (score)`)
    // every whole line of the page's output block, and every epoch line up to its timing, is printed
    const shown = /```text\n(regression of[^`]*)```/.exec(page)?.[1] ?? ''
    const lines = shown.split('\n').filter((l) => l !== '' && l !== '…')
    expect(lines.length).toBe(4)
    lines.forEach((l) => {
      expect(r.out).toContain(l.replace(/\s*…$/, ''))
    })
  })

  it('never prints, writes or plots an accuracy or a confusion matrix', async () => {
    const cwd = withScores()
    const r = await run(
      ['train', '--dataset', 'test-scores.csv', '--target', 'score', '--epochs', '3', '--out', 'o'],
      cwd,
    )
    expect(r.code).toBe(0)
    const written = ['metrics.csv', 'metrics.json', 'plot.svg'].map((f) => readFileSync(join(cwd, 'o', f), 'utf8'))
    ;[r.out, ...written].forEach((text) => {
      expect(text).not.toMatch(/accura|confusion|correct/i)
      expect(text).toMatch(/rmse/i)
    })
    expect(written[0]?.split('\n')[0]).toBe('epoch,step,train_cost,cost,rmse,seconds')
  })

  it('defaults to the quadratic cost and identity outputs, and scales the target by its largest value', async () => {
    const cwd = withScores()
    const r = await run(['train', '--dataset', 'test-scores.csv', '--target', 'score', '--epochs', '1'], cwd)
    expect(r.code).toBe(0)
    expect(r.out).toContain('network 2-100-1 (sigmoid hidden, identity output), quadratic cost')
    expect(r.out).toContain('score divided by 93 (its largest magnitude)')
    expect(r.out).toContain('divided by 10, 5;')
  })

  it('a regression stopped and resumed ends where the uninterrupted run does, bit for bit', async () => {
    const cwd = withScores()
    const common = ['train', '--dataset', 'test-scores.csv', '--target', 'score', '--target-scale', '100']
    const whole = await run([...common, '--epochs', '6', '--out', 'whole'], cwd)
    const half = await run([...common, '--epochs', '3', '--out', 'half'], cwd)
    const resumed = await run(['train', '--resume', 'half/checkpoint.json', '--epochs', '6'], cwd)
    expect([whole.code, half.code, resumed.code]).toEqual([0, 0, 0])
    expect(resumed.out).toContain('score divided by 100 (--target-scale)')
    expect(metrics(join(cwd, 'half')).final).toEqual(metrics(join(cwd, 'whole')).final)
  })
})

describe('nabla train on a CSV file: bad values are one line, exit 2, before any work', () => {
  const csv = (text: string): string => {
    const dir = tempDir()
    writeFileSync(join(dir, 'd.csv'), text)
    return dir
  }

  it.each([
    [['--dataset', 'digits', '--target', 'score'], /^nabla train: --target applies only to a CSV --dataset/],
    [
      ['--dataset', 'd.csv'],
      /^nabla train: --dataset d\.csv is a CSV file: give --target COLUMN, the column to predict \(see nabla train --help\)$/m,
    ],
    [['--target-scale', '100'], /^nabla train: --target-scale applies only with --target \(see nabla train --help\)$/m],
    [['--dataset', 'd.csv', '--target', 'y', '--target-scale', '0'], /--target-scale must be a number > 0 \(got 0\)/],
    [['--dataset', 'd.csv', '--target', 'y', '--target-scale', 'abc'], /--target-scale must be a number > 0/],
    [
      ['--dataset', 'd.csv', '--target', 'y', '--cost', 'cross-entropy'],
      /^nabla train: --cost cross-entropy does not fit a regression: its targets are real values.*use --cost quadratic \(see nabla train --help\)$/m,
    ],
    [
      ['--dataset', 'd.csv', '--target', 'y', '--cost', 'log-likelihood', '--output-activation', 'softmax'],
      /^nabla train: --cost log-likelihood does not fit a regression/m,
    ],
  ])('%j is refused', async (args, message) => {
    const cwd = csv('x,y\n1,-2\n3,4\n')
    const r = await run(['train', ...args], cwd)
    expectUsageError(r, message)
    expect(entries(join(cwd, 'runs'))).toEqual([])
  })

  it.each([
    [
      'x,y\n1,2\n3,oops\n',
      [],
      /^nabla train: d\.csv line 3, column 2 \("y"\) is "oops", not a decimal number \(see nabla train --help\)$/m,
    ],
    [
      'x,y\n1,2\n3\n',
      [],
      /^nabla train: d\.csv line 3 has 1 fields, but the header names 2 columns \(see nabla train --help\)$/m,
    ],
    [
      'x,z\n1,2\n',
      [],
      /^nabla train: d\.csv: no column named "y" to predict \(the columns are "x", "z"\) \(see nabla train --help\)$/m,
    ],
    ['', [], /^nabla train: d\.csv: the file is empty/],
    ['x,y\n1,Infinity\n', [], /only finite numbers are accepted \(see nabla train --help\)$/m],
    [
      'x,y\n1,-2\n3,4\n',
      ['--output-activation', 'softmax'],
      /^nabla train: --output-activation softmax does not fit a regression/,
    ],
    [
      'x,y\n1,-2\n3,4\n',
      ['--output-activation', 'sigmoid'],
      /^nabla train: --output-activation sigmoid cannot reach every target: its outputs lie in \(0, 1\), but scaled by 4, --target y runs from -0\.5 to 1; use identity \(see nabla train --help\)$/m,
    ],
    [
      'x,y\n1,150\n3,40\n',
      ['--output-activation', 'sigmoid', '--target-scale', '100'],
      /runs from 0\.4 to 1\.5; use identity or another --target-scale \(see nabla train --help\)$/m,
    ],
    [
      'x,y\n1,2\n',
      ['--layers', '1,3,2'],
      /^nabla train: --layers 1,3,2 does not fit d: the output layer must have 1 neuron, one per target \(see nabla train --help\)$/m,
    ],
    [
      'x,y\n1,2\n',
      ['--layers', '2,3,1'],
      /^nabla train: --layers 2,3,1 does not fit d: the input layer must have 1 neurons/,
    ],
  ])('the file %j with %j is refused', async (text, extra, message) => {
    const cwd = csv(text)
    const r = await run(['train', '--dataset', 'd.csv', '--target', 'y', ...extra], cwd)
    expectUsageError(r, message)
    expect(entries(join(cwd, 'runs'))).toEqual([])
  })

  it('a missing file, a directory named .csv and a file that is not UTF-8 are refused', async () => {
    const cwd = tempDir()
    mkdirSync(join(cwd, 'dir.csv'))
    writeFileSync(join(cwd, 'bin.csv'), Uint8Array.of(0x78, 0x2c, 0x79, 0x0a, 0xff, 0xfe, 0x0a))
    const target = ['--target', 'y']
    expectUsageError(
      await run(['train', '--dataset', 'no.csv', ...target], cwd),
      /^nabla train: --dataset no\.csv: cannot read the file \(.*ENOENT/,
    )
    expectUsageError(
      await run(['train', '--dataset', 'dir.csv', ...target], cwd),
      /^nabla train: --dataset dir\.csv: not a file \(see nabla train --help\)$/m,
    )
    expectUsageError(
      await run(['train', '--dataset', 'bin.csv', ...target], cwd),
      /^nabla train: --dataset bin\.csv: not UTF-8 text \(see nabla train --help\)$/m,
    )
    expect(entries(join(cwd, 'runs'))).toEqual([])
  })

  it.each([[[]], [['--patience', '3']], [['--monitor', 'accuracy']], [['--monitor', 'cost', '--patience', '2']]])(
    '--validation with a CSV file, and %j, is one line before the file is read: a regression has no validation set',
    async (extra) => {
      const cwd = tempDir() // no absent.csv: the refusal comes before any reading
      const r = await run(['train', '--dataset', 'absent.csv', '--target', 'y', '--validation', '0.25', ...extra], cwd)
      expectUsageError(
        r,
        /^nabla train: --validation applies only to a classification data set \(digits, fashion-mnist, a directory of IDX files\), not to a regression on a CSV file \(got --dataset absent\.csv\) \(see nabla train --help\)$/m,
      )
      expect(entries(cwd)).toEqual([])
    },
  )

  it('a plan of a CSV file with a validation set is refused, whatever built its settings', async () => {
    const cwd = csv('x,y\n1,-2\n3,4\n5,6\n7,8\n')
    const parsed = settingsOf(['--dataset', 'digits', '--validation', '0.25'])
    if (E.isLeft(parsed) || parsed.right.kind !== 'fresh') throw new Error('expected the settings of a fresh run')
    const plan = await freshPlan(
      { ...parsed.right.settings, dataset: 'd.csv', target: 'y', cost: 'quadratic', outputActivation: 'identity' },
      cwd,
    )
    expect(plan).toEqual(E.left([regressionValidationProblem('d.csv')]))
  })

  it('--target cannot be changed on --resume: the checkpoint keeps it', async () => {
    const cwd = csv('x,y\n1,2\n3,4\n')
    expect((await run(['train', '--dataset', 'd.csv', '--target', 'y', '--epochs', '1', '--out', 'o'], cwd)).code).toBe(
      0,
    )
    const r = await run(['train', '--resume', 'o/checkpoint.json', '--target', 'x', '--epochs', '2'], cwd)
    expectUsageError(r, /^nabla train: --target cannot be given with --resume/)
  })
})
