import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { entryPoints } from './test/helpers/entryPoints.js'

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url))

// CI sets NABLA_VITEST_REPORT to get a JSON report it can count from.
const report = process.env['NABLA_VITEST_REPORT']

export default defineConfig({
  resolve: {
    // `nabla`, `nabla/train`, … resolve to the sources of the entry points that package.json exports
    alias: entryPoints.map(([name, source]) => ({ find: new RegExp(`^${name}$`), replacement: source })),
  },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    coverage: { provider: 'v8', include: ['src/**', 'laws/**'] },
    benchmark: { include: ['bench/**/*.bench.ts'] },
    testTimeout: 60_000,
    // the skipped-tests reporter names what a skipped test needs and how to install it
    reporters: [
      'default',
      here('./test/helpers/skippedReporter.ts'),
      ...(report === undefined ? [] : ['json' as const]),
    ],
    ...(report === undefined ? {} : { outputFile: { json: report } }),
  },
})
