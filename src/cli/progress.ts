/**
 * The progress of the epoch being trained, on one line. On a terminal it is
 * a bar redrawn in place (at most ten times a second) and erased when the
 * epoch ends, so that the epoch's summary line takes its place. On a pipe or
 * a file nothing is drawn for an epoch that ends within two seconds; a longer
 * one gets a plain line every five seconds, so that a log shows a slow run is
 * alive without filling up with bars.
 *
 * @module
 */
import type { Output } from './io.js'

/** The progress of one epoch at a time. */
export interface Progress {
  readonly start: (total: number, epoch: number) => void
  readonly update: (done: number, cost: number) => void
  readonly stop: () => void
}

/** When to draw, in milliseconds. */
export interface ProgressTiming {
  /** The clock (default `Date.now`). */
  readonly now?: () => number
  /** On a terminal: the least time between two redraws (default 100). */
  readonly redrawEvery?: number
  /** Not on a terminal: how long an epoch runs before its first line (default 2000)… */
  readonly quietFor?: number
  /** …and the time between two lines after it (default 5000). */
  readonly lineEvery?: number
}

const BAR_WIDTH = 24

/** Seconds as a short duration: `42s`, `3m05s`, `1h02m`. */
export const duration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return '?'
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${String(s)}s`
  const pad = (n: number): string => String(n).padStart(2, '0')
  if (s < 3600) return `${String(Math.floor(s / 60))}m${pad(s % 60)}s`
  return `${String(Math.floor(s / 3600))}h${pad(Math.floor(s / 60) % 60)}m`
}

/** The estimated time left: the time so far per mini-batch, times the mini-batches left. */
const eta = (elapsed: number, done: number, total: number): string =>
  done === 0 ? '?' : duration(((elapsed / done) * (total - done)) / 1000)

const costText = (cost: number): string => (Number.isFinite(cost) ? cost.toFixed(4) : String(cost))

/** The bar of a terminal: `epoch 3/10 [██████░░░…] 25% 12/47 mini-batches · cost 0.4123 · eta 9s`. */
export const barLine = (epoch: string, done: number, total: number, cost: number, elapsed: number): string => {
  const fraction = total === 0 ? 1 : done / total
  const filled = Math.round(fraction * BAR_WIDTH)
  return (
    `epoch ${epoch} [${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(100 * fraction)).padStart(3)}% ` +
    `${String(done)}/${String(total)} mini-batches · cost ${costText(cost)} · eta ${eta(elapsed, done, total)}`
  )
}

/** The plain line of a pipe: `epoch 3/10: 12/47 mini-batches (25%), cost 0.4123, eta 9s`. */
export const plainLine = (epoch: string, done: number, total: number, cost: number, elapsed: number): string =>
  `epoch ${epoch}: ${String(done)}/${String(total)} mini-batches (${String(Math.floor((100 * done) / Math.max(1, total)))}%), ` +
  `cost ${costText(cost)}, eta ${eta(elapsed, done, total)}`

/** Back to the start of the line and erase it (ANSI: CR, then erase to the end of the line). */
const ERASE = '\r\x1b[K'

/** The progress of a run of `epochs` epochs (shown as `epoch 3/10`), written to `out`. */
export const makeProgress = (out: Output, epochs: number, timing: ProgressTiming = {}): Progress => {
  const now = timing.now ?? Date.now
  const redrawEvery = timing.redrawEvery ?? 100
  const quietFor = timing.quietFor ?? 2000
  const lineEvery = timing.lineEvery ?? 5000
  // The state of the epoch being shown, local to this run's progress.
  let epoch: { readonly label: string; readonly total: number; readonly since: number } | undefined
  let lastDraw = -Infinity
  let drawn = false
  return {
    start: (total, n) => {
      epoch = { label: `${String(n)}/${String(epochs)}`, total, since: now() }
      lastDraw = -Infinity
      drawn = false
    },
    update: (done, cost) => {
      if (epoch === undefined) return
      const t = now()
      const elapsed = t - epoch.since
      if (out.isTTY) {
        if (t - lastDraw < redrawEvery && done < epoch.total) return
        out.write(`${ERASE}${barLine(epoch.label, done, epoch.total, cost, elapsed)}`)
        drawn = true
      } else {
        if (elapsed < quietFor || t - lastDraw < lineEvery || done >= epoch.total) return
        out.write(`${plainLine(epoch.label, done, epoch.total, cost, elapsed)}\n`)
      }
      lastDraw = t
    },
    stop: () => {
      if (drawn) out.write(ERASE)
      drawn = false
      epoch = undefined
    },
  }
}
