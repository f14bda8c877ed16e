import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { explainHelp } from '../../src/cli/explain.js'
import { gradcheckHelp } from '../../src/cli/gradcheck/flags.js'
import { trainHelp } from '../../src/cli/train/flags.js'

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
