/**
 * Laws of the training codecs: `NumberC` (any float64, bit-exact), the
 * optimizer-spec codec and the checkpoint codec. Whatever they write reads
 * back bit for bit (a diverged run's NaN weights, losses and moments
 * included), and no input — prototype names as keys and values, optimizer
 * states nested 10,000 deep, edits of valid checkpoints — makes decoding
 * throw, accept what it would write differently, or report without bound.
 *
 * @module
 */
import * as fc from 'fast-check'
import { either as E } from 'fp-ts'
import { NonNegativeNumberC, PositiveNumberC } from '../../src/train/Schedule.js'
import { NumberC } from '../../src/matrix/json.js'
import { OptStateC } from '../../src/train/Checkpoint.js'
import {
  OptimizerSpecC,
  optimizerFromSpec,
  type OptimizerSpec,
  type OptState,
} from '../../src/train/namespaces/Optim.js'
import { Random } from '../../src/index.js'
import { RngC } from '../../src/matrix/RandomCodec.js'
import { ScheduleSpecC, type ScheduleSpec } from '../../src/train/namespaces/Schedule.js'
import {
  checkpointCodec,
  decodeCheckpoint,
  encodeCheckpoint,
  type Checkpoint,
} from '../../src/train/namespaces/Checkpoint.js'
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
 * positive rates and periods and any α ≥ 0.
 *
 * @category arbitraries
 */
export const anyScheduleSpec = (): fc.Arbitrary<ScheduleSpec> =>
  fc.oneof(
    fc.record({ kind: fc.constant('constant' as const), lr: positive }),
    fc.record({ kind: fc.constant('step' as const), lr: positive, factor: positive, every: positive }),
    fc.record({ kind: fc.constant('exponential' as const), lr: positive, rate: positive, every: positive }),
    fc.record({ kind: fc.constant('cosine' as const), lr: positive, steps: positive, alpha: nonNegative }),
  )

/**
 * Every optimizer spec nabla can write: SGD, momentum (μ in [0, 1)) and Adam
 * (β₁, β₂ in [0, 1), ε > 0), any schedule, with or without weight decay.
 *
 * @category arbitraries
 */
export const anyOptimizerSpec = (): fc.Arbitrary<OptimizerSpec> => {
  const common = { schedule: anyScheduleSpec(), weightDecay: fc.record({ lambda: nonNegative, n: positive }) }
  return fc.oneof(
    fc.record({ kind: fc.constant('sgd' as const), ...common }),
    fc.record({ kind: fc.constant('momentum' as const), momentum: unit, ...common }),
    fc.record({ kind: fc.constant('adam' as const), beta1: unit, beta2: unit, epsilon: positive, ...common }),
  )
}

/** A metric or meta key: any short string, or a name every object seems to have. */
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(...PROTOTYPE_NAMES))

/** JSON for `meta`, with −0 written as 0, since JSON keeps one zero (and `meta` is kept as JSON keeps it). */
const metaJson = fc
  .dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
  .map((meta) => JSON.parse(JSON.stringify(meta)) as Readonly<Record<string, unknown>>)

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
    .map((r) => {
      const opt = optimizerFromSpec(r.optimizer)
      const network = r.model.network
      const optState = Array.from({ length: r.updates }).reduce<OptState>(
        (s) => opt.update(network, s, network)[1],
        opt.init(network),
      )
      const history = r.history.map((h, i): EpochMetrics => ({ ...h, epoch: i + 1 }))
      return {
        model: r.model,
        optimizer: r.optimizer,
        optState,
        rng: Random.seed(r.seed),
        step: r.step,
        epoch: history.length,
        batch: r.batch,
        batchSize: r.batchSize,
        loss: r.loss,
        lossSum: r.lossSum,
        examples: r.batch === 0 ? 0 : r.examples,
        history,
        meta: r.meta,
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
 * Every law of the number codecs: with `NumberC` any float64 round-trips
 * bit for bit as far as `Object.is` sees (−0 as `"-0"`, NaN as `"NaN"`, ±∞
 * as `"Infinity"` and `"-Infinity"`), and hostile input — `"constructor"`,
 * `"toString"`, `"__proto__"` among it — is refused by `NumberC`,
 * `PositiveNumberC` and `NonNegativeNumberC`, never decoded to whatever a
 * lookup in a plain object finds.
 *
 * @category laws
 */
export const numberCodecLaws = (): ReadonlyArray<Law<never>> =>
  [
    codecRoundTripsBitForBit({ codec: NumberC, arbitrary: fc.double(), identical: Object.is }),
    decodeNeverThrowsOnHostileJson({ codec: NumberC }),
    decodeNeverThrowsOnHostileJson({ codec: PositiveNumberC }),
    decodeNeverThrowsOnHostileJson({ codec: NonNegativeNumberC }),
  ] as unknown as ReadonlyArray<Law<never>>

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
 * bounded reports — and to the codecs of its parts, the optimizer state
 * (`OptStateC`) and the generator state (`RngC`).
 *
 * @category laws
 */
export const checkpointCodecLaws = (): ReadonlyArray<Law<never>> => {
  const checkpoints = anyCheckpoint()
  return [
    encodeCheckpointRoundTrips(),
    ...boundaryLaws({ codec: checkpointCodec, valid: checkpoints }),
    ...boundaryLaws({ codec: OptStateC, valid: checkpoints.map((c) => c.optState) }),
    ...boundaryLaws({ codec: RngC, valid: fc.integer().map(Random.seed) }),
  ] as unknown as ReadonlyArray<Law<never>>
}
