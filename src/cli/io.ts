/**
 * What the command line talks to, injectable for tests: two text outputs,
 * the working directory, and the environment.
 *
 * @module
 */
import process from 'node:process'

/** A text output: `write` and whether it is a terminal. */
export interface Output {
  readonly write: (text: string) => void
  readonly isTTY: boolean
  /** The real stream behind it, if any (cli-progress draws its bar on it). */
  readonly stream?: NodeJS.WritableStream & { readonly isTTY?: boolean }
}

/** The outside world of one run of the command line. */
export interface Io {
  readonly stdout: Output
  readonly stderr: Output
  /** The directory relative paths are resolved against. */
  readonly cwd: string
}

const outputOf = (stream: NodeJS.WriteStream): Output => ({
  write: (text) => {
    stream.write(text)
  },
  isTTY: stream.isTTY,
  stream,
})

/** The process's own stdout, stderr and working directory. */
export const nodeIo = (): Io => ({
  stdout: outputOf(process.stdout),
  stderr: outputOf(process.stderr),
  cwd: process.cwd(),
})

/** An error of the command line's use (a bad flag or value, missing data): exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** A run that could not complete (a failed check, a diverged run, a failed write): exit code 1. */
export class RunError extends Error {
  override readonly name = 'RunError'
}

/** Exit code of a run that succeeded. */
export const EXIT_OK: number = 0
/** Exit code of a run that failed: a failed check, a diverged run, a failed write. */
export const EXIT_FAILURE: number = 1
/** Exit code of a bad use of the command line: a bad command, flag or value, or missing data. */
export const EXIT_USAGE: number = 2

/** Writes one line. */
export const line = (out: Output, text: string = ''): void => {
  out.write(`${text}\n`)
}

/** A number with `digits` significant digits, without trailing noise: 0.1234, 1.2e-7. */
export const fmt = (x: number, digits: number = 4): string => {
  if (!Number.isFinite(x)) return String(x)
  if (x === 0) return '0'
  const a = Math.abs(x)
  return a >= 1e-3 && a < 1e6 ? String(Number(x.toPrecision(digits))) : x.toExponential(digits - 1)
}

/** A fraction as a percentage with two decimals: 0.98667 → "98.67%". */
export const percent = (x: number): string => `${(100 * x).toFixed(2)}%`

/** Seconds with a sensible number of decimals. */
export const seconds = (s: number): string =>
  s < 10 ? `${s.toFixed(2)} s` : s < 100 ? `${s.toFixed(1)} s` : `${s.toFixed(0)} s`
