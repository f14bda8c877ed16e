// Running the command line in-process with captured outputs, for the CLI tests.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { either as E } from 'fp-ts'
import { afterAll, expect } from 'vitest'
import { main } from '../../src/cli/program.js'
import type { Io, StopReason } from '../../src/cli/io.js'
import { decodeCheckpoint, type Checkpoint } from '../../src/train/namespaces/Checkpoint.js'

const dirs: Array<string> = []
const immutable: Array<string> = []

/** A fresh temporary directory, removed after the file's tests. */
export const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'nabla-cli-'))
  dirs.push(d)
  return d
}

afterAll(() => {
  immutable.forEach((d) => {
    execFileSync('chattr', ['-i', d])
  })
  dirs.forEach((d) => {
    rmSync(d, { recursive: true, force: true })
  })
})

/**
 * A directory in which nothing can be created, even by root: mode 0555,
 * and, for root (whom modes do not stop), the immutable attribute.
 */
export const readOnlyDir = (parent: string, name: string): string => {
  const d = join(parent, name)
  mkdirSync(d, { mode: 0o555 })
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', d])
    immutable.push(d)
  }
  expect(() => {
    writeFileSync(join(d, 'probe'), '')
  }).toThrow()
  return d
}

export interface Run {
  readonly code: number
  readonly out: string
  readonly err: string
}

/** Runs the command line in-process; `stopAfter` asks the run to stop once stdout has this many lines. */
export const run = async (
  argv: ReadonlyArray<string>,
  cwd: string = tempDir(),
  stopAfter?: { readonly lines: number; readonly reason: StopReason },
): Promise<Run> => {
  let out = ''
  let err = ''
  let stop: ((reason: StopReason) => void) | undefined
  const io: Io = {
    stdout: {
      write: (s) => {
        out += s
        if (stopAfter !== undefined && out.split('\n').length > stopAfter.lines) stop?.(stopAfter.reason)
      },
      isTTY: false,
    },
    stderr: { write: (s) => (err += s), isTTY: false },
    cwd,
    watchStop: (f) => {
      stop = f
      return () => {
        stop = undefined
      }
    },
  }
  const code = await main(argv, io)
  return { code, out, err }
}

/** A usage error: exit 2, one line on stderr naming the problem, no stack trace. */
export const expectUsageError = (r: Run, message: RegExp): void => {
  expect(r.err).toMatch(message)
  expect(r.err.trimEnd().split('\n')).toHaveLength(1)
  expect(r.code).toBe(2)
  expect(r.err).not.toMatch(/\n\s+at /)
}

/** The entries of a directory (none if it does not exist). */
export const entries = (dir: string): ReadonlyArray<string> => (existsSync(dir) ? readdirSync(dir).sort() : [])

/** A file's text. */
export const bytes = (path: string): string => readFileSync(path, 'utf8')

/** The checkpoint a file holds (a test fails if it does not decode). */
export const checkpointAt = (path: string): Checkpoint => {
  const cp = decodeCheckpoint(bytes(path))
  if (E.isLeft(cp)) throw new Error(cp.left)
  return cp.right
}
