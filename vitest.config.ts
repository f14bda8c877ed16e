import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url))

interface PackageJson {
  readonly name: string
  readonly exports: Readonly<Record<string, string | { readonly default: string }>>
}

/** Each entry point's import name and its source file: `./dist/src/index.js` is `./src/index.ts`. */
const entryPoints: ReadonlyArray<readonly [string, string]> = (() => {
  const pkg = JSON.parse(readFileSync(here('./package.json'), 'utf8')) as PackageJson
  return Object.entries(pkg.exports).flatMap(([key, target]) =>
    typeof target === 'string'
      ? []
      : [[`${pkg.name}${key.slice(1)}`, target.default.replace(/^\.\/dist\//, './').replace(/\.js$/, '.ts')] as const],
  )
})()

// CI sets NABLA_VITEST_REPORT to get a JSON report it can count from.
const report = process.env['NABLA_VITEST_REPORT']

export default defineConfig({
  resolve: {
    // `nabla`, `nabla/train`, … resolve to the sources of the entry points that package.json exports
    alias: entryPoints.map(([name, source]) => ({ find: new RegExp(`^${name}$`), replacement: here(source) })),
  },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    coverage: { provider: 'v8', include: ['src/**', 'laws/**'] },
    benchmark: { include: ['bench/**/*.bench.ts'] },
    testTimeout: 60_000,
    reporters: report === undefined ? ['default'] : ['default', 'json'],
    ...(report === undefined ? {} : { outputFile: { json: report } }),
  },
})
