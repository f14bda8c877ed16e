import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const tsx = join(root, 'node_modules', '.bin', 'tsx')

/** The real executable, as a separate process (through tsx, so that no build is needed). */
const nabla = (args: ReadonlyArray<string>) =>
  spawnSync(tsx, [join(root, 'src', 'cli', 'main.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 })

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
    expect(lines).toEqual(["nabla train: --epochs must be a whole number ≥ 0 (got 'many') (see nabla train --help)"])
  })

  it('the entry file starts with a shebang, so the built file runs as `nabla`', () => {
    const r = spawnSync('head', ['-1', join(root, 'src', 'cli', 'main.ts')], { encoding: 'utf8' })
    expect(r.stdout.trim()).toBe('#!/usr/bin/env node')
  })
})
