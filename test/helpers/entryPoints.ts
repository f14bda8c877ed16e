/**
 * The package's entry points as package.json `exports` declares them: each
 * import name (`nabla`, `nabla/train`, …) and its source file, the
 * `./dist/X.js` of the export read as `X.ts`. The vitest aliases and the
 * tests of what the entry points load and bundle all read this one list.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

interface PackageJson {
  readonly name: string
  readonly exports: Readonly<Record<string, string | { readonly default: string }>>
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson

/** [import name, absolute path of its source], in the order of `exports` (`./package.json` left out). */
export const entryPoints: ReadonlyArray<readonly [string, string]> = Object.entries(pkg.exports).flatMap(
  ([key, target]) =>
    typeof target === 'string'
      ? []
      : [
          [
            `${pkg.name}${key.slice(1)}`,
            join(root, target.default.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts')),
          ] as const,
        ],
)

/** The source of an entry point, by import name. */
export const sourceOf = (name: string): string => {
  const found = entryPoints.find(([n]) => n === name)
  if (found === undefined) throw new Error(`${name} is not an entry point of package.json`)
  return found[1]
}
