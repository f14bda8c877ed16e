/**
 * Runs nabla's benchmarks: `npm run bench` runs all of them,
 * `npm run bench -- matmul` only the named ones.
 *
 * Options: `--rounds N` (timed rounds per case, default 9; the median is
 * reported), `--sample-ms T` (minimum duration of one sample, default 25),
 * `--epoch-rounds E` (rounds of the training-epoch benchmark, one epoch per
 * contender each, default 3), `--quick` (3 rounds of 10 ms and 1 epoch
 * round, for a smoke test).
 *
 * Each benchmark lives in its own file and is listed in `BENCHMARKS`; its
 * results go to `bench/results/<name>.json` (ignored by git) together with
 * the date, the command and the machine, so the docs can quote them.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { Benchmark } from './lib/benchmark.js'
import { machine } from './lib/machine.js'

const BENCHMARKS: Readonly<Record<string, () => Promise<Benchmark>>> = {
  matmul: async () => (await import('./matmul.js')).benchmark,
  gradient: async () => (await import('./gradient.js')).benchmark,
  backprop: async () => (await import('./backprop.js')).benchmark,
  epoch: async () => (await import('./epoch.js')).benchmark,
  perExample: async () => (await import('./perExample.js')).benchmark,
  costArgument: async () => (await import('./costArgument.js')).benchmark,
}

const usage = `usage: npm run bench [-- [--rounds N] [--sample-ms T] [--epoch-rounds E] [--quick] [${Object.keys(BENCHMARKS).join(' | ')} …]]`

const positiveInt = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback
  const x = Number(value)
  if (!Number.isInteger(x) || x < 1) throw new Error(`--${name} must be a positive integer, got ${value}`)
  return x
}

const main = async (): Promise<void> => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      rounds: { type: 'string' },
      'sample-ms': { type: 'string' },
      'epoch-rounds': { type: 'string' },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(usage)
    return
  }
  const unknown = positionals.filter((p) => !(p in BENCHMARKS))
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}\n${usage}`)
  const names = positionals.length > 0 ? positionals : Object.keys(BENCHMARKS)
  const rounds = positiveInt('rounds', values.rounds, values.quick ? 3 : 9)
  const sampleMs = positiveInt('sample-ms', values['sample-ms'], values.quick ? 10 : 25)
  const epochRounds = positiveInt('epoch-rounds', values['epoch-rounds'], values.quick ? 1 : 3)

  const here = dirname(fileURLToPath(import.meta.url))
  const resultsDir = join(here, 'results')
  mkdirSync(resultsDir, { recursive: true })
  const host = machine()
  console.log(
    `${host.cpu}, ${String(host.cores)} cores, Node ${host.node}, load average ${host.loadAverage.join(' ')}; ` +
      `${String(rounds)} rounds of ≥ ${String(sampleMs)} ms`,
  )

  for (const name of names) {
    const bench = await BENCHMARKS[name]!()
    console.log(`\n## ${bench.name}: ${bench.description}\n`)
    const started = new Date()
    const results = await bench.run({
      rounds,
      sampleMs,
      epochRounds,
      log: (line) => {
        console.log(line)
      },
    })
    const file = join(resultsDir, `${bench.name}.json`)
    const record = {
      benchmark: bench.name,
      date: started.toISOString(),
      seconds: (Date.now() - started.getTime()) / 1000,
      command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
      options: { rounds, sampleMs, epochRounds },
      machine: host,
      results,
    }
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`)
    console.log(`\nwrote ${relative(process.cwd(), file)} (${record.seconds.toFixed(0)} s)`)
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e)
  process.exitCode = 1
})
