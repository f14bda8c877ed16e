import { fc, test } from '@fast-check/vitest'
import { either as E } from 'fp-ts'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Matrix, Random, type Network } from 'nabla'
import { NumberC } from '../../src/matrix/json.js'
import {
  OptimizerSpecC,
  momentum,
  optimizerFromSpec,
  type OptState,
  type OptimizerSpec,
} from '../../src/train/namespaces/Optim.js'
import {
  backpropLoss,
  datasetSource,
  finalState,
  initTrainState,
  trainEpoch,
  trainStep,
  training,
  type Batch,
  type Trainer,
} from '../../src/train/namespaces/Train.js'
import {
  checkpointCodec,
  checkpointOf,
  decodeCheckpoint,
  encodeCheckpoint,
  trainStateOf,
  type Checkpoint,
} from '../../src/train/namespaces/Checkpoint.js'
import { readCheckpointFile, writeCheckpointFile, writeFileAtomic } from 'nabla/node'
import {
  REPORT_MAX_LINES,
  checkpointCodecLaws,
  networkCases,
  numberCodecLaws,
  optimizerSpecCodecLaws,
} from 'nabla/laws'
import { testLaw } from '../matrix/prop.js'
import { cost, smallDigits, smallNetwork } from './fixtures.js'

const { train } = smallDigits()
const spec: OptimizerSpec = {
  kind: 'adam',
  schedule: { kind: 'cosine', lr: 0.01, steps: 100, alpha: 0 },
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  weightDecay: { lambda: 1, n: 200 },
}
const trainer: Trainer<Network, Batch> = {
  lossAndGrad: backpropLoss(cost),
  optimizer: optimizerFromSpec(spec),
  data: datasetSource(train),
  batchSize: 32,
}
const start = () => {
  const [net, rng] = smallNetwork(11)
  return initTrainState(net, trainer.optimizer, rng)
}
const info = { optimizer: spec, batchSize: 32, meta: { note: 'test' } }

/** The parts of a checkpoint that matter for resuming, as exact text (−0 as "-0"). */
const exact = (cp: Checkpoint): string => encodeCheckpoint(cp)

const dirs: Array<string> = []
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'nabla-ckpt-'))
  dirs.push(d)
  return d
}
afterAll(() => {
  dirs.forEach((d) => {
    rmSync(d, { recursive: true, force: true })
  })
})

describe('the laws of the training codecs', () => {
  ;[...numberCodecLaws(), ...optimizerSpecCodecLaws(), ...checkpointCodecLaws()].forEach((law) => {
    testLaw(law, 100)
  })
})

describe('checkpoint codec', () => {
  it('round-trips bit for bit: network, optimizer state, generator state, position, −0 included', () => {
    const s = trainEpoch(trainer)(start())
    // put a −0 in a weight and in the optimizer state
    const w = Matrix.fromArray(
      8,
      64,
      Matrix.toArray(s.params.layers[0]!.w).map((x, i) => (i === 3 ? -0 : x)),
    )
    const params: Network = { layers: [{ ...s.params.layers[0]!, w }, s.params.layers[1]!] }
    const [decayState, adamState] = s.optState as readonly [
      OptState,
      { count: number; mu: ReadonlyArray<Matrix>; nu: ReadonlyArray<Matrix> },
    ]
    const mu0 = Matrix.fromArray(
      8,
      64,
      Matrix.toArray(adamState.mu[0]!).map((x, i) => (i === 0 ? -0 : x)),
    )
    const cp = checkpointOf(
      { ...s, params, optState: [decayState, { ...adamState, mu: [mu0, ...adamState.mu.slice(1)] }] },
      cost,
      info,
    )
    const text = encodeCheckpoint(cp)
    const back = decodeCheckpoint(text)
    if (E.isLeft(back)) throw new Error(back.left)
    expect(encodeCheckpoint(back.right)).toBe(text)
    expect(Object.is(Matrix.toArray(back.right.model.network.layers[0]!.w)[3], -0)).toBe(true)
    const mu = ((back.right.optState as ReadonlyArray<unknown>)[1] as { mu: ReadonlyArray<Matrix> }).mu[0]!
    expect(Object.is(Matrix.toArray(mu)[0], -0)).toBe(true)
    expect(back.right.rng.state).toEqual(s.rng.state)
    expect(back.right).toMatchObject({ step: s.step, epoch: 1, batch: 0, batchSize: 32, meta: { note: 'test' } })
    expect(back.right.model.cost).toBe(cost)
    // every matrix entry identical to the bit, via the typed arrays
    Matrix.toArray(back.right.model.network.layers[1]!.w).forEach((x, i) => {
      expect(Object.is(x, Matrix.toArray(params.layers[1]!.w)[i])).toBe(true)
    })
  })

  it('keeps a diverged network: NaN and ±∞ weights are written as strings and read back bit for bit', () => {
    const s = start()
    const w = Matrix.fromArray(
      8,
      64,
      Matrix.toArray(s.params.layers[0]!.w).map((x, i) => [Number.NaN, Infinity, -Infinity, -0][i % 4] ?? x),
    )
    const cp = checkpointOf(
      { ...s, params: { layers: [{ ...s.params.layers[0]!, w }, s.params.layers[1]!] } },
      cost,
      info,
    )
    const text = encodeCheckpoint(cp)
    expect(text).toContain('"data":["NaN","Infinity","-Infinity","-0","NaN"')
    const back = decodeCheckpoint(text)
    if (E.isLeft(back)) throw new Error(back.left)
    expect(encodeCheckpoint(back.right)).toBe(text)
    const bits = (m: Matrix) => Array.from(new BigUint64Array(Matrix.toFloat64Array(m).buffer))
    expect(bits(back.right.model.network.layers[0]!.w)).toEqual(bits(w))
  })

  it('will not write a checkpoint that would not load (a meta that is not JSON, counters that are not integers)', () => {
    const s = start()
    expect(() => encodeCheckpoint(checkpointOf(s, cost, { ...info, meta: { big: 1n } }))).toThrow(
      /^encodeCheckpoint: not written, since it would not load back: invalid Checkpoint:\n {2}meta\/big: expected a JSON value/,
    )
    expect(() => encodeCheckpoint(checkpointOf(s, cost, { ...info, meta: { x: Number.NaN } }))).toThrow(TypeError)
    expect(() => encodeCheckpoint(checkpointOf({ ...s, step: 1.5 }, cost, info))).toThrow(
      /step: expected an integer ≥ 0/,
    )
    expect(() => encodeCheckpoint(checkpointOf({ ...s, epoch: 3 }, cost, info))).toThrow(
      /history has 0 epochs, but epoch is 3/,
    )
    expect(() =>
      encodeCheckpoint(checkpointOf(s, cost, { ...info, optimizer: { ...spec, beta1: Number.NaN } })),
    ).toThrow(/optimizer\/beta1: expected a number in \[0, 1\)/)
  })

  it('the optimizer spec codec refuses an unknown kind, naming the known ones', () => {
    expect(E.isLeft(OptimizerSpecC.decode({ ...spec, kind: 'constructor' }))).toBe(true)
    const report = Matrix.decodeWith(OptimizerSpecC)({ ...spec, kind: 'rmsprop' })
    expect(report).toEqual(
      E.left('invalid OptimizerSpec:\n  kind: expected one of "sgd", "momentum", "adam" (got "rmsprop")'),
    )
  })

  it('keeps NaN and infinities of the metrics as strings', () => {
    const s = { ...start(), loss: Number.NaN, lossSum: Number.POSITIVE_INFINITY }
    const text = encodeCheckpoint(checkpointOf(s, cost, info))
    expect(text).toContain('"loss":"NaN"')
    const back = decodeCheckpoint(text)
    expect(E.isRight(back) && Number.isNaN(back.right.loss) && back.right.lossSum === Infinity).toBe(true)
  })

  test.prop([networkCases(), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constantFrom('sgd', 'momentum', 'adam')], {
    numRuns: 40,
  })('round-trips random networks with any optimizer state', ({ network, cost: c }, seed, kind) => {
    const optSpec: OptimizerSpec =
      kind === 'sgd'
        ? { kind, schedule: { kind: 'constant', lr: 0.1 }, weightDecay: { lambda: 0, n: 1 } }
        : kind === 'momentum'
          ? { kind, schedule: { kind: 'constant', lr: 0.1 }, momentum: 0.9, weightDecay: { lambda: 0, n: 1 } }
          : {
              kind,
              schedule: { kind: 'constant', lr: 0.1 },
              beta1: 0.9,
              beta2: 0.999,
              epsilon: 1e-8,
              weightDecay: { lambda: 0, n: 1 },
            }
    const opt = optimizerFromSpec(optSpec)
    const [state] = [opt.update(network, opt.init(network), network)[1]]
    const s = { ...initTrainState(network, opt, Random.seed(seed)), optState: state, step: 3 }
    const cp = checkpointOf(s, c, { optimizer: optSpec, batchSize: 4 })
    const text = encodeCheckpoint(cp)
    const back = decodeCheckpoint(text)
    if (E.isLeft(back)) throw new Error(back.left)
    expect(encodeCheckpoint(back.right)).toBe(text)
    expect(checkpointCodec.is(back.right)).toBe(true)
  })
})

describe('resuming', () => {
  it('2 epochs straight = 1 epoch, checkpoint to JSON, decode, 1 more epoch: bit-identical', () => {
    const straight = finalState(training(trainer, { epochs: 2 })(start()))!
    const first = finalState(training(trainer, { epochs: 1 })(start()))!
    const decoded = decodeCheckpoint(encodeCheckpoint(checkpointOf(first, cost, info)))
    if (E.isLeft(decoded)) throw new Error(decoded.left)
    const resumed = finalState(training(trainer, { epochs: 2 })(trainStateOf(decoded.right)))!
    expect(exact(checkpointOf(resumed, cost, info))).toBe(exact(checkpointOf(straight, cost, info)))
  })

  it('also from the middle of an epoch (the shuffle is drawn again from the saved generator state)', () => {
    const straight = trainEpoch(trainer)(start())
    const mid = [0, 1, 2].reduce((s) => trainStep(trainer)(s), start())
    expect(mid.batch).toBe(3)
    const decoded = decodeCheckpoint(encodeCheckpoint(checkpointOf(mid, cost, info)))
    if (E.isLeft(decoded)) throw new Error(decoded.left)
    const resumed = trainEpoch(trainer)(trainStateOf(decoded.right))
    expect(exact(checkpointOf(resumed, cost, info))).toBe(exact(checkpointOf(straight, cost, info)))
  })
})

describe('a corrupt or truncated checkpoint is refused with a readable report', () => {
  const good = encodeCheckpoint(checkpointOf(trainEpoch(trainer)(start()), cost, info))
  const json = JSON.parse(good) as Record<string, unknown>
  const refuse = (text: string): string => {
    const r = decodeCheckpoint(text)
    if (E.isRight(r)) throw new Error('accepted a bad checkpoint')
    return r.left
  }

  it('truncated file', () => {
    expect(refuse(good.slice(0, good.length / 2))).toMatch(/invalid Checkpoint: not JSON .*truncated/)
  })

  it('not a checkpoint at all', () => {
    expect(refuse('[1, 2, 3]')).toMatch(/invalid Checkpoint/)
    expect(refuse('{"format":"nabla-network"}')).toMatch(
      /^invalid Checkpoint:\n {2}format: expected "nabla-checkpoint"/,
    )
  })

  it('a report lists the first ten errors and counts the rest', () => {
    const report = refuse('{}')
    expect(report.split('\n')).toHaveLength(REPORT_MAX_LINES)
    expect(report).toMatch(/^invalid Checkpoint:\n {2}format: missing\n {2}version: missing\n/)
    expect(report).toMatch(/\n {2}… and 5 more errors$/)
  })

  it('prototype names are not numbers: "constructor" as a loss is refused, not read as a function', () => {
    const history = json['history'] as ReadonlyArray<Record<string, unknown>>
    ;['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'].forEach((name) => {
      const bad = { ...json, history: [{ ...history[0], trainLoss: name }] }
      expect(refuse(JSON.stringify(bad))).toBe(
        `invalid Checkpoint:\n  history/0/trainLoss: expected a number (or "-0", "NaN", "Infinity", "-Infinity") (got "${name}")`,
      )
      expect(E.isLeft(NumberC.decode(name))).toBe(true)
    })
    expect(refuse(JSON.stringify({ ...json, loss: 'toString' }))).toMatch(
      /^invalid Checkpoint:\n {2}loss: expected a number/,
    )
  })

  it('prototype names as keys: an unknown key is refused, a metric named __proto__ is kept as a metric', () => {
    expect(refuse(good.replace('{"format"', '{"constructor":1,"format"'))).toMatch(
      /^invalid Checkpoint:\n {2}constructor: unknown key \(expected only format, version, model,/,
    )
    expect(good).toContain('"evaluation":{}')
    const text = good.replace('"evaluation":{}', '"evaluation":{"__proto__":0.5,"constructor":"NaN"}')
    const back = decodeCheckpoint(text)
    if (E.isLeft(back)) throw new Error(back.left)
    const evaluation = back.right.history[0]!.evaluation
    expect(Object.hasOwn(evaluation, '__proto__') && Object.getPrototypeOf(evaluation)).toBe(Object.prototype)
    expect(Object.entries(evaluation)).toEqual([
      ['__proto__', 0.5],
      ['constructor', Number.NaN],
    ])
    expect(encodeCheckpoint(back.right)).toBe(text)
  })

  it('an optimizer state nested 10,000 deep (a 20 KB file) is refused, not a stack overflow', () => {
    // built as text: JSON.stringify itself overflows the stack on such a value
    const [from, to] = [good.indexOf('"optState":'), good.indexOf(',"rng":')]
    const deep = `${good.slice(0, from)}"optState":${'['.repeat(10_000)}0${']'.repeat(10_000)}${good.slice(to)}`
    expect(deep.length).toBeGreaterThan(20_000)
    expect(refuse(deep)).toMatch(
      /^invalid Checkpoint:\n {2}optState\/0\/0\/0\/.*….*\/0\/0: nested more than 64 levels deep \(got \[\[\[.*\)$/,
    )
    expect(good.endsWith('"meta":{"note":"test"}}')).toBe(true)
    const deepMeta = good.replace('"meta":{"note":"test"}}', `"meta":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_001)}`)
    expect(refuse(deepMeta)).toMatch(/^invalid Checkpoint:\n {2}meta\/a\/a\/.*: nested more than 64 levels deep/)
    // 64 levels are fine
    const meta64 = good.replace('"meta":{"note":"test"}}', `"meta":${'{"a":'.repeat(64)}1${'}'.repeat(65)}`)
    expect(E.isRight(decodeCheckpoint(meta64))).toBe(true)
  })

  it("a meta that is not JSON, and keys that are neither ours nor the optimizer's, are refused", () => {
    expect(E.isLeft(checkpointCodec.decode({ ...json, meta: { when: new Date(0) } }))).toBe(true)
    expect(E.isLeft(checkpointCodec.decode({ ...json, meta: { n: Number.NaN } }))).toBe(true)
    const state = JSON.parse(good) as { optState: [unknown, Record<string, unknown>] }
    state.optState[1]['toString'] = 0
    expect(refuse(JSON.stringify(state))).toMatch(
      /optState does not fit a adam optimizer for this network: 1: unexpected key toString/,
    )
    const spec = JSON.parse(good) as { optimizer: Record<string, unknown> }
    spec.optimizer['beta3'] = 0.5
    expect(refuse(JSON.stringify(spec))).toMatch(/^invalid Checkpoint:\n {2}optimizer\/beta3: unknown key/)
  })

  it('a bad value, reported at its path', () => {
    const badWeight = JSON.parse(good) as { model: { layers: Array<{ w: { data: Array<unknown> } }> } }
    badWeight.model.layers[0]!.w.data[5] = null
    expect(refuse(JSON.stringify(badWeight))).toMatch(/model\/layers\/0\/w\/data\/5: entries must be finite numbers/)
    expect(refuse(JSON.stringify({ ...json, rng: [1, 2, 3] }))).toMatch(/rng: expected the generator state/)
    expect(refuse(JSON.stringify({ ...json, epoch: -1 }))).toMatch(/epoch: expected an integer ≥ 0/)
    expect(refuse(JSON.stringify({ ...json, version: 2 }))).toMatch(/version/)
  })

  it('an optimizer state that does not fit the network or the optimizer', () => {
    const wrongKind = { ...json, optimizer: { ...spec, kind: 'sgd' } }
    expect(refuse(JSON.stringify(wrongKind))).toMatch(/optimizer|optState/)
    const state = JSON.parse(good) as {
      optState: [unknown, { mu: Array<{ $matrix: { rows: number; cols: number; data: Array<unknown> } }> }]
    }
    const m0 = state.optState[1].mu[0]!.$matrix
    state.optState[1].mu[0] = { $matrix: { rows: 1, cols: m0.data.length, data: m0.data } }
    expect(refuse(JSON.stringify(state))).toMatch(
      /optState does not fit a adam optimizer for this network: 1\/mu\/0: expected a 8×64 matrix, got a 1×512 matrix/,
    )
  })

  it('a history that does not match the epoch count', () => {
    expect(refuse(JSON.stringify({ ...json, history: [] }))).toMatch(/history has 0 epochs, but epoch is 1/)
  })
})

describe('checkpoint files', () => {
  it('write then read gives the checkpoint back', async () => {
    const dir = tempDir()
    const cp = checkpointOf(trainEpoch(trainer)(start()), cost, info)
    const path = join(dir, 'checkpoint.json')
    expect(E.isRight(await writeCheckpointFile(path, cp)())).toBe(true)
    const back = await readCheckpointFile(path)()
    if (E.isLeft(back)) throw new Error(back.left)
    expect(encodeCheckpoint(back.right)).toBe(encodeCheckpoint(cp))
    expect(readdirSync(dir)).toEqual(['checkpoint.json'])
  })

  it('a failed write leaves the old file intact and no temporary file behind', async () => {
    const dir = tempDir()
    const path = join(dir, 'checkpoint.json')
    writeFileSync(path, 'the good old checkpoint')
    const failing = await writeFileAtomic(path, 'x'.repeat(100_000), {
      write: async (handle, data) => {
        await handle.writeFile(String(data).slice(0, 50_000)) // half of it, then the disk "fails"
        throw new Error('ENOSPC: no space left on device')
      },
    })()
    expect(E.isLeft(failing) && failing.left).toMatch(/checkpoint\.json: cannot write the file \(ENOSPC/)
    expect(readFileSync(path, 'utf8')).toBe('the good old checkpoint')
    expect(readdirSync(dir)).toEqual(['checkpoint.json'])
  })

  it('a write into a missing directory fails with a Left, nothing thrown', async () => {
    const r = await writeFileAtomic(join(tempDir(), 'no', 'such', 'dir', 'c.json'), '{}')()
    expect(E.isLeft(r)).toBe(true)
  })

  it('refuses to write a diverged network (non-finite weights)', async () => {
    const dir = tempDir()
    const s = start()
    const w = Matrix.fill(8, 64, Number.NaN)
    const cp = checkpointOf(
      { ...s, params: { layers: [{ ...s.params.layers[0]!, w }, s.params.layers[1]!] } },
      cost,
      info,
    )
    const r = await writeCheckpointFile(join(dir, 'c.json'), cp)()
    expect(E.isLeft(r) && r.left).toMatch(/non-finite weights/)
    expect(readdirSync(dir)).toEqual([])
  })

  it('reading a missing or truncated file is a Left naming the file', async () => {
    const dir = tempDir()
    const missing = await readCheckpointFile(join(dir, 'nope.json'))()
    expect(E.isLeft(missing) && missing.left).toMatch(/nope\.json: cannot read the checkpoint/)
    const path = join(dir, 'cut.json')
    writeFileSync(path, encodeCheckpoint(checkpointOf(start(), cost, info)).slice(0, 200))
    const cut = await readCheckpointFile(path)()
    expect(E.isLeft(cut) && cut.left).toMatch(/cut\.json: invalid Checkpoint: not JSON .*truncated/)
  })
})

describe('the optimizer state of every optimizer fits the checkpoint', () => {
  it('momentum state decodes against its spec', () => {
    const m: OptimizerSpec = {
      kind: 'momentum',
      schedule: { kind: 'constant', lr: 0.1 },
      momentum: 0.5,
      weightDecay: { lambda: 0, n: 1 },
    }
    const t = { ...trainer, optimizer: optimizerFromSpec(m) }
    const [net, rng] = smallNetwork(2)
    const s = trainEpoch(t)(initTrainState(net, momentum(0.1, 0.5), rng))
    const back = decodeCheckpoint(encodeCheckpoint(checkpointOf(s, cost, { optimizer: m, batchSize: 32 })))
    expect(E.isRight(back)).toBe(true)
  })
})
