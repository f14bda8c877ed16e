#!/usr/bin/env node
// Post-build smoke test of the published package: packs it with `npm pack`,
// installs the tarball into a fresh temporary project next to its peer
// dependencies (the versions installed here), then
//   1. imports `nabla` and `nabla/laws` in plain Node (no bundler, no vite:
//      this is where subpath imports such as 'fp-ts/Eq' would crash) and
//      computes something with each, and
//   2. type-checks a consumer file against the packed .d.ts files with
//      `moduleResolution: NodeNext`, literal shapes included.
// Exits non-zero on any failure. Run `npm run build` first.
//
// Usage: node scripts/smoke.mjs [--keep]   (--keep leaves the temp project)
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import console from 'node:console'
import process from 'node:process'
import { URL, fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const keep = process.argv.includes('--keep')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()

const installedVersion = (name) =>
  JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version

const consumerJs = `
import assert from 'node:assert/strict'
import { Matrix, Random, ShapeError } from 'nabla'
import { assertLaw, binaryOpsRejectMismatchedShapes, checkLaw, codecRoundTrips, matmulIsAssociative } from 'nabla/laws'

// nabla: a product, the codec (io-ts, fp-ts) and the seeded generator (pure-rand)
const w = Matrix.fromRows([[1, 2], [3, 4]])
assert.deepEqual(Matrix.toArray(Matrix.matmul(w, Matrix.column([1, -1]))), [-1, -1])
const decoded = Matrix.decodeWith(Matrix.codec)({ rows: 1, cols: 2, data: ['-0', 5] })
assert.equal(decoded._tag, 'Right')
assert.ok(Object.is(Matrix.get(decoded.right, 0, 0), -0))
const bad = Matrix.decodeWith(Matrix.codec)({ rows: 1, cols: 2, data: [1n, 5] })
assert.equal(bad._tag, 'Left')
assert.match(bad.left, /data\\/0: entries must be finite numbers/)
const [u] = Random.uniform(2, 2, Random.seed(7))
assert.deepEqual(Matrix.toArray(u), Matrix.toArray(Random.uniform(2, 2, Random.seed(7))[0]))
assert.throws(() => Matrix.add(Matrix.zeros(1, 2), Matrix.zeros(2, 1)), ShapeError)

// nabla/laws: laws run against the same nabla module (instanceof ShapeError must hold)
assert.equal(checkLaw(matmulIsAssociative(), { numRuns: 25 }).failed, false)
assertLaw(codecRoundTrips(), { numRuns: 25 })
binaryOpsRejectMismatchedShapes().forEach((law) => assertLaw(law, { numRuns: 10 }))
console.log('smoke: nabla and nabla/laws import and run in plain Node')
`

const consumerTs = `
import { Matrix, Random } from 'nabla'
import { type Law, matmulIsAssociative, anyShapeMatrix } from 'nabla/laws'
import type * as fc from 'fast-check'

const a: Matrix<2, 3> = Matrix.fromRows([[1, 2, 3], [4, 5, 6]])
const b: Matrix<3, 1> = Matrix.column([1, 0, -1])
const ab: Matrix<2, 1> = Matrix.matmul(a, b)
// @ts-expect-error inner dimensions 3 and 2 differ
Matrix.matmul(a, a)
const [r]: readonly [Matrix<4, 4>, unknown] = Random.normal(4, 4, Random.seed(1))
const law: Law<readonly [Matrix, Matrix, Matrix]> = matmulIsAssociative()
const arb: fc.Arbitrary<Matrix> = anyShapeMatrix({ maxRows: 3 })
export const used = [ab, r, law, arb]
`

const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: false,
    types: [],
  },
  files: ['consumer.ts'],
}

const main = () => {
  if (!existsSync(join(root, 'dist', 'src', 'index.js')) || !existsSync(join(root, 'dist', 'laws', 'index.js'))) {
    throw new Error('no build in dist/: run `npm run build` first')
  }
  const dir = mkdtempSync(join(tmpdir(), 'nabla-smoke-'))
  try {
    const [packed] = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', dir], root))
    const tarball = join(dir, packed.filename)
    console.log(`smoke: packed ${packed.filename} (${String(packed.entryCount)} files)`)

    const project = join(dir, 'consumer')
    mkdirSync(project)
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
    const peers = ['fp-ts', 'io-ts', 'fast-check'].map((name) => `${name}@${installedVersion(name)}`)
    run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball, ...peers], project)
    console.log(`smoke: installed the tarball with ${peers.join(', ')}`)

    writeFileSync(join(project, 'consumer.js'), consumerJs)
    console.log(run(process.execPath, ['consumer.js'], project))

    writeFileSync(join(project, 'consumer.ts'), consumerTs)
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig))
    run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], project)
    console.log('smoke: a NodeNext consumer type-checks against the packed .d.ts files')
  } finally {
    if (keep) console.log(`smoke: kept ${dir}`)
    else rmSync(dir, { recursive: true, force: true })
  }
}

try {
  main()
} catch (error) {
  const out = [error.stdout, error.stderr].filter((s) => typeof s === 'string' && s !== '').join('\n')
  console.error(`smoke: FAILED: ${error.message}${out === '' ? '' : `\n${out}`}`)
  process.exit(1)
}
