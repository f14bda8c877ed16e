/**
 * The io-ts codec of a training state, given the codec of its parameters:
 * {@link TrainStateC}. It writes every field of a `TrainState` except the
 * `shuffle` cache (which is drawn again from the generator state), every
 * number bit-exactly, and reads back the identical state.
 *
 * @module
 */
import * as t from 'io-ts'
import { either as E, function as F } from 'fp-ts'
import type { Matrix } from '../matrix/Matrix.js'
import { isMatrix } from '../matrix/construct.js'
import { codec as matrixCodec, type MatrixJson } from '../matrix/codec.js'
import {
  MAX_JSON_DEPTH,
  NonNegativeIntC,
  NumberC,
  PositiveIntC,
  arrayOf,
  at,
  encodeNumber,
  isPlainRecord,
  recordOf,
  strictType,
  type NumberJson,
} from '../matrix/json.js'
import { RngC } from '../matrix/RandomCodec.js'
import type { OptState } from './Optimizer.js'
import type { TrainState } from './Train.js'

const { pipe } = F

/**
 * The JSON form of an optimizer state: numbers as {@link NumberJson},
 * matrices as `{ "$matrix": { rows, cols, data } }`, arrays and records as
 * themselves, nested at most `MAX_JSON_DEPTH` (64) levels deep.
 *
 * @category codec
 */
export type OptStateJson =
  NumberJson | { readonly $matrix: MatrixJson } | ReadonlyArray<OptStateJson> | { readonly [key: string]: OptStateJson }

const encodeOptState = (s: OptState): OptStateJson =>
  typeof s === 'number'
    ? encodeNumber(s)
    : isMatrix(s)
      ? { $matrix: matrixCodec.encode(s) }
      : Array.isArray(s)
        ? (s as ReadonlyArray<OptState>).map(encodeOptState)
        : Object.fromEntries(
            Object.entries(s as Readonly<Record<string, OptState>>).map(([k, v]) => [k, encodeOptState(v)]),
          )

const MatrixLeafC = strictType({ $matrix: matrixCodec }, 'MatrixLeaf')

/**
 * An optimizer state, reported at its first bad value, and refused past
 * `MAX_JSON_DEPTH` levels before anything deeper is looked at (so the
 * recursion is bounded too). A record with the key `$matrix` is a matrix
 * and must have no other key.
 */
const validateOptState = (u: unknown, c: t.Context, depth: number): t.Validation<OptState> => {
  if (typeof u === 'number' || typeof u === 'string') return NumberC.validate(u, c)
  const nested = Array.isArray(u) || isPlainRecord(u)
  if (nested && depth >= MAX_JSON_DEPTH) return t.failure(u, c, `nested more than ${MAX_JSON_DEPTH} levels deep`)
  if (Array.isArray(u)) {
    return pipe(
      u as ReadonlyArray<unknown>,
      E.traverseReadonlyArrayWithIndex((i, x) => validateOptState(x, at(c, i, OptStateC, x), depth + 1)),
      E.map((xs): OptState => xs),
    )
  }
  if (isPlainRecord(u)) {
    if (Object.hasOwn(u, '$matrix')) {
      return pipe(
        MatrixLeafC.validate(u, c),
        E.map((leaf): Matrix => leaf.$matrix),
      )
    }
    return pipe(
      Object.entries(u),
      E.traverseReadonlyArrayWithIndex((_, [k, v]) =>
        pipe(
          validateOptState(v, at(c, k, OptStateC, v), depth + 1),
          E.map((x) => [k, x] as const),
        ),
      ),
      E.map((kvs): OptState => Object.fromEntries(kvs)),
    )
  }
  return t.failure(u, c, 'expected an optimizer state: numbers, { "$matrix": … }, arrays and records of them')
}

/**
 * The io-ts codec of an optimizer state (see {@link OptStateJson}). It
 * checks the form of a tree of numbers and matrices; whether the tree fits
 * a given optimizer is the checkpoint's to check (it knows the optimizer).
 *
 * @category codec
 */
export const OptStateC: t.Type<OptState, OptStateJson> = new t.Type<OptState, OptStateJson>(
  'OptState',
  (u): u is OptState => typeof u === 'number' || isMatrix(u) || Array.isArray(u) || isPlainRecord(u),
  (u, c) => validateOptState(u, c, 0),
  encodeOptState,
)

const EpochMetricsC = strictType(
  {
    epoch: PositiveIntC,
    step: NonNegativeIntC,
    trainLoss: NumberC,
    evaluation: recordOf(NumberC, 'Evaluation'),
  },
  'EpochMetrics',
)

/** The fields of a training state that a checkpoint keeps: all but the `shuffle` cache. */
const trainStateProps = <P, O>(params: t.Type<P, O>) => ({
  params,
  optState: OptStateC,
  rng: RngC,
  step: NonNegativeIntC,
  epoch: NonNegativeIntC,
  batch: NonNegativeIntC,
  loss: NumberC,
  lossSum: NumberC,
  examples: NonNegativeIntC,
  history: arrayOf(EpochMetricsC, 'History'),
})

/**
 * The JSON form of a `TrainState` whose parameters are written as `O`:
 * the type that {@link TrainStateC} writes, derived from the codec itself.
 *
 * @category codec
 */
export type TrainStateJson<O> = t.OutputOfProps<ReturnType<typeof trainStateProps<unknown, O>>>

/** Why a decoded state does not hang together, or undefined if it does. */
const inconsistency = (s: {
  readonly epoch: number
  readonly batch: number
  readonly examples: number
  readonly history: ReadonlyArray<unknown>
}): string | undefined =>
  s.history.length !== s.epoch
    ? `history has ${String(s.history.length)} epochs, but epoch is ${String(s.epoch)}`
    : s.batch === 0 && s.examples !== 0
      ? 'examples must be 0 at the start of an epoch (batch 0)'
      : undefined

/**
 * The io-ts codec of a training state whose parameters have the codec
 * `params`: a record of exactly the fields of `TrainState` but `shuffle`
 * (a cache, which decodes as `undefined` and is drawn again from `rng`),
 * each number a `NumberJson` or an integer counter, the generator state
 * with `RngC`, the optimizer state with {@link OptStateC}. It refuses
 * unknown and missing keys, anything nested more than `MAX_JSON_DEPTH`
 * levels deep, and a state that no run makes: a history of other than
 * `epoch` records, or examples counted at the start of an epoch.
 * `decode(encode(s))` is `s` bit for bit, but for the cache.
 *
 * @category codec
 */
export const TrainStateC = <P, O>(params: t.Type<P, O>): t.Type<TrainState<P>, TrainStateJson<O>> => {
  const fields = strictType(trainStateProps(params), 'TrainState')
  return new t.Type<TrainState<P>, TrainStateJson<O>>(
    'TrainState',
    (u): u is TrainState<P> => fields.is(u) && isPlainRecord(u) && Object.hasOwn(u, 'shuffle'),
    (u, c) =>
      pipe(
        fields.validate(u, c),
        E.chain((s) => {
          const problem = inconsistency(s)
          return problem === undefined ? t.success({ ...s, shuffle: undefined }) : t.failure(u, c, problem)
        }),
      ),
    (s) => fields.encode(s),
  )
}
