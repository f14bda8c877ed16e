import { fc, test } from '@fast-check/vitest'
import { either as E } from 'fp-ts'
import { describe, expect, it } from 'vitest'
import { Matrix, Random, type Network } from 'nabla'
import {
  CHECKPOINT_VERSION,
  checkpointCodec,
  decodeCheckpoint,
  encodeCheckpoint,
  type Checkpoint,
} from '../../src/train/namespaces/Checkpoint.js'
import { NumberC } from '../../src/matrix/json.js'
import {
  backpropLoss,
  datasetSource,
  finalState,
  initTrainState,
  trainEpoch,
  trainStep,
  training,
  type Batch,
  type TrainState,
  type Trainer,
} from '../../src/train/namespaces/Train.js'
import {
  momentum,
  optimizerFromSpec,
  type AdamState,
  type OptimizerSpec,
  type WeightDecayState,
} from '../../src/train/namespaces/Optim.js'
import { scheduleFromSpec } from '../../src/train/namespaces/Schedule.js'
import { REPORT_MAX_LINES, checkpointCodecLaws, networkCases } from 'nabla/laws'
import { testLaw } from '../matrix/prop.js'
import { CHECKPOINT_V1 } from './checkpointV1.js'
import { adamSpec, cost, smallDigits, smallNetwork } from './fixtures.js'

const { train } = smallDigits()
const spec = adamSpec
const trainer: Trainer<Network, Batch> = {
  lossAndGrad: backpropLoss(cost),
  optimizer: optimizerFromSpec(spec),
  data: datasetSource(train),
  batchSize: 32,
}
const start = (): TrainState<Network> => {
  const [net, rng] = smallNetwork(11)
  return initTrainState(net, trainer.optimizer, rng)
}
/** The run's description: everything a checkpoint holds besides the state. */
const run = { model: { cost }, optimizer: spec, batchSize: 32, meta: { note: 'test' } }
/** The checkpoint of a state of this run. */
const at = (state: TrainState<Network>): Checkpoint => ({ ...run, state })

const refuse = (text: string): string => {
  const r = decodeCheckpoint(text)
  if (E.isRight(r)) throw new Error('accepted a bad checkpoint')
  return r.left
}

describe('the laws of the checkpoint codec', () => {
  checkpointCodecLaws().forEach((law) => {
    testLaw(law, 100)
  })
})

describe('checkpoint codec', () => {
  it('is a training state plus the description of its run, in the JSON too', () => {
    const s = trainEpoch(trainer)(start())
    const json = JSON.parse(encodeCheckpoint(at(s))) as Record<string, unknown>
    expect(Object.keys(json)).toEqual(['format', 'version', 'model', 'optimizer', 'batchSize', 'meta', 'state'])
    expect(json).toMatchObject({
      format: 'nabla-checkpoint',
      version: 2,
      model: { cost: 'logLikelihood' },
      batchSize: 32,
    })
    // the state's own fields are TrainStateC's (see TrainStateCodec.test.ts)
    expect(Object.keys(json['state'] as object)).toContain('optState')
    expect(CHECKPOINT_VERSION).toBe(2)
  })

  it('round-trips bit for bit: network, optimizer state, generator state, position, −0 included', () => {
    const s = trainEpoch(trainer)(start())
    // put a −0 in a weight and in the optimizer state
    const w = Matrix.fromArray(
      8,
      64,
      Matrix.toArray(s.params.layers[0]!.w).map((x, i) => (i === 3 ? -0 : x)),
    )
    const params: Network = { layers: [{ ...s.params.layers[0]!, w }, s.params.layers[1]!] }
    const [decayState, adamState] = s.optState as readonly [WeightDecayState, AdamState]
    const mu0 = Matrix.fromArray(
      8,
      64,
      Matrix.toArray(adamState.mu[0] as Matrix).map((x, i) => (i === 0 ? -0 : x)),
    )
    const cp = at({ ...s, params, optState: [decayState, { ...adamState, mu: [mu0, ...adamState.mu.slice(1)] }] })
    const text = encodeCheckpoint(cp)
    const back = decodeCheckpoint(text)
    if (E.isLeft(back)) throw new Error(back.left)
    expect(encodeCheckpoint(back.right)).toBe(text)
    const { state } = back.right
    expect(Object.is(Matrix.toArray(state.params.layers[0]!.w)[3], -0)).toBe(true)
    const mu = (state.optState as readonly [WeightDecayState, AdamState])[1].mu[0] as Matrix
    expect(Object.is(Matrix.toArray(mu)[0], -0)).toBe(true)
    expect(state.rng.state).toEqual(s.rng.state)
    expect(state).toMatchObject({ step: s.step, epoch: 1, batch: 0, shuffle: undefined })
    expect(back.right).toMatchObject({ batchSize: 32, meta: { note: 'test' }, optimizer: spec })
    expect(back.right.model.cost).toBe(cost)
    // every matrix entry identical to the bit, via the typed arrays
    Matrix.toArray(state.params.layers[1]!.w).forEach((x, i) => {
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
    const text = encodeCheckpoint(
      at({ ...s, params: { layers: [{ ...s.params.layers[0]!, w }, s.params.layers[1]!] } }),
    )
    expect(text).toContain('"data":["NaN","Infinity","-Infinity","-0","NaN"')
    const back = decodeCheckpoint(text)
    if (E.isLeft(back)) throw new Error(back.left)
    expect(encodeCheckpoint(back.right)).toBe(text)
    const bits = (m: Matrix) => Array.from(new BigUint64Array(Matrix.toFloat64Array(m).buffer))
    expect(bits(back.right.state.params.layers[0]!.w)).toEqual(bits(w))
  })

  it('leaves the shuffle cache out: a state in mid-epoch and the same state without its cache write the same bytes', () => {
    const mid = trainStep(trainer)(start())
    expect(mid.shuffle).toBeDefined()
    expect(encodeCheckpoint(at(mid))).toBe(encodeCheckpoint(at({ ...mid, shuffle: undefined })))
    expect(encodeCheckpoint(at(mid))).not.toContain('order')
  })

  it('will not write a checkpoint that would not load (a meta that is not JSON, counters that are not integers)', () => {
    const s = start()
    const withMeta = (meta: unknown): Checkpoint => ({ ...at(s), meta: meta as Checkpoint['meta'] })
    expect(() => encodeCheckpoint(withMeta({ big: 1n }))).toThrow(
      /^encodeCheckpoint: not written, since it would not load back: invalid Checkpoint:\n {2}meta\/big: expected a JSON value/,
    )
    expect(() => encodeCheckpoint(withMeta({ x: Number.NaN }))).toThrow(TypeError)
    expect(() => encodeCheckpoint(at({ ...s, step: 1.5 }))).toThrow(/state\/step: expected an integer ≥ 0/)
    expect(() => encodeCheckpoint(at({ ...s, step: -0 }))).toThrow(/state\/step: expected an integer ≥ 0/)
    expect(() => encodeCheckpoint(at({ ...s, epoch: 3 }))).toThrow(/state: history has 0 epochs, but epoch is 3/)
    expect(() => encodeCheckpoint({ ...at(s), batchSize: 0 })).toThrow(/batchSize: expected an integer ≥ 1/)
    expect(() => encodeCheckpoint({ ...at(s), optimizer: { ...spec, beta1: Number.NaN } })).toThrow(
      /optimizer\/beta1: expected a number in \[0, 1\)/,
    )
  })

  it('will not write a custom cost under a name of nabla’s (JSON keeps only the name)', () => {
    expect(() => encodeCheckpoint({ ...at(start()), model: { cost: { ...cost, C: (a, y) => cost.C(a, y) } } })).toThrow(
      /not written, since its cost is named "logLikelihood" but is not nabla's/,
    )
  })

  it('keeps NaN and infinities of the metrics as strings', () => {
    const s = { ...start(), loss: Number.NaN, lossSum: Number.POSITIVE_INFINITY }
    const text = encodeCheckpoint(at(s))
    expect(text).toContain('"loss":"NaN"')
    const back = decodeCheckpoint(text)
    expect(E.isRight(back) && Number.isNaN(back.right.state.loss) && back.right.state.lossSum === Infinity).toBe(true)
  })

  test.prop([networkCases(), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constantFrom('sgd', 'momentum', 'adam')], {
    numRuns: 40,
  })('round-trips random networks with any optimizer state', ({ network, cost: c }, seed, kind) => {
    const schedule = { kind: 'constant', lr: 0.1 } as const
    const weightDecay = { lambda: 0, n: 1 }
    const optSpec: OptimizerSpec =
      kind === 'sgd'
        ? { kind, schedule, weightDecay }
        : kind === 'momentum'
          ? { kind, schedule, momentum: 0.9, weightDecay }
          : { kind, schedule, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay }
    const opt = optimizerFromSpec(optSpec)
    const optState = opt.update(network, opt.init(network), network)[1]
    const state = { ...initTrainState(network, opt, Random.seed(seed)), optState, step: 3 }
    const cp: Checkpoint = { model: { cost: c }, optimizer: optSpec, batchSize: 4, meta: {}, state }
    const text = encodeCheckpoint(cp)
    const back = decodeCheckpoint(text)
    if (E.isLeft(back)) throw new Error(back.left)
    expect(encodeCheckpoint(back.right)).toBe(text)
    expect(checkpointCodec.is(back.right)).toBe(true)
  })

  it('decodes the state of every optimizer against its spec', () => {
    const m: OptimizerSpec = {
      kind: 'momentum',
      schedule: { kind: 'constant', lr: 0.1 },
      momentum: 0.5,
      weightDecay: { lambda: 0, n: 1 },
    }
    const t: Trainer<Network, Batch> = { ...trainer, optimizer: optimizerFromSpec(m) }
    const [net, rng] = smallNetwork(2)
    const s = trainEpoch(t)(initTrainState(net, momentum(0.1, 0.5), rng))
    const back = decodeCheckpoint(encodeCheckpoint({ ...at(s), optimizer: m }))
    expect(E.isRight(back)).toBe(true)
  })
})

describe('resuming', () => {
  /** The parts of a checkpoint that matter for resuming, as exact text (−0 as "-0"). */
  const exact = (s: TrainState<Network>): string => encodeCheckpoint(at(s))

  it('2 epochs straight = 1 epoch, checkpoint to JSON, decode, 1 more epoch: bit-identical', () => {
    const straight = finalState(training(trainer, { epochs: 2 })(start()))!
    const first = finalState(training(trainer, { epochs: 1 })(start()))!
    const decoded = decodeCheckpoint(encodeCheckpoint(at(first)))
    if (E.isLeft(decoded)) throw new Error(decoded.left)
    const resumed = finalState(training(trainer, { epochs: 2 })(decoded.right.state))!
    expect(exact(resumed)).toBe(exact(straight))
  })

  it('also from the middle of an epoch (the shuffle is drawn again from the saved generator state)', () => {
    const straight = trainEpoch(trainer)(start())
    const mid = [0, 1, 2].reduce((s) => trainStep(trainer)(s), start())
    expect(mid.batch).toBe(3)
    const decoded = decodeCheckpoint(encodeCheckpoint(at(mid)))
    if (E.isLeft(decoded)) throw new Error(decoded.left)
    const resumed = trainEpoch(trainer)(decoded.right.state)
    expect(exact(resumed)).toBe(exact(straight))
  })
})

describe("a schedule's horizon survives a resume", () => {
  // 200 examples in mini-batches of 32: 7 steps an epoch, so the warm-up (5 steps) ends in the first epoch, the
  // decay (to step 12) in the second, and the resume at step 7 falls between the two
  const schedule = { kind: 'warmupCosine', init: 0, lr: 0.02, warmup: 5, steps: 12, end: 0.001 } as const
  const weightDecay = { lambda: 1, n: 200 }
  const specs: ReadonlyArray<OptimizerSpec> = [
    { kind: 'adamw', schedule, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, decoupledDecay: 0.01, weightDecay },
    { kind: 'rmsprop', schedule, decay: 0.9, epsilon: 1e-8, centered: true, momentum: 0.5, weightDecay },
  ]

  it.each(specs.map((s) => [s.kind, s] as const))(
    '%s: 2 epochs straight = 1 epoch, checkpoint, the optimizer rebuilt from the decoded spec, 1 more epoch',
    (_, optSpec) => {
      const t: Trainer<Network, Batch> = { ...trainer, optimizer: optimizerFromSpec(optSpec) }
      const [net, rng] = smallNetwork(11)
      const first = initTrainState(net, t.optimizer, rng)
      const straight = finalState(training(t, { epochs: 2 })(first))!
      const half = finalState(training(t, { epochs: 1 })(first))!
      expect(half.step).toBe(7)
      const cp: Checkpoint = { ...run, optimizer: optSpec, state: half }
      const decoded = decodeCheckpoint(encodeCheckpoint(cp))
      if (E.isLeft(decoded)) throw new Error(decoded.left)
      // the schedule read back gives the rate of every step, bit for bit, past its end too
      const steps = Array.from({ length: 20 }, (_, k) => k)
      expect(steps.map(scheduleFromSpec(decoded.right.optimizer.schedule))).toEqual(
        steps.map(scheduleFromSpec(schedule)),
      )
      const rebuilt: Trainer<Network, Batch> = { ...trainer, optimizer: optimizerFromSpec(decoded.right.optimizer) }
      const resumed = finalState(training(rebuilt, { epochs: 2 })(decoded.right.state))!
      const exactly = (s: TrainState<Network>): string => encodeCheckpoint({ ...cp, state: s })
      expect(exactly(resumed)).toBe(exactly(straight))
      // and the run did learn in its second epoch (the rate is not 0 there)
      expect(exactly(resumed)).not.toBe(exactly(half))
    },
  )
})

describe('checkpoints of other versions are refused, and say so', () => {
  it('a version 1 file, as nabla wrote it, is a Left naming its version and the one read, and nothing else', () => {
    expect(refuse(CHECKPOINT_V1)).toBe(
      'invalid Checkpoint:\n' +
        '  version: a version 1 checkpoint: this nabla reads only version 2 (a new generator and layout); ' +
        'resume it with the nabla that wrote it (got 1)',
    )
  })

  it('a version 1 file with a version 2 number is not misread either: its layout is refused', () => {
    const relabelled = CHECKPOINT_V1.replace('"version":1,"model"', '"version":2,"model"')
    expect(relabelled).not.toBe(CHECKPOINT_V1)
    expect(refuse(relabelled)).toMatch(/^invalid Checkpoint:\n {2}optState: unknown key/)
  })

  it('a later version is named as coming from a newer nabla; a version that is no version is expected to be 2', () => {
    const good = JSON.parse(encodeCheckpoint(at(start()))) as Record<string, unknown>
    expect(refuse(JSON.stringify({ ...good, version: 3 }))).toBe(
      'invalid Checkpoint:\n  version: a version 3 checkpoint, from a newer nabla: this one reads only version 2 (got 3)',
    )
    ;['2', 2.5, null, -1, 0].forEach((v) => {
      expect(refuse(JSON.stringify({ ...good, version: v }))).toMatch(
        /^invalid Checkpoint:\n {2}version: expected 2 \(got/,
      )
    })
  })

  it('the header is read first: another format, or no header, is reported alone', () => {
    expect(refuse('{}')).toBe('invalid Checkpoint:\n  format: missing\n  version: missing')
    expect(refuse('{"format":"nabla-network","version":1,"layers":[]}')).toBe(
      'invalid Checkpoint:\n  format: expected "nabla-checkpoint" (got "nabla-network")\n' +
        '  version: expected 2 (got 1)',
    )
    expect(refuse('[1, 2, 3]')).toMatch(/^invalid Checkpoint:\n {2}\(root\): expected a checkpoint/)
  })
})

describe('a corrupt or truncated checkpoint is refused with a readable report', () => {
  const good = encodeCheckpoint(at(trainEpoch(trainer)(start())))
  const json = JSON.parse(good) as Record<string, unknown> & { state: Record<string, unknown> }
  const withState = (state: Record<string, unknown>): string => JSON.stringify({ ...json, state })

  it('truncated file', () => {
    expect(refuse(good.slice(0, good.length / 2))).toMatch(/invalid Checkpoint: not JSON .*truncated/)
  })

  it('a report lists the first ten errors and counts the rest', () => {
    const report = refuse(JSON.stringify({ format: 'nabla-checkpoint', version: 2, state: {} }))
    expect(report.split('\n')).toHaveLength(REPORT_MAX_LINES)
    expect(report).toMatch(
      /^invalid Checkpoint:\n {2}model: missing\n {2}optimizer: missing\n {2}batchSize: missing\n {2}meta: missing\n {2}state\/params: missing\n/,
    )
    expect(report).toMatch(/\n {2}… and 4 more errors$/)
  })

  it('prototype names are not numbers: "constructor" as a loss is refused, not read as a function', () => {
    const history = json.state['history'] as ReadonlyArray<Record<string, unknown>>
    ;['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'].forEach((name) => {
      const bad = withState({ ...json.state, history: [{ ...history[0], trainLoss: name }] })
      expect(refuse(bad)).toBe(
        `invalid Checkpoint:\n  state/history/0/trainLoss: expected a number (or "-0", "NaN", "Infinity", "-Infinity") (got "${name}")`,
      )
      expect(E.isLeft(NumberC.decode(name))).toBe(true)
    })
    expect(refuse(withState({ ...json.state, loss: 'toString' }))).toMatch(
      /^invalid Checkpoint:\n {2}state\/loss: expected a number/,
    )
    expect(refuse(JSON.stringify({ ...json, model: { cost: 'constructor' } }))).toMatch(
      /^invalid Checkpoint:\n {2}model\/cost: expected one of "quadratic", "crossEntropy", "logLikelihood"/,
    )
  })

  it('prototype names as keys: an unknown key is refused, a metric named __proto__ is kept as a metric', () => {
    expect(refuse(good.replace('{"format"', '{"constructor":1,"format"'))).toMatch(
      /^invalid Checkpoint:\n {2}constructor: unknown key \(expected only format, version, model, optimizer, batchSize, meta, state\)/,
    )
    expect(refuse(good.replace('"state":{', '"state":{"shuffle":null,'))).toMatch(
      /^invalid Checkpoint:\n {2}state\/shuffle: unknown key/,
    )
    expect(good).toContain('"evaluation":{}')
    const text = good.replace('"evaluation":{}', '"evaluation":{"__proto__":0.5,"constructor":"NaN"}')
    const back = decodeCheckpoint(text)
    if (E.isLeft(back)) throw new Error(back.left)
    const evaluation = back.right.state.history[0]!.evaluation
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
      /^invalid Checkpoint:\n {2}state\/optState\/0\/0\/.*….*\/0\/0: nested more than 64 levels deep \(got \[\[\[.*\)$/,
    )
    expect(good).toContain(',"meta":{"note":"test"},"state":')
    const meta = (inner: string): string => good.replace('"meta":{"note":"test"}', `"meta":${inner}`)
    expect(refuse(meta(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`))).toMatch(
      /^invalid Checkpoint:\n {2}meta\/a\/a\/.*: nested more than 64 levels deep/,
    )
    // 64 levels are fine
    expect(E.isRight(decodeCheckpoint(meta(`${'{"a":'.repeat(64)}1${'}'.repeat(64)}`)))).toBe(true)
  })

  it("a meta that is not JSON, and keys that are neither ours nor the optimizer's, are refused", () => {
    expect(E.isLeft(checkpointCodec.decode({ ...json, meta: { when: new Date(0) } }))).toBe(true)
    expect(E.isLeft(checkpointCodec.decode({ ...json, meta: { n: Number.NaN } }))).toBe(true)
    const state = JSON.parse(good) as { state: { optState: [unknown, Record<string, unknown>] } }
    state.state.optState[1]['toString'] = 0
    expect(refuse(JSON.stringify(state))).toMatch(
      /^invalid Checkpoint:\n {2}state\/optState: does not fit the state of optimizer adam for this network: at 1, unexpected key toString/,
    )
    const withSpec = JSON.parse(good) as { optimizer: Record<string, unknown> }
    withSpec.optimizer['beta3'] = 0.5
    expect(refuse(JSON.stringify(withSpec))).toMatch(/^invalid Checkpoint:\n {2}optimizer\/beta3: unknown key/)
  })

  it('a bad value, reported at its path', () => {
    const badWeight = JSON.parse(good) as { state: { params: { layers: Array<{ w: { data: Array<unknown> } }> } } }
    badWeight.state.params.layers[0]!.w.data[5] = null
    expect(refuse(JSON.stringify(badWeight))).toMatch(
      /state\/params\/layers\/0\/w\/data\/5: entries must be finite numbers/,
    )
    expect(refuse(withState({ ...json.state, rng: [1, 2, 3] }))).toMatch(/state\/rng: expected the generator state/)
    expect(refuse(withState({ ...json.state, epoch: -1 }))).toMatch(/state\/epoch: expected an integer ≥ 0/)
    expect(refuse(withState({ ...json.state, params: { layers: [], cost: 'quadratic' } }))).toMatch(
      /^invalid Checkpoint:\n {2}state\/params\/cost: unknown key \(expected only layers\)/,
    )
  })

  it('a network that does not chain is reported at the network, with the network as the value', () => {
    const params = json.state['params'] as { layers: ReadonlyArray<unknown> }
    const report = refuse(withState({ ...json.state, params: { layers: [params.layers[1], params.layers[0]] } }))
    expect(report).toMatch(
      /^invalid Checkpoint:\n {2}state\/params: layers\/1: w takes 64 inputs but layer 0 has 10 outputs/,
    )
    expect(report).toMatch(/\(got \{"layers":\[/)
    expect(report).not.toContain('nabla-network')
  })

  it('an optimizer state that does not fit the network or the optimizer', () => {
    const wrongKind = { ...json, optimizer: { ...spec, kind: 'sgd' } }
    expect(refuse(JSON.stringify(wrongKind))).toMatch(
      /^invalid Checkpoint:\n {2}optimizer\/(beta1|beta2|epsilon): unknown key/,
    )
    const sgdSpec = { kind: 'sgd', schedule: spec.schedule, weightDecay: spec.weightDecay }
    expect(refuse(JSON.stringify({ ...json, optimizer: sgdSpec }))).toMatch(
      /state\/optState: does not fit the state of optimizer sgd for this network: at 1, unexpected key mu/,
    )
    const state = JSON.parse(good) as {
      state: { optState: [unknown, { mu: Array<{ $matrix: { rows: number; cols: number; data: Array<unknown> } }> }] }
    }
    const m0 = state.state.optState[1].mu[0]!.$matrix
    state.state.optState[1].mu[0] = { $matrix: { rows: 1, cols: m0.data.length, data: m0.data } }
    expect(refuse(JSON.stringify(state))).toMatch(
      /state\/optState: does not fit the state of optimizer adam for this network: at 1\/mu\/0, expected a 8×64 matrix, got a 1×512 matrix/,
    )
  })

  it('a history that does not match the epoch count, and examples counted at an epoch start', () => {
    expect(refuse(withState({ ...json.state, history: [] }))).toMatch(/state: history has 0 epochs, but epoch is 1/)
    expect(refuse(withState({ ...json.state, examples: 3 }))).toMatch(
      /state: examples must be 0 at the start of an epoch \(batch 0\)/,
    )
  })
})
