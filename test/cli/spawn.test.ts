import { either as E } from 'fp-ts'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { decodeCheckpoint } from '../../src/train/namespaces/Checkpoint.js'
import { entries, run, tempDir } from './harness.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const tsx = join(root, 'node_modules', '.bin', 'tsx')
const main = join(root, 'src', 'cli', 'main.ts')
/** tsx as a loader of this very process (the tsx command runs a second process, which a kill would orphan). */
const loader = join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')

/** The real executable, as a separate process (through tsx, so that no build is needed). */
const nabla = (args: ReadonlyArray<string>) =>
  spawnSync(tsx, [main, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 })

/** Starts `nabla train` as one process and resolves once it has printed an epoch's line. */
const startTraining = (cwd: string, args: ReadonlyArray<string>) => {
  const child = spawn(process.execPath, ['--import', loader, main, 'train', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const trained = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (/^epoch /m.test(out)) resolve()
    })
    child.on('exit', () => {
      reject(new Error(`exited before training: ${err}`))
    })
  })
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      resolve(code)
    }),
  )
  return { child, trained, exited, output: () => ({ out, err }) }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Tiny epochs (one mini-batch each), so that a good part of the time goes to writing checkpoints. */
const tiny = ['--layers', '64,10', '--batch-size', '2000', '--lr', '0.01', '--epochs', '1000000']

describe('the nabla executable', () => {
  it('train --help prints the options and exits 0', () => {
    const r = nabla(['train', '--help'])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^Usage: nabla train \[options\]/)
    expect(r.stdout).toContain('--resume FILE')
  })

  it('a bad flag prints one line on stderr, no stack trace, and exits 2', () => {
    const r = nabla(['train', '--epochs', 'many'])
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.includes('npm warn'))
    expect(lines).toEqual([
      "nabla train: --epochs must be a whole number in 0…1000000 (got 'many') (see nabla train --help)",
    ])
  })

  it('the entry file starts with a shebang, so the built file runs as `nabla`', () => {
    const r = spawnSync('head', ['-1', join(root, 'src', 'cli', 'main.ts')], { encoding: 'utf8' })
    expect(r.stdout.trim()).toBe('#!/usr/bin/env node')
  })

  it('`nabla train | head -1` exits quietly (141, nothing on stderr) and leaves no temporary file or lock', () => {
    const cwd = tempDir()
    const script = `"${process.execPath}" --import "${loader}" "${main}" train --epochs 30 --out o | head -1; echo "status \${PIPESTATUS[0]}" >&2`
    const r = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', timeout: 60_000 })
    expect(r.stdout).toMatch(/^nabla train: digits .*\n$/)
    expect(r.stderr).toBe('status 141\n')
    expect(entries(join(cwd, 'o')).filter((f) => f.startsWith('.'))).toEqual([])
    const m = JSON.parse(readFileSync(join(cwd, 'o', 'metrics.json'), 'utf8')) as { outcome: unknown }
    expect(m.outcome).toMatchObject({ status: 'interrupted', message: 'the output was closed' })
  })

  it('SIGINT stops at the next mini-batch: exit 130, one line, the last epoch kept, the lock released', async () => {
    const cwd = tempDir()
    const t = startTraining(cwd, [...tiny, '--out', 'o'])
    await t.trained
    t.child.kill('SIGINT')
    expect(await t.exited).toBe(130)
    expect(t.output().err).toMatch(
      /^nabla train: stopped by SIGINT in epoch \d+; o\/checkpoint\.json keeps epoch \d+; continue with nabla train --resume o\/checkpoint\.json\n$/,
    )
    expect(entries(join(cwd, 'o')).filter((f) => f.startsWith('.'))).toEqual([])
  })

  it('SIGKILL at any moment, also while a checkpoint is written: the checkpoint is whole or absent, and the next run cleans up', async () => {
    const lane = async (cwd: string, kills: number, offset: number): Promise<void> => {
      const out = join(cwd, 'k')
      for (let k = 0; k < kills; k++) {
        const t = startTraining(cwd, [...tiny, '--out', 'k'])
        await t.trained
        await sleep(((k + offset) * 17) % 40)
        t.child.kill('SIGKILL')
        await t.exited
        if (existsSync(join(out, 'checkpoint.json'))) {
          expect(E.isRight(decodeCheckpoint(readFileSync(join(out, 'checkpoint.json'), 'utf8')))).toBe(true)
        }
        expect(entries(out)).toContain('.nabla-train.lock') // the killed run's lock: stale from now on
      }
      const r = await run(['train', ...tiny.slice(0, -1), '1', '--out', 'k'], cwd)
      expect(r.code).toBe(0)
      expect(entries(out).filter((f) => f.startsWith('.'))).toEqual([])
    }
    // (how many of the kills hit a write varies from run to run; the checks hold for every kill)
    await Promise.all([lane(tempDir(), 3, 0), lane(tempDir(), 3, 1)])
  })
})
