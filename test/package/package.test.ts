import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

// One test for the whole packaging pipeline, since each step needs the one
// before: `npm run check:pkg` builds dist/, lints the package with publint,
// checks its types with attw (ESM profile), then scripts/smoke.mjs packs it,
// installs the tarball in a fresh project, imports every entry point from
// plain Node, and compiles a consumer of each with NodeNext and
// `declaration: true` (the declarations of a library built on nabla must be
// able to name every type it infers from it).
it('the packed package builds, passes publint and attw, imports cleanly from plain Node, and its types can be named', () => {
  const result = spawnSync('npm', ['run', 'check:pkg'], { cwd: root, encoding: 'utf8' })
  const output = `${result.stdout}\n${result.stderr}`
  expect(output).toContain('All good!') // publint
  expect(output).toContain('smoke: every entry point imports and runs in plain Node')
  expect(output).toContain(
    'smoke: consumers of 7 entry points emit declarations (eye2: import("nabla/matrix").Matrix<2, 2>)',
  )
  expect(output).toContain('smoke: a consumer of nabla/node emits declarations, with @types/node')
  expect(result.status, output).toBe(0)
}, 240_000)
