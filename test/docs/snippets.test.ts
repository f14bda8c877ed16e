import { readFileSync, readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// Every code sample of the docs site is a file of docs/snippets that a page includes with
// `<<< @/snippets/name.ts`. `tsc` type-checks them (tsconfig.json includes docs/snippets) and this
// test runs them; each one asserts its own results with node:assert, so a page cannot drift from
// the code. Files named *.spec.ts register tests of their own and run in snippet-specs.test.ts.
const snippets = import.meta.glob(['../../docs/snippets/*.ts', '!../../docs/snippets/*.spec.ts'])

const docs = fileURLToPath(new URL('../../docs', import.meta.url))

/** The markdown pages written by hand (the generated API pages and build output are left out). */
const pages = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? entry.name === 'api' || entry.name.startsWith('.')
        ? []
        : pages(join(dir, entry.name))
      : entry.name.endsWith('.md')
        ? [join(dir, entry.name)]
        : [],
  )

/** The snippet files each page includes. */
const included = pages(docs).flatMap((page) =>
  [...readFileSync(page, 'utf8').matchAll(/^<<< @\/snippets\/([\w.-]+\.ts)/gm)].map((m) => m[1]!),
)

describe('docs snippets', () => {
  it('finds the snippets', () => {
    expect(Object.keys(snippets).length).toBeGreaterThan(10)
  })

  it.each(Object.keys(snippets).map((path) => basename(path)))('%s runs and its assertions hold', async (name) => {
    await snippets[`../../docs/snippets/${name}`]!()
  })

  it('every snippet is shown on some page, and every included snippet exists', () => {
    // the readme-*.ts snippets are the samples of README.md instead (readme.test.ts)
    const files = readdirSync(join(docs, 'snippets')).filter((f) => f.endsWith('.ts') && !f.startsWith('readme-'))
    expect(files.filter((f) => !included.includes(f))).toEqual([])
    expect(included.filter((f) => !files.includes(f))).toEqual([])
  })
})
