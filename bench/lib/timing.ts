/**
 * A small timing loop: warm up, calibrate a number of calls per sample so
 * that one sample lasts at least `sampleMs`, then take samples of all
 * contenders in interleaved rounds (A B C D, B C D A, C D A B, …: each round
 * starts one contender later) so that a slow period of a busy machine hurts
 * all of them alike, and report the median.
 *
 * (The heap is deliberately *not* collected between samples: tried, a full
 * collection before every sample made TF.js's samples 3–5× and nabla's
 * gradient up to 2× slower than in steady state, so the medians would have
 * measured recovery from it. Rotating the order spreads over all contenders
 * the cost of collecting the garbage that the previous one left behind.)
 */

/** One contender in a comparison. `setup` runs before each of its samples (e.g. to switch a TF.js backend). */
export interface Contender {
  readonly name: string
  readonly setup?: () => Promise<void>
  readonly call: () => void
}

export interface Timing {
  /** Median time of one call, in milliseconds. */
  readonly medianMs: number
  /** Fastest sample, in milliseconds per call. */
  readonly minMs: number
  /** Slowest sample, in milliseconds per call. */
  readonly maxMs: number
  /** Calls per sample and number of samples. */
  readonly callsPerSample: number
  readonly samples: number
}

export const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

const timeCalls = (call: () => void, calls: number): number => {
  const t0 = performance.now()
  for (let i = 0; i < calls; i++) call()
  return (performance.now() - t0) / calls
}

/** Times every contender in `rounds` interleaved rounds; returns one `Timing` per contender, by name. */
export const compare = async (
  contenders: ReadonlyArray<Contender>,
  options: { readonly rounds: number; readonly sampleMs: number },
): Promise<Record<string, Timing>> => {
  const calls = new Map<string, number>()
  for (const c of contenders) {
    await c.setup?.()
    // warm-up, so that the JIT has optimised the code being timed: at least
    // 5 calls and 4 sample lengths; then calls per sample from the fastest call
    let best = Infinity
    let spent = 0
    let warm = 0
    while (warm < 5 || spent < 4 * options.sampleMs) {
      const t = timeCalls(c.call, 1)
      best = Math.min(best, t)
      spent += t
      warm++
      if (warm >= 100_000) break
    }
    const n = Math.max(1, Math.round(options.sampleMs / Math.max(best, 1e-6)))
    calls.set(c.name, n)
  }
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]))
  for (let r = 0; r < options.rounds; r++) {
    for (let i = 0; i < contenders.length; i++) {
      const c = contenders[(r + i) % contenders.length]!
      await c.setup?.()
      samples.get(c.name)!.push(timeCalls(c.call, calls.get(c.name)!))
    }
  }
  return Object.fromEntries(
    contenders.map((c) => {
      const s = samples.get(c.name)!
      const timing: Timing = {
        medianMs: median(s),
        minMs: Math.min(...s),
        maxMs: Math.max(...s),
        callsPerSample: calls.get(c.name)!,
        samples: s.length,
      }
      return [c.name, timing]
    }),
  )
}
