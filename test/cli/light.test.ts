import { readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { entryPoints } from '../helpers/entryPoints.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** The static import specifiers of a source file (import … from '…', export … from '…'), and its dynamic import()s. */
const importsOf = (file: string): ReadonlyArray<string> => {
  const text = readFileSync(file, 'utf8')
  const statics = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)]
    .filter((m) => !/^\s*import\s+type\s/.test(m[0]) && !/^\s*export\s+type\s/.test(m[0]))
    .map((m) => m[1]!)
  const dynamics = [...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!)
  return [...statics, ...dynamics]
}

/** Every module an entry point loads, and every bare specifier among them. */
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

const cliFiles = (files: ReadonlySet<string>): ReadonlyArray<string> =>
  [...files].map((f) => relative(root, f)).filter((f) => f.startsWith(join('src', 'cli')))

describe('what each entry point loads', () => {
  it('the entry points are the documented ones', () => {
    expect(entryPoints.map(([name]) => name)).toEqual([
      'nabla',
      'nabla/matrix',
      'nabla/train',
      'nabla/data',
      'nabla/dataset',
      'nabla/node',
      'nabla/extend',
      'nabla/laws',
    ])
  })

  describe.each(entryPoints.filter(([name]) => name !== 'nabla/node' && name !== 'nabla/laws'))('%s', (_, entry) => {
    const { files, packages } = graph(entry)
    it('loads neither the command line nor any Node built-in, only fp-ts and io-ts', () => {
      expect(cliFiles(files)).toEqual([])
      expect(files.size).toBeGreaterThan(1)
      // values from the package roots only: 'fp-ts/lib/X.js' would make a bundler load fp-ts twice
      expect([...packages].filter((p) => p !== 'fp-ts' && p !== 'io-ts')).toEqual([])
    })
  })

  it('nabla/laws loads fast-check besides, and nabla/node the Node built-ins; neither loads the command line', () => {
    const laws = graph(join(root, 'laws', 'index.ts'))
    const node = graph(join(root, 'src', 'node.ts'))
    expect(cliFiles(laws.files)).toEqual([])
    expect(cliFiles(node.files)).toEqual([])
    expect([...laws.packages].filter((p) => !/^(fp-ts|io-ts|fast-check)(\/|$)/.test(p))).toEqual([])
    expect([...node.packages].filter((p) => !/^(fp-ts|io-ts)(\/|$)/.test(p) && !p.startsWith('node:'))).toEqual([])
    expect([...node.packages].filter((p) => p.startsWith('node:')).length).toBeGreaterThan(0)
  })

  it('the root leaves training, data sets and the file system to their own entry points', () => {
    const rootFiles = [...graph(join(root, 'src', 'index.ts')).files].map((f) => relative(root, f))
    expect(rootFiles.filter((f) => /^src\/(train|data)\//.test(f) || f === 'src/node.ts')).toEqual([])
  })
})
