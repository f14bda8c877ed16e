import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url))

// CI sets NABLA_VITEST_REPORT to get a JSON report it can count from.
const report = process.env['NABLA_VITEST_REPORT']

export default defineConfig({
  resolve: {
    alias: [
      { find: /^nabla$/, replacement: here('./src/index.ts') },
      { find: /^nabla\/laws$/, replacement: here('./laws/index.ts') },
      { find: /^nabla\/data$/, replacement: here('./src/data/index.ts') },
    ],
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
