// Every mistake on the command line is one line and exit 2, found before the first epoch, with nothing written.
import { fc, test } from '@fast-check/vitest'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { imagesFile, labelsFile } from '../data/idxFixtures.js'
import { entries, expectUsageError, readOnlyDir, run, tempDir } from './harness.js'

/** Runs `nabla train` in a fresh directory and checks the usage error and that nothing at all was written. */
const refused = async (argv: ReadonlyArray<string>, message: RegExp, cwd: string = tempDir()): Promise<void> => {
  const before = entries(cwd)
  const r = await run(['train', ...argv], cwd)
  expectUsageError(r, message)
  expect(r.out).toBe('') // before the first epoch: not even the header
  expect(entries(cwd)).toEqual(before)
}

/** A directory of the four IDX files of an MNIST-like set, with images of the given sizes. */
const idxDir = (parent: string, o: { train: number; test: number; trainSide?: number; testSide?: number }): string => {
  const dir = join(
    parent,
    `idx-${String(o.train)}-${String(o.test)}-${String(o.trainSide ?? 2)}-${String(o.testSide ?? 2)}`,
  )
  mkdirSync(dir)
  const images = (n: number, side: number) =>
    imagesFile(
      Array.from({ length: n }, (_, i) => Array.from({ length: side * side }, (_, p) => (i * 37 + p * 11) % 256)),
      side,
      side,
    )
  const labels = (n: number) => labelsFile(Array.from({ length: n }, (_, i) => i % 10))
  writeFileSync(join(dir, 'train-images-idx3-ubyte'), images(o.train, o.trainSide ?? 2))
  writeFileSync(join(dir, 'train-labels-idx1-ubyte'), labels(o.train))
  writeFileSync(join(dir, 't10k-images-idx3-ubyte'), images(o.test, o.testSide ?? 2))
  writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), labels(o.test))
  return dir
}

describe('flags', () => {
  it.each([
    [['--momentum', '0.5'], /--momentum has no effect with --optimizer adam/],
    [['--optimizer', 'sgd', '--momentum', '0.5'], /--momentum has no effect with --optimizer sgd/],
    [['--decay-rate', '0.5'], /--decay-rate has no effect with --schedule constant/],
    [['--schedule', 'cosine', '--decay-rate', '0.5'], /--decay-rate has no effect with --schedule cosine/],
    [['--schedule', 'exponential', '--decay-every', '3'], /--decay-every has no effect with --schedule exponential/],
    [['--extend-schedule'], /--extend-schedule applies only with --resume/],
    [['--lr', '0.1', '--lr', '0.2'], /--lr is given more than once: give each flag once/],
    [['--decay-rate', '2', '--schedule', 'step'], /--decay-rate must be a number in \(0, 1\] \(got 2\)/],
    [['--epochs', '1e9'], /--epochs must be a whole number in 0…1000000 \(got 1e9\)/],
    [['--layers', '64,2000000,10'], /--layers has a layer of 2000000 neurons; at most 1000000/],
    // (64 + 1)·300000 weights and biases into the hidden layer, (300000 + 1)·10 into the output
    [['--layers', '64,300000,10'], /--layers 64,300000,10 has 22500010 parameters; at most 16777216/],
    [['--outt', 'x'], /^nabla train: unknown option --outt for nabla train \(did you mean --out\?\)/],
    [['--optimizer', 'adagrad'], /--optimizer must be one of adam, sgd, momentum, adamw, rmsprop \(got 'adagrad'\)/],
    [
      ['--decoupled-decay', '0.1'],
      /--decoupled-decay has no effect with --optimizer adam \(it is λ of --optimizer adamw\)/,
    ],
    [['--optimizer', 'rmsprop', '--decoupled-decay', '0'], /--decoupled-decay has no effect with --optimizer rmsprop/],
    [
      ['--optimizer', 'adamw', '--rms-decay', '0.5'],
      /--rms-decay has no effect with --optimizer adamw \(it is ρ of --optimizer rmsprop\)/,
    ],
    [['--optimizer', 'rmsprop', '--momentum', '0.5'], /--momentum has no effect with --optimizer rmsprop/],
    [['--optimizer', 'rmsprop', '--rms-decay', '1'], /--rms-decay must be a number in \[0, 1\) \(got 1\)/],
    [['--optimizer', 'adamw', '--decoupled-decay', '-1e-4'], /--decoupled-decay must be a number ≥ 0 \(got -1e-4\)/],
    [['--optimizer', 'adamw', '--decoupled-decay', 'x'], /--decoupled-decay must be a number ≥ 0 \(got 'x'\)/],
  ])('%j is refused', async (argv, message) => {
    await refused(argv, message)
  })

  it('a long value is cut in the message, and control characters are escaped', async () => {
    await refused(['--lr', 'x'.repeat(5000)], /--lr must be a number > 0 \(got 'x{40}…'\)\s/)
    await refused(['--cost', 'a\nb\u001b[2J'], /--cost must be one of .* \(got 'a\\u000ab\\u001b\[2J'\)/)
  })

  it('several mistakes are one line each, all found at once', async () => {
    const cwd = tempDir()
    const r = await run(['train', '--lr', '-1', '--epochs', 'x', '--bogus', '--seed', '1.5'], cwd)
    expect(r.code).toBe(2)
    expect(r.err.trimEnd().split('\n')).toEqual([
      'nabla train: unknown option --bogus for nabla train',
      'nabla train: --lr must be a number > 0 (got -1)',
      "nabla train: --epochs must be a whole number in 0…1000000 (got 'x')",
      "nabla train: --seed must be a whole number in decimal digits (got '1.5') (see nabla train --help)",
    ])
    expect(entries(cwd)).toEqual([])
  })

  it('the output is bounded however many mistakes there are', async () => {
    const r = await run(['train', ...Array.from({ length: 500 }, (_, i) => `--no-such-flag-${String(i)}`)])
    expect(r.code).toBe(2)
    expect(r.err.trimEnd().split('\n')).toHaveLength(9)
    expect(r.err).toMatch(/and 492 more problems \(see nabla train --help\)\n$/)
  })

  const PROTOTYPE_NAMES = [
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'prototype',
    '__defineGetter__',
  ]
  const CHOICES = ['cost', 'activation', 'output-activation', 'optimizer', 'schedule', 'init']

  test.prop(
    [fc.constantFrom(...CHOICES), fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ maxLength: 12 }))],
    {
      numRuns: 60,
    },
  )('a choice flag looks names up among its choices only (prototype names are unknown names)', async (flag, value) => {
    const known = ['log-likelihood', 'loglikelihood', 'cross-entropy', 'crossentropy', 'quadratic', 'sigmoid', 'tanh']
    fc.pre(
      ![...known, 'relu', 'identity', 'softmax', 'adam', 'sgd', 'momentum', 'constant', 'cosine', 'step'].includes(
        value.trim().toLowerCase(),
      ),
    )
    fc.pre(!['exponential', 'scaled', 'standard'].includes(value.trim().toLowerCase()))
    fc.pre(!['adamw', 'rmsprop'].includes(value.trim().toLowerCase()))
    await refused([`--${flag}=${value}`], new RegExp(`--${flag} must be one of `))
  })
})

describe('-h, --help and --version', () => {
  it.each([
    [['-h'], /^Usage: nabla <command>/],
    [['train', '-h'], /^Usage: nabla train \[options\]/],
    [['train', '--bogus', '-h'], /^Usage: nabla train \[options\]/],
    [['gradcheck', '-h'], /^Usage: nabla gradcheck \[options\]/],
    [['explain', '-h'], /^Usage: nabla explain/],
    [['help', 'train'], /^Usage: nabla train \[options\]/],
  ])('%j prints the help and exits 0', async (argv, usage) => {
    const r = await run(argv)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(usage)
    expect(r.err).toBe('')
  })

  it("--version prints the package's version", async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    const r = await run(['--version'])
    expect(r.code).toBe(0)
    expect(r.out).toBe(`nabla ${pkg.version}\n`)
  })
})

describe('the data', () => {
  it.each([
    [
      { train: 12, test: 5, testSide: 3 },
      /the training examples have 4 features \(pixels\) but the held-out ones have 9/,
    ],
    [{ train: 0, test: 5 }, /the training set has no examples/],
    [{ train: 12, test: 0 }, /the held-out set has no examples/],
  ])('%j is refused before any training', async (shape, message) => {
    const cwd = tempDir()
    await refused(['--dataset', idxDir(cwd, shape), '--layers', '4,3,10'], message, cwd)
  })

  it('layers that do not fit the data are refused, for a fresh run and for a resumed one', async () => {
    const cwd = tempDir()
    const dir = idxDir(cwd, { train: 12, test: 5 })
    await refused(
      ['--dataset', dir, '--layers', '5,3,10'],
      /--layers 5,3,10 does not fit .*the input layer must have 4 neurons/,
      cwd,
    )
    await refused(['--dataset', dir, '--layers', '4,3,9'], /the output layer must have 10 neurons, one per class/, cwd)
    expect((await run(['train', '--layers', '64,12,10', '--epochs', '1', '--out', 'd'], cwd)).code).toBe(0)
    await refused(
      ['--resume', 'd/checkpoint.json', '--epochs', '2', '--dataset', dir],
      /the checkpoint's network 64-12-10 does not fit .*: the input layer must have 4 neurons/,
      cwd,
    )
  })
})

describe('the output directory', () => {
  it('--out naming a file', async () => {
    const cwd = tempDir()
    writeFileSync(join(cwd, 'f'), 'a file')
    await refused(['--out', 'f'], /--out .*\/f is a file, not a directory/, cwd)
    await refused(['--out', 'f/sub/dir'], /--out .*\/f\/sub\/dir: .*\/f is a file, not a directory/, cwd)
  })

  it('--out under a read-only parent, and a read-only --out, are refused before the first epoch', async () => {
    const cwd = tempDir()
    const ro = readOnlyDir(cwd, 'ro')
    await refused(
      ['--out', join(ro, 'sub')],
      /--out .*\/ro\/sub: cannot create .*\/ro\/sub \((EACCES|EPERM|EROFS)/,
      cwd,
    )
    await refused(['--out', ro], /--out .*\/ro: cannot write there \((EACCES|EPERM|EROFS)/, cwd)
  })

  it('--out /proc/x/out fails at once (no retry loop)', async () => {
    const r = await Promise.race([
      run(['train', '--out', '/proc/x/out']),
      new Promise<undefined>((resolve) => setTimeout(resolve, 5000, undefined)),
    ])
    expect(r).toBeDefined()
    expectUsageError(r!, /--out \/proc\/x\/out: cannot create \/proc\/x \(ENOENT/)
  })

  it('a directory locked by a live run is refused and left as it was; a stale lock is taken over', async () => {
    const cwd = tempDir()
    const out = join(cwd, 'o')
    mkdirSync(out)
    const lock = join(out, '.nabla-train.lock')
    writeFileSync(lock, `1@${hostname()}\n`) // process 1 is alive
    await refused(['--out', 'o'], /--out .*\/o is in use by another nabla train \(process 1\)/, cwd)
    expect(readFileSync(lock, 'utf8')).toBe(`1@${hostname()}\n`)
    writeFileSync(lock, `999999999@${hostname()}\n`) // no such process
    const r = await run(['train', '--layers', '64,12,10', '--epochs', '1', '--out', 'o'], cwd)
    expect(r.code).toBe(0)
    expect(entries(out)).not.toContain('.nabla-train.lock')
  })

  it('two runs on one --out at the same time: one trains, the other is refused', async () => {
    const cwd = tempDir()
    const args = ['train', '--layers', '64,12,10', '--epochs', '1', '--out', 'same']
    const codes = (await Promise.all([run(args, cwd), run(args, cwd)])).map((r) => r.code).sort()
    expect(codes).toEqual([0, 2])
  })

  it('stale temporary files of interrupted checkpoint writes are removed by the next run', async () => {
    const cwd = tempDir()
    const out = join(cwd, 'o')
    mkdirSync(join(out, '.checkpoint.json.tmp-999999999-aBcDeF'), { recursive: true })
    writeFileSync(join(out, '.checkpoint.json.tmp-999999999-aBcDeF', 'checkpoint.json'), '{"format": "nabl')
    mkdirSync(join(out, '.metrics.csv.tmp-Zx81Qe'))
    expect((await run(['train', '--layers', '64,12,10', '--epochs', '1', '--out', 'o'], cwd)).code).toBe(0)
    expect(entries(out)).toEqual(['checkpoint.json', 'metrics.csv', 'metrics.json', 'plot.svg'])
  })
})

describe('nabla gradcheck', () => {
  it.each([
    [['--examples', '1e9'], /--examples must be a whole number in 1…1000 \(got 1e9\)/],
    [['--layers', '100,100,100'], /--layers 100,100,100 has 20200 parameters; a check takes at most 5000/],
    [['--layers', '4,101'], /--layers has a layer of 101 neurons; at most 100/],
    [
      ['--examples', '1000'],
      /--examples 1000 with --layers 4,5,3 is too large a check .*: use fewer examples or smaller layers/,
    ],
    [['--cost', 'constructor'], /--cost must be one of/],
    [['--seed', '4', '--seed', '5'], /--seed is given more than once/],
  ])('%j is refused at once', async (argv, message) => {
    expectUsageError(await run(['gradcheck', ...argv]), message)
  })

  it('takes 64-bit seeds', async () => {
    const r = await run(['gradcheck', '--seed', '18446744073709551615'])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/seed 18446744073709551615/)
  })
})
