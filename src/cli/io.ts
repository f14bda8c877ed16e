/**
 * What the command line talks to, injectable for tests: two text outputs,
 * the working directory, and a way to learn that a run should stop early.
 * Also the outcome of a command: an exit code, or a failure that the
 * program prints.
 *
 * @module
 */
import { either as E } from 'fp-ts'
import process from 'node:process'

/** A text output: `write` and whether it is a terminal. */
export interface Output {
  readonly write: (text: string) => void
  readonly isTTY: boolean
}

/**
 * Why a run stops before its end: the output was closed (a reader such as
 * `head` went away: EPIPE), or the process was asked to stop.
 */
export type StopReason = 'EPIPE' | 'SIGINT' | 'SIGTERM'

/** The outside world of one run of the command line. */
export interface Io {
  readonly stdout: Output
  readonly stderr: Output
  /** The directory relative paths are resolved against. */
  readonly cwd: string
  /**
   * Calls `stop` (once) when a long run should end early; returns a
   * function that stops watching. Without it, nothing stops a run.
   */
  readonly watchStop?: (stop: (reason: StopReason) => void) => () => void
}

/** Exit code of a run that succeeded. */
export const EXIT_OK: number = 0
/** Exit code of a run that failed: a failed check, a diverged run, a failed write. */
export const EXIT_FAILURE: number = 1
/** Exit code of a bad use of the command line: a bad command, flag or value, or unusable data. */
export const EXIT_USAGE: number = 2

/** The exit code of a run stopped for a reason: 128 + the signal's number, as a shell reports it. */
export const exitCodeOf = (reason: StopReason): number => (reason === 'EPIPE' ? 141 : reason === 'SIGINT' ? 130 : 143)

/**
 * Why a command did not succeed: a bad use of the command line (each
 * problem one line; exit 2), or a run that failed (exit `exit`; no message
 * when the output is gone).
 */
export type Failure =
  | { readonly kind: 'usage'; readonly problems: ReadonlyArray<string> }
  | { readonly kind: 'run'; readonly message: string | undefined; readonly exit: number }

/** The outcome of a command: its exit code, or a failure. */
export type Outcome = E.Either<Failure, number>

/** A usage failure with these problems. */
export const usage = (problems: ReadonlyArray<string> | string): Failure => ({
  kind: 'usage',
  problems: typeof problems === 'string' ? [problems] : problems,
})

/** A failed run with one message (exit 1 unless given). */
export const runFailure = (message: string | undefined, exit: number = EXIT_FAILURE): Failure => ({
  kind: 'run',
  message,
  exit,
})

const isBrokenPipe = (e: unknown): boolean =>
  typeof e === 'object' &&
  e !== null &&
  ['EPIPE', 'ERR_STREAM_DESTROYED'].includes(String((e as { code?: unknown }).code))

const outputOf = (stream: NodeJS.WriteStream, closed: () => boolean): Output => ({
  write: (text) => {
    if (!closed()) stream.write(text)
  },
  isTTY: stream.isTTY,
})

/**
 * The process's own stdout, stderr and working directory. A closed stdout
 * or stderr (EPIPE) never crashes the process: later writes are dropped and
 * a watched run is told to stop. SIGINT and SIGTERM stop a watched run at
 * its next step; a second one ends the process at once.
 */
export const nodeIo = (): Io => {
  const closedStreams = new Set<NodeJS.WriteStream>()
  const pipeWatchers = new Set<(reason: StopReason) => void>()
  const onError =
    (stream: NodeJS.WriteStream) =>
    (e: unknown): void => {
      if (!isBrokenPipe(e)) throw e
      closedStreams.add(stream)
      pipeWatchers.forEach((w) => {
        w('EPIPE')
      })
    }
  process.stdout.on('error', onError(process.stdout))
  process.stderr.on('error', onError(process.stderr))
  return {
    stdout: outputOf(process.stdout, () => closedStreams.has(process.stdout)),
    stderr: outputOf(process.stderr, () => closedStreams.has(process.stderr)),
    cwd: process.cwd(),
    watchStop: (stop) => {
      let stopped = false
      const once = (reason: StopReason): void => {
        if (stopped) {
          // asked twice: stop now, without waiting for the run
          if (reason !== 'EPIPE') process.exit(exitCodeOf(reason))
          return
        }
        stopped = true
        stop(reason)
      }
      const onInt = (): void => {
        once('SIGINT')
      }
      const onTerm = (): void => {
        once('SIGTERM')
      }
      pipeWatchers.add(once)
      if (closedStreams.has(process.stdout)) once('EPIPE')
      process.on('SIGINT', onInt)
      process.on('SIGTERM', onTerm)
      return () => {
        pipeWatchers.delete(once)
        process.off('SIGINT', onInt)
        process.off('SIGTERM', onTerm)
      }
    },
  }
}

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
