import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { explainHelp } from '../../src/cli/explain.js'
import { gradcheckHelp } from '../../src/cli/gradcheck/flags.js'
import { trainHelp } from '../../src/cli/train/flags.js'
import { run } from '../cli/harness.js'

// The guide's page on the command line is written by hand; this keeps it from losing a flag
// when one is added to a command (the --help texts are generated from the flag tables).
const page = readFileSync(fileURLToPath(new URL('../../docs/guide/cli.md', import.meta.url)), 'utf8')

/** The flags a help text lists, in its options table. */
const flags = (help: string): ReadonlyArray<string> => [
  ...new Set([...help.split('Options:')[1]!.matchAll(/^\s+(?:-\w, )?(--[a-z][a-z-]*)/gm)].map((m) => m[1]!)),
]

describe('docs/guide/cli.md', () => {
  it.each([
    ['train', trainHelp],
    ['gradcheck', gradcheckHelp],
    ['explain', explainHelp],
  ])('names every flag of nabla %s', (_, help) => {
    const listed = flags(help).filter((f) => f !== '--help')
    expect(listed.length).toBeGreaterThan(0)
    expect(listed.filter((f) => !page.includes(`\`${f}`))).toEqual([])
  })
})

describe('docs/guide/cli.md: the cost argument of nabla gradcheck', () => {
  it('its example is what the command it names prints, but for the times', async () => {
    expect(page).toContain('`nabla gradcheck --layers 3,4,2 --seed 1`')
    const example = page.split('\n').filter((l) => l.startsWith('cost argument:') || l.startsWith('  backprop takes'))
    const r = await run(['gradcheck', '--layers', '3,4,2', '--seed', '1'])
    const printed = r.out.split('\n')
    const at = printed.findIndex((l) => l.startsWith('cost argument:'))
    expect(example).toEqual(printed.slice(at, at + 2))
    // 3·4 + 4 weights and biases into the hidden layer and 4·2 + 2 into the output, two passes each
    expect(example[0]).toContain('took 52 forward passes for 26 parameters')
    const timing =
      /^measured: central differences [\d.]+ ms, backprop [\d.]+ ms \(mean of \d+ runs\): [\d.]+× backprop's time$/
    expect(page.split('\n').filter((l) => timing.test(l))).toHaveLength(1)
    expect(printed[at + 2]).toMatch(timing)
  })
})
