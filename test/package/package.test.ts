import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

// One test for the whole packaging pipeline, since each step needs the one
// before: `npm run check:pkg` builds dist/, lints the package with publint,
// checks its types with attw (ESM profile), then scripts/smoke.mjs packs it,
// installs the tarball in a fresh project and imports `nabla` and
// `nabla/laws` from plain Node and from a NodeNext TypeScript consumer.
it('the packed package builds, passes publint and attw, and imports cleanly from plain Node', () => {
  const result = spawnSync('npm', ['run', 'check:pkg'], { cwd: root, encoding: 'utf8' })
  const output = `${result.stdout}\n${result.stderr}`
  expect(output).toContain('All good!') // publint
  expect(output).toContain('smoke: nabla and nabla/laws import and run in plain Node')
  expect(output).toContain('smoke: a NodeNext consumer type-checks against the packed .d.ts files')
  expect(result.status, output).toBe(0)
}, 240_000)
