import { readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** The static import specifiers of a source file (import … from '…', export … from '…'); dynamic import() is not followed. */
const importsOf = (file: string): ReadonlyArray<string> =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)]
    .filter((m) => !/^\s*import\s+type\s/.test(m[0]) && !/^\s*export\s+type\s/.test(m[0]))
    .map((m) => m[1]!)

/** Every module the package root loads when imported, and every bare specifier among them. */
const graph = (entry: string): { readonly files: ReadonlySet<string>; readonly packages: ReadonlySet<string> } => {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string): void => {
    if (files.has(file)) return
    files.add(file)
    importsOf(file).forEach((spec) => {
      if (spec.startsWith('.')) visit(join(dirname(file), spec.replace(/\.js$/, '.ts')))
      else packages.add(spec)
    })
  }
  visit(entry)
  return { files, packages }
}

describe("the library stays light for `import { grad } from 'nabla'`", () => {
  const { files, packages } = graph(join(root, 'src', 'index.ts'))

  it('the root never loads the command line', () => {
    const cli = [...files].map((f) => relative(root, f)).filter((f) => f.startsWith(join('src', 'cli')))
    expect(cli).toEqual([])
    expect(files.size).toBeGreaterThan(30)
    expect(files.has(join(root, 'src', 'train', 'index.ts'))).toBe(true)
  })

  it('nor any CLI dependency or Node built-in (checkpoint files load node:fs only when used)', () => {
    const loaded = [...packages].filter(
      (p) => !p.startsWith('fp-ts') && !p.startsWith('io-ts') && !p.startsWith('pure-rand'),
    )
    expect(loaded).toEqual([])
  })
})
