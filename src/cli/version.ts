/**
 * The package's version, read from its package.json (found by walking up
 * from this module, which sits at a different depth in the sources and in
 * the build).
 *
 * @module
 */
import { either as E } from 'fp-ts'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const MAX_DEPTH = 6

/** The version in nabla's package.json, or why it cannot be read. */
export const packageVersion = (): E.Either<string, string> => {
  const look = (dir: string, depth: number): E.Either<string, string> => {
    const manifest = (() => {
      try {
        return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown }
      } catch {
        return undefined
      }
    })()
    if (manifest?.name === 'nabla' && typeof manifest.version === 'string') return E.right(manifest.version)
    const parent = dirname(dir)
    return parent === dir || depth >= MAX_DEPTH ? E.left("cannot find nabla's package.json") : look(parent, depth + 1)
  }
  return look(dirname(fileURLToPath(import.meta.url)), 0)
}
