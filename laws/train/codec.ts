/**
 * Laws of the training codecs: `NumberC` (any float64, bit-exact) and the
 * refined numbers, the optimizer-spec codec, the training-state codec and
 * the checkpoint codec. Whatever they write reads
 * back bit for bit (a diverged run's NaN weights, losses and moments
 * included), and no input — prototype names as keys and values, optimizer
 * states nested 10,000 deep, edits of valid checkpoints — makes decoding
 * throw, accept what it would write differently, or report without bound.
 *
 * @module
 */
import * as fc from 'fast-check'
import { either as E } from 'fp-ts'
import type * as t from 'io-ts'
import { Matrix, Random } from '../../src/index.js'
import {
  NonNegativeIntC,
  NonNegativeNumberC,
  NumberC,
  PositiveIntC,
  PositiveNumberC,
  UnitIntervalC,
} from '../../src/matrix/json.js'
import { RngC } from '../../src/matrix/RandomCodec.js'
import { OptStateC, TrainStateC } from '../../src/train/TrainStateCodec.js'
import { OptimizerSpecC, optimizerFromSpec, type OptimizerSpec } from '../../src/train/OptimizerSpec.js'
import type { OptState } from '../../src/train/Optimizer.js'
import { ScheduleSpecC, type ScheduleSpec } from '../../src/train/Schedule.js'
import { checkpointCodec, decodeCheckpoint, encodeCheckpoint, type Checkpoint } from '../../src/train/Checkpoint.js'
import type { EpochMetrics } from '../../src/train/namespaces/Train.js'
import type { Law } from '../law.js'
import { PROTOTYPE_NAMES } from '../arbitraries/json.js'
import { boundaryLaws, codecRoundTripsBitForBit, decodeNeverThrowsOnHostileJson } from '../codec.js'
import { anyModel } from '../backprop/codec.js'

/** A finite float64 > 0. */
const positive = fc.double({ min: Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true })
/** A finite float64 ≥ 0 (+0, never −0, which JSON writes as 0). */
const nonNegative = fc.double({ min: 0, noNaN: true, noDefaultInfinity: true })
/** A float64 in [0, 1). */
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })

/**
 * Every learning-rate schedule nabla can write: each kind, with any
 * positive rates and periods and any α ≥ 0 (a warm-up's decay ending after
 * its warm-up).
 *
 * @category arbitraries
 */
export const anyScheduleSpec = (): fc.Arbitrary<ScheduleSpec> =>
  fc.oneof(
    fc.record({ kind: fc.constant('constant' as const), lr: positive }),
    fc.record({ kind: fc.constant('step' as const), lr: positive, factor: positive, every: positive }),
    fc.record({ kind: fc.constant('exponential' as const), lr: positive, rate: positive, every: positive }),
    fc.record({ kind: fc.constant('cosine' as const), lr: positive, steps: positive, alpha: nonNegative }),
    fc
      .record({ init: nonNegative, lr: positive, warmup: nonNegative, decay: positive, end: nonNegative })
      .filter(({ warmup, decay }) => warmup + decay > warmup && Number.isFinite(warmup + decay))
      .map(({ warmup, decay, ...rest }) => ({ kind: 'warmupCosine' as const, warmup, steps: warmup + decay, ...rest })),
  )

/**
 * Every optimizer spec nabla can write: SGD, momentum (μ in [0, 1)), Adam
 * and AdamW (β₁, β₂ in [0, 1), ε > 0, a decoupled decay ≥ 0) and RMSProp
 * (ρ and μ in [0, 1), ε > 0, centered or not), any schedule, with or
 * without weight decay.
 *
 * @category arbitraries
 */
export const anyOptimizerSpec = (): fc.Arbitrary<OptimizerSpec> => {
  const common = { schedule: anyScheduleSpec(), weightDecay: fc.record({ lambda: nonNegative, n: positive }) }
  return fc.oneof(
    fc.record({ kind: fc.constant('sgd' as const), ...common }),
    fc.record({ kind: fc.constant('momentum' as const), momentum: unit, ...common }),
    fc.record({ kind: fc.constant('adam' as const), beta1: unit, beta2: unit, epsilon: positive, ...common }),
    fc.record({
      kind: fc.constant('adamw' as const),
      beta1: unit,
      beta2: unit,
      epsilon: positive,
      decoupledDecay: nonNegative,
      ...common,
    }),
    fc.record({
      kind: fc.constant('rmsprop' as const),
      decay: unit,
      epsilon: positive,
      centered: fc.boolean(),
      momentum: unit,
      ...common,
    }),
  )
}

/** A metric or meta key: any short string, or a name every object seems to have. */
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(...PROTOTYPE_NAMES))

/** JSON for `meta`, with −0 written as 0, since JSON keeps one zero (and `meta` is kept as JSON keeps it). */
const metaJson = fc
  .dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
  .map((meta) => JSON.parse(JSON.stringify(meta)) as Checkpoint['meta'])

/**
 * Consistent checkpoints of any model of `anyModel` (NaN, ±∞ and −0
 * weights included) with any optimizer spec, the optimizer's state after 0
 * to 2 updates (so moments can be non-finite too), any generator state,
 * position, losses (any float64), a history of 0 to 3 epochs whose metric
 * names include prototype names, and any JSON `meta`.
 *
 * @category arbitraries
 */
export const anyCheckpoint = (): fc.Arbitrary<Checkpoint> =>
  fc
    .record({
      model: anyModel({ maxLayers: 2 }),
      optimizer: anyOptimizerSpec(),
      updates: fc.integer({ min: 0, max: 2 }),
      seed: fc.integer(),
      step: fc.nat(),
      batch: fc.nat({ max: 100 }),
      batchSize: fc.integer({ min: 1, max: 1000 }),
      loss: fc.double(),
      lossSum: fc.double(),
      examples: fc.nat(),
      history: fc.array(
        fc.record({
          step: fc.nat(),
          trainLoss: fc.double(),
          evaluation: fc.dictionary(key, fc.double(), { maxKeys: 3 }),
        }),
        { maxLength: 3 },
      ),
      meta: metaJson,
    })
    .map((r): Checkpoint => {
      const opt = optimizerFromSpec(r.optimizer)
      const { network, cost } = r.model
      const optState = Array.from({ length: r.updates }).reduce<OptState>(
        (s) => opt.update(network, s, network)[1],
        opt.init(network),
      )
      const history = r.history.map((h, i): EpochMetrics => ({ ...h, epoch: i + 1 }))
      return {
        model: { cost },
        optimizer: r.optimizer,
        batchSize: r.batchSize,
        meta: r.meta,
        state: {
          params: network,
          optState,
          rng: Random.seed(r.seed),
          shuffle: undefined,
          step: r.step,
          epoch: history.length,
          batch: r.batch,
          loss: r.loss,
          lossSum: r.lossSum,
          examples: r.batch === 0 ? 0 : r.examples,
          history,
        },
      }
    })

/**
 * `decodeCheckpoint(encodeCheckpoint(c))` is `c`: its encoding is the very
 * same text, which is bit-exact for every number (NumberJson), for every
 * checkpoint of {@link anyCheckpoint}.
 *
 * @category laws
 */
export const encodeCheckpointRoundTrips = (): Law<Checkpoint> => ({
  name: 'encodeCheckpointRoundTrips',
  arbitrary: anyCheckpoint(),
  holds: (cp) => {
    const text = encodeCheckpoint(cp)
    const back = decodeCheckpoint(text)
    return E.isRight(back) && encodeCheckpoint(back.right) === text
  },
})

/**
 * Any float64 (−0, NaN, ±∞, the edges of the safe integers and of [0, 1)
 * included) that a codec of plain JSON numbers accepts reads back as
 * itself after a trip through JSON text: `decode(x)` is `x`, and
 * `decode(parse(stringify(encode(x))))` is `x` again, by `Object.is`. A
 * codec that accepts −0, which JSON writes as 0, or NaN and ±∞, which it
 * writes as null, breaks it.
 *
 * @category laws
 */
export const acceptedNumbersReadBack = (codec: t.Type<number, unknown>): Law<number> => ({
  name: `acceptedNumbersReadBack(${codec.name})`,
  arbitrary: fc.oneof(
    fc.double(),
    fc.integer(),
    fc.constantFrom(
      -0,
      0,
      Number.NaN,
      Infinity,
      -Infinity,
      1,
      -1,
      Number.MIN_VALUE,
      2 ** 53 - 1,
      2 ** 53,
      1 - 2 ** -53,
    ),
  ),
  holds: (x) => {
    const decoded = codec.decode(x)
    if (E.isLeft(decoded)) return true
    const back = codec.decode(JSON.parse(JSON.stringify(codec.encode(decoded.right))))
    return Object.is(decoded.right, x) && E.isRight(back) && Object.is(back.right, x)
  },
})

/**
 * Every law of the number codecs: with `NumberC` any float64 round-trips
 * bit for bit as far as `Object.is` sees (−0 as `"-0"`, NaN as `"NaN"`, ±∞
 * as `"Infinity"` and `"-Infinity"`); every refined number codec of
 * `refined` — positive and non-negative numbers, [0, 1), positive and
 * non-negative integers — reads back every number it accepts
 * ({@link acceptedNumbersReadBack}); and hostile input — `"constructor"`,
 * `"toString"`, `"__proto__"` among it — is refused, never decoded to
 * whatever a lookup in a plain object finds.
 *
 * @category laws
 */
export const numberCodecLaws = (): ReadonlyArray<Law<never>> => {
  const refinedCodecs = [NonNegativeNumberC, PositiveNumberC, UnitIntervalC, PositiveIntC, NonNegativeIntC]
  return [
    codecRoundTripsBitForBit({ codec: NumberC, arbitrary: fc.double(), identical: Object.is }),
    decodeNeverThrowsOnHostileJson({ codec: NumberC }),
    ...refinedCodecs.flatMap((codec) => [acceptedNumbersReadBack(codec), decodeNeverThrowsOnHostileJson({ codec })]),
  ] as unknown as ReadonlyArray<Law<never>>
}

/**
 * Every law of the optimizer-spec and schedule-spec codecs: a bit-exact
 * round trip of {@link anyOptimizerSpec} and {@link anyScheduleSpec}, hostile
 * JSON, edits of valid specs (an unknown key is refused, not dropped),
 * bounded reports.
 *
 * @category laws
 */
export const optimizerSpecCodecLaws = (): ReadonlyArray<Law<never>> => {
  const specs = anyOptimizerSpec()
  const schedules = anyScheduleSpec()
  return [
    codecRoundTripsBitForBit({ codec: OptimizerSpecC, arbitrary: specs }),
    ...boundaryLaws({ codec: OptimizerSpecC, valid: specs }),
    codecRoundTripsBitForBit({ codec: ScheduleSpecC, arbitrary: schedules }),
    ...boundaryLaws({ codec: ScheduleSpecC, valid: schedules }),
  ] as unknown as ReadonlyArray<Law<never>>
}

/**
 * Every law of the checkpoint codec: {@link encodeCheckpointRoundTrips}, and
 * the boundary laws of `nabla/laws`'s codec module applied to
 * `checkpointCodec` — hostile JSON, edits of valid checkpoints (including
 * nesting 100,000 levels deep and numbers turned into `"constructor"`),
 * bounded reports — and to the codecs of its parts: a training state of
 * other parameters (`TrainStateC(Matrix.codec)`, which also round-trips bit
 * for bit), the optimizer state (`OptStateC`) and the generator state
 * (`RngC`).
 *
 * @category laws
 */
export const checkpointCodecLaws = (): ReadonlyArray<Law<never>> => {
  const checkpoints = anyCheckpoint()
  // training states of other parameters than a network: the first weight matrix of each checkpoint's network
  const states = checkpoints.map((c) => ({ ...c.state, params: c.state.params.layers[0]?.w ?? Matrix.zeros(1, 1) }))
  const matrixStates = TrainStateC(Matrix.codec)
  return [
    encodeCheckpointRoundTrips(),
    ...boundaryLaws({ codec: checkpointCodec, valid: checkpoints }),
    codecRoundTripsBitForBit({ codec: matrixStates, arbitrary: states }),
    ...boundaryLaws({ codec: matrixStates, valid: states }),
    ...boundaryLaws({ codec: OptStateC, valid: checkpoints.map((c) => c.state.optState) }),
    ...boundaryLaws({ codec: RngC, valid: fc.integer().map(Random.seed) }),
  ] as unknown as ReadonlyArray<Law<never>>
}
