/**
 * The per-epoch progress bar. cli-progress (an optional dependency) draws
 * it, loaded with a dynamic `import()` only when the command line trains,
 * so that importing nabla never loads it. On a terminal it is a live bar; on
 * a pipe or a file it prints a plain line every few seconds (cli-progress's
 * `noTTYOutput`). Without cli-progress installed the run goes on without a
 * bar (the per-epoch summary lines are printed either way).
 *
 * @module
 */
import type { Output } from './io.js'

/** The part of cli-progress's `SingleBar` that we use. */
interface SingleBar {
  start(total: number, start: number, payload?: Readonly<Record<string, unknown>>): void
  update(value: number, payload?: Readonly<Record<string, unknown>>): void
  stop(): void
}

interface CliProgress {
  readonly SingleBar: new (options: Readonly<Record<string, unknown>>) => SingleBar
}

/** A progress bar for one epoch at a time. */
export interface Progress {
  readonly start: (total: number, epoch: number) => void
  readonly update: (done: number, cost: number) => void
  readonly stop: () => void
}

const silent: Progress = { start: () => undefined, update: () => undefined, stop: () => undefined }

const loadCliProgress = async (): Promise<CliProgress | undefined> => {
  // A computed specifier, so that TypeScript and bundlers leave the optional dependency alone.
  const name = 'cli-progress'
  try {
    const mod = (await import(name)) as { readonly default?: CliProgress } & Partial<CliProgress>
    return mod.default ?? (mod.SingleBar === undefined ? undefined : (mod as CliProgress))
  } catch {
    return undefined
  }
}

/**
 * A progress bar writing to `out`, or a silent one if cli-progress is not
 * installed. `epochs` is the run's last epoch, shown as `epoch 3/10`.
 */
export const makeProgress = async (out: Output, epochs: number): Promise<Progress> => {
  const lib = await loadCliProgress()
  if (lib === undefined) return silent
  const stream = out.stream ?? { write: (s: string) => (out.write(s), true), isTTY: out.isTTY }
  const bar = new lib.SingleBar({
    stream,
    format: `epoch {epoch}/${String(epochs)} [{bar}] {percentage}% | {value}/{total} mini-batches | cost {cost} | eta {eta_formatted}`,
    barsize: 24,
    hideCursor: false,
    clearOnComplete: true,
    noTTYOutput: true,
    notTTYSchedule: 5000,
    etaBuffer: 50,
    // Ctrl-C keeps its default meaning (stop the run); checkpoints are written atomically
    gracefulExit: false,
  })
  // On a pipe, a bar is started only once an epoch has run for a while, so
  // that quick epochs print just their summary line, and long ones a line
  // every few seconds.
  const deferFor = out.isTTY ? 0 : 2000
  let started = false
  let pending: { readonly total: number; readonly epoch: number; readonly since: number } | undefined
  return {
    start: (total, epoch) => {
      pending = { total, epoch, since: Date.now() }
      started = false
    },
    update: (done, cost) => {
      const payload = { cost: Number.isFinite(cost) ? cost.toFixed(4) : String(cost) }
      if (!started && pending !== undefined && Date.now() - pending.since >= deferFor) {
        bar.start(pending.total, done, { epoch: pending.epoch, ...payload })
        started = true
      }
      if (started) bar.update(done, payload)
    },
    stop: () => {
      if (started) bar.stop()
      started = false
      pending = undefined
    },
  }
}
