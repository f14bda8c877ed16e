#!/usr/bin/env node
// Post-build smoke test of the published package: packs it with `npm pack`,
// installs the tarball into a fresh temporary project next to its peer
// dependencies (the versions installed here), then
//   1. imports every entry point in plain Node (no bundler, no vite: this is
//      where subpath imports such as 'fp-ts/Eq' would crash) and computes
//      something with each;
//   2. type-checks a consumer of each entry point with `moduleResolution:
//      NodeNext` and `declaration: true`, the way a library built on nabla
//      compiles: its declaration files must be able to name every type it
//      infers from nabla (TS2742 otherwise). The consumers of the entry
//      points a browser can load are checked without @types/node installed;
//      the one of `nabla/node` with it.
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
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Matrix, Random, ShapeError, grad, initNetwork, logLikelihoodCost, mul, sigmoidActivation, softmaxActivation, sum } from 'nabla'
import { zeros } from 'nabla/matrix'
import { Checkpoint, Evaluate, Optim, Train } from 'nabla/train'
import { Dataset } from 'nabla/data'
import { oneHot } from 'nabla/dataset'
import { writeCheckpointFile, readCheckpointFile } from 'nabla/node'
import { bind, elementwise, primitives } from 'nabla/extend'
import { assertLaw, binaryOpsRejectMismatchedShapes, checkLaw, codecRoundTrips, matmulIsAssociative } from 'nabla/laws'

// nabla: a product, the codec (io-ts, fp-ts), the seeded generator and a gradient
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
assert.deepEqual(Matrix.toArray(grad((m) => sum(mul(m, m)))(w)), [2, 4, 6, 8])

// nabla/matrix is the same module as Matrix
assert.equal(zeros, Matrix.zeros)

// nabla/data: the embedded digits decode (gzip included) in plain Node; nabla/dataset is its Dataset
const split = Dataset.digitsSplit()
assert.equal(split._tag, 'Right')
assert.equal(Dataset.oneHot, oneHot)
assert.deepEqual(Matrix.shape(Dataset.examplesAsColumns([[1, 2], [3, 4], [5, 6]])), [2, 3])

// nabla/train: an epoch of training, its evaluation, and a checkpoint through nabla/node
const [network, rng] = initNetwork([64, 8, 10], [sigmoidActivation, softmaxActivation], Random.seed(0))
const spec = { kind: 'adam', schedule: { kind: 'constant', lr: 0.01 }, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: { lambda: 0, n: 1497 } }
const trainer = { lossAndGrad: Train.backpropLoss(logLikelihoodCost), optimizer: Optim.optimizerFromSpec(spec), data: Train.datasetSource(split.right.train), batchSize: 100 }
const state = Train.trainEpoch(trainer)(Train.initTrainState(network, trainer.optimizer, rng))
assert.equal(state.epoch, 1)
assert.equal(Evaluate.evaluate(state.params, logLikelihoodCost, split.right.test).total, 300)
const cp = { model: { cost: logLikelihoodCost }, optimizer: spec, batchSize: 100, meta: {}, state }
const file = join(mkdtempSync(join(tmpdir(), 'nabla-smoke-cp-')), 'checkpoint.json')
assert.equal((await writeCheckpointFile(file, cp)())._tag, 'Right')
assert.equal((await readCheckpointFile(file)())._tag, 'Right')
const back = Checkpoint.decodeCheckpoint(readFileSync(file, 'utf8'))
assert.equal(back._tag, 'Right')
assert.equal(Checkpoint.encodeCheckpoint(back.right), Checkpoint.encodeCheckpoint(cp))

// nabla/extend: a primitive of one's own, differentiated
const cube = elementwise({ name: 'cube', f: (x) => x * x * x, derivative: (x) => mul(3, mul(x, x)) })
assert.equal(grad((x) => bind(cube, [x], undefined))(2), 12)
assert.ok(primitives.length > 20)

// nabla/laws: laws run against the same nabla module (instanceof ShapeError must hold)
assert.equal(checkLaw(matmulIsAssociative(), { numRuns: 25 }).failed, false)
assertLaw(codecRoundTrips(), { numRuns: 25 })
binaryOpsRejectMismatchedShapes().forEach((law) => assertLaw(law, { numRuns: 10 }))
console.log('smoke: every entry point imports and runs in plain Node')
`

// One consumer per entry point, each importing that entry point (and the root for its inputs), each
// exporting what it infers from nabla, so that its declaration file has to name nabla's types.
const consumersTs = {
  'root.ts': `
import { Matrix, Random, checkGrads, feedforward, grad, initNetwork, sigmoidActivation, sum, vjp } from 'nabla'
export const eye2 = Matrix.fromRows([[1, 0], [0, 1]])
export const b = Matrix.column([1, 0, -1])
export const ab = Matrix.matmul(Matrix.fromRows([[1, 2, 3], [4, 5, 6]]), b)
// @ts-expect-error inner dimensions 3 and 2 differ
Matrix.matmul(ab, eye2)
export const normal = Random.normal(4, 4, Random.seed(1))
export const [network, rng] = initNetwork([2, 3, 1], [sigmoidActivation, sigmoidActivation], Random.seed(2))
export const pass = feedforward(network)(Matrix.column([1, 2]))
export const gradient = grad((m: Matrix) => sum(m))
export const pullback = vjp((m: Matrix) => Matrix.scale(m, 2))(eye2)
export const report = checkGrads((m: Matrix) => sum(m), eye2)
export const decoded = Matrix.decodeWith(Matrix.codec)({ rows: 1, cols: 1, data: [1] })
export const close = Matrix.getEqApprox({ atol: 1e-9 })
`,
  'matrix.ts': `
import { fromRows, zeros, type ApproxTolerance } from 'nabla/matrix'
export const z = zeros(2, 3)
export const r = fromRows([[1, 2]])
export const tolerance: ApproxTolerance = { rtol: 1e-12 }
`,
  'train.ts': `
import { Matrix, Random, backprop, logLikelihoodCost, mul, sum } from 'nabla'
import { Checkpoint, Evaluate, Optim, Schedule, Train } from 'nabla/train'
export const opt = Optim.adam(0.1)
export const chained = Optim.chain(Optim.weightDecay(1e-4), Optim.sgd(Schedule.cosineDecaySchedule(0.1, 100)))
export const schedule = Schedule.scheduleFromSpec({ kind: 'constant', lr: 0.1 })
export const state = Train.initTrainState({ w: Matrix.zeros(2, 2) }, opt, Random.seed(0))
export const step = Train.trainStep({
  lossAndGrad: Train.lossAndGradOf((p: { readonly w: Matrix }, x: Matrix) => sum(mul(p.w, x))),
  optimizer: opt,
  data: { size: 1, batch: () => Matrix.ones(2, 2) },
  batchSize: 1,
})
export const loss = Train.backpropLoss(logLikelihoodCost)
export const checkpoint = Checkpoint.decodeCheckpoint('{}')
export const accuracy = Evaluate.accuracy([1], [1])
export const gradient = backprop
`,
  'data.ts': `
import { Dataset } from 'nabla/data'
export const digits = Dataset.digitsSplit()
export const x = Dataset.examplesAsColumns([[1, 2], [3, 4], [5, 6]])
export const xor = Dataset.fromExamples({ name: 'xor', examples: [[0, 0], [1, 1]], labels: [0, 0], classes: 1 })
export const images = Dataset.parseIdxImages(new Uint8Array(), 'empty')
export const targets = Dataset.oneHot([0, 1], 2)
`,
  'dataset.ts': `
import { loadDigits, split } from 'nabla/dataset'
import { Random } from 'nabla'
export const digits = loadDigits()
export const parts = digits._tag === 'Right' ? split(digits.right, { test: 0.2, rng: Random.seed(1) }) : undefined
`,
  'extend.ts': `
import { mul } from 'nabla'
import { bind, elementwise, primitives, unaryImpl } from 'nabla/extend'
export const cubePrim = elementwise({ name: 'cube', f: (x) => x * x * x, derivative: (x) => mul(3, mul(x, x)) })
export const cube = (x: number) => bind(cubePrim, [x], undefined)
export const first = primitives[0]
export const impl = unaryImpl(Math.sin)
`,
  'laws.ts': `
import { Matrix } from 'nabla'
import { type Law, matmulIsAssociative, anyShapeMatrix } from 'nabla/laws'
import type * as fc from 'fast-check'
export const law: Law<readonly [Matrix, Matrix, Matrix]> = matmulIsAssociative()
export const arb: fc.Arbitrary<Matrix> = anyShapeMatrix({ maxRows: 3 })
export const again = matmulIsAssociative()
`,
}

/** With Node's types: the consumer of nabla/node. */
const nodeConsumerTs = `
import { loadFashionMnist, readCheckpointFile, readMnistDir, writeFileAtomic } from 'nabla/node'
export const fashion = loadFashionMnist()
export const checkpoint = readCheckpointFile('checkpoint.json')
export const test = readMnistDir('/data/mnist', { kind: 'test' })
export const write = writeFileAtomic('out.txt', 'text')
`

/** A library's tsconfig: strict, NodeNext, declarations emitted (only they: that is where TS2742 arises). */
const tsconfig = (files, types) => ({
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    declaration: true,
    emitDeclarationOnly: true,
    outDir: 'types',
    skipLibCheck: false,
    types,
  },
  files,
})

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

    // Each consumer is a program of its own, as a library that imports only that entry point would be
    // (in one program, a type re-exported by one entry point would name it for all). The browser entry
    // points come first, with no @types/node installed: their types must not need Node's.
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
    const check = (file, code, types) => {
      const config = `tsconfig.${file.replace(/\.ts$/, '')}.json`
      writeFileSync(join(project, file), code)
      writeFileSync(join(project, config), JSON.stringify(tsconfig([file], types)))
      run(process.execPath, [tsc, '-p', config], project)
    }
    Object.entries(consumersTs).forEach(([file, code]) => check(file, code, []))
    const eye2 = readFileSync(join(project, 'types', 'root.d.ts'), 'utf8').match(/eye2: (.*);/)?.[1]
    console.log(`smoke: consumers of ${Object.keys(consumersTs).length} entry points emit declarations (eye2: ${eye2})`)

    const types = `@types/node@${installedVersion('@types/node')}`
    run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', types], project)
    check('node.ts', nodeConsumerTs, ['node'])
    console.log('smoke: a consumer of nabla/node emits declarations, with @types/node')
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
