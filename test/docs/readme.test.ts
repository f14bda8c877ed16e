// The TypeScript samples of README.md are the files docs/snippets/readme-*.ts, character for
// character: those files are type-checked with everything else (tsconfig.json includes
// docs/snippets) and run by snippets.test.ts, so the README cannot show code that does not compile
// or does not run.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const snippets = join(root, 'docs', 'snippets')

const fences = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map(
  (m) => m[1]!,
)
const samples = readdirSync(snippets)
  .filter((f) => /^readme-.*\.ts$/.test(f))
  .map((f) => [f, readFileSync(join(snippets, f), 'utf8')] as const)

describe('README.md samples', () => {
  it('every TypeScript sample of the README is a readme-*.ts snippet, as it is', () => {
    expect(fences.length).toBeGreaterThanOrEqual(3)
    expect(fences.filter((code) => !samples.some(([, text]) => text === code))).toEqual([])
  })

  it('every readme-*.ts snippet is a sample of the README', () => {
    expect(samples.filter(([, text]) => !fences.includes(text)).map(([f]) => f)).toEqual([])
  })
})
