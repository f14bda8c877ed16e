/**
 * What every benchmark file exports, and what the runner (`bench/run.ts`)
 * needs from it. A benchmark returns its results as plain data: the runner
 * prints nothing of its own but writes that data to `bench/results/<name>.json`.
 */

/** Options shared by all benchmarks. */
export interface BenchOptions {
  /** Timed rounds per case (the median of these is reported). */
  readonly rounds: number
  /** Minimum duration of one timed sample, in milliseconds. */
  readonly sampleMs: number
  /** Rounds of the benchmarks that time whole training epochs (one epoch per contender per round). */
  readonly epochRounds: number
  /** Prints a line (the runner passes `console.log`). */
  readonly log: (line: string) => void
}

/** A named benchmark that can be run on its own (`npm run bench -- <name>`). */
export interface Benchmark {
  readonly name: string
  readonly description: string
  readonly run: (options: BenchOptions) => Promise<unknown>
}
