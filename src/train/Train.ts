/**
 * Pure training. A step maps a {@link TrainState} and a mini-batch to the
 * next state; an epoch is a fold of steps over the mini-batches of one
 * shuffle (drawn with the explicit generator state, `Random.permutation`);
 * a run is the lazy sequence of states that {@link training} returns, which
 * the caller consumes — for a progress bar, early stopping, checkpoints —
 * without any callback or shared mutable state. The same initial state gives
 * the same sequence, bit for bit.
 *
 * @module
 */
import type { Matrix } from '../matrix/Matrix.js'
import { permutation, type Rng } from '../matrix/Random.js'
import { buffer, fromBuffer } from '../matrix/internal.js'
import { gatherColumns } from '../matrix/product.js'
import { transpose } from '../matrix/ops.js'
import { leaves } from '../ad/Tree.js'
import { targets, type Dataset } from '../data/Dataset.js'
import { filter, last, takeUntil, unfold } from './lazy.js'
import type { Batch, LossAndGrad } from './Loss.js'
import { applyUpdates, type OptState, type Optimizer } from './Optimizer.js'

/**
 * Training data as the trainer sees it: `size` examples, and the mini-batch
 * made of the examples with the given indices.
 *
 * @category training
 */
export interface BatchSource<B> {
  readonly size: number
  readonly batch: (indices: ReadonlyArray<number>) => B
}

/**
 * A labelled data set as a source of mini-batches `{ x, y }`: the inputs of
 * the chosen examples (their columns) and their one-hot targets.
 *
 * The source keeps xᵀ (one example per *row*) and gathers each mini-batch
 * from it: the columns of a wide matrix are strided in memory, and a
 * shuffled mini-batch of 10 columns of Fashion-MNIST's 784×60,000 inputs
 * would touch 7,840 cache lines and pages, where 10 rows of xᵀ are 10
 * contiguous runs. This costs one transposed copy of x when the source is
 * made. The mini-batches are the same, bit for bit, as `selectCols(x, indices)`.
 *
 * @category training
 */
export const datasetSource = (d: Dataset): BatchSource<Batch> => {
  const xt = transpose(d.x)
  const yt = transpose(targets(d))
  return {
    size: d.x.cols,
    batch: (indices) => {
      const bad = indices.find((i) => !Number.isInteger(i) || i < 0 || i >= d.x.cols)
      if (bad !== undefined) {
        throw new RangeError(`datasetSource: example ${String(bad)} is outside 0…${String(d.x.cols - 1)}`)
      }
      return { x: gather(xt, indices), y: gather(yt, indices) }
    },
  }
}

/** The columns of a matrix with the given indices, from its transpose (see {@link datasetSource}). */
const gather = (xt: Matrix, indices: ReadonlyArray<number>): Matrix =>
  fromBuffer(xt.cols, indices.length, gatherColumns(xt.cols, buffer(xt), indices))

/**
 * What a run needs besides its state: where the gradients come from, the
 * optimizer, the data, the mini-batch size m (the last mini-batch of an
 * epoch is shorter when m does not divide n), and optionally a pure
 * evaluation of the parameters at the end of each epoch (held-out cost and
 * accuracy, say), whose numbers go into that epoch's {@link EpochMetrics}.
 *
 * @category training
 */
export interface Trainer<P, B, S = OptState> {
  readonly lossAndGrad: LossAndGrad<P, B>
  readonly optimizer: Optimizer<S>
  readonly data: BatchSource<B>
  readonly batchSize: number
  readonly evaluate?: (params: P) => Readonly<Record<string, number>>
}

/** The shuffle of the current epoch (a permutation of 0 … n−1) and the generator state after drawing it. @category training */
export interface Shuffle {
  readonly order: ReadonlyArray<number>
  readonly next: Rng
}

/** The record of one completed epoch. @category training */
export interface EpochMetrics {
  /** The epoch's number, from 1. */
  readonly epoch: number
  /** Optimizer steps taken in total at its end. */
  readonly step: number
  /** The training loss: the mean over the epoch's examples of the mini-batch losses (before each update). */
  readonly trainLoss: number
  /** What the trainer's `evaluate` returned at the end of the epoch (empty without one). */
  readonly evaluation: Readonly<Record<string, number>>
}

/**
 * Everything a run is at one moment, as an immutable value: the
 * parameters, the optimizer state (of type `S`, the optimizer's), the
 * generator state, where it is (step, epoch, mini-batch within the epoch)
 * and its metrics so far. Everything but the `shuffle` cache is what a
 * checkpoint stores (see `TrainStateC`): a field added here is added there.
 *
 * @category training
 */
export interface TrainState<P, S = OptState> {
  readonly params: P
  readonly optState: S
  /** The generator state at the start of the current epoch; its shuffle is drawn from it. */
  readonly rng: Rng
  /** The current epoch's shuffle, once drawn (a cache: it is a function of `rng` and n). */
  readonly shuffle: Shuffle | undefined
  /** Optimizer steps taken in total. */
  readonly step: number
  /** Epochs completed. */
  readonly epoch: number
  /** Mini-batches done in the current epoch (0 at an epoch's start). */
  readonly batch: number
  /** The loss of the last mini-batch (NaN before the first step). */
  readonly loss: number
  /** Σ loss × examples over the current epoch's mini-batches so far. */
  readonly lossSum: number
  /** Examples seen in the current epoch so far. */
  readonly examples: number
  /** One record per completed epoch. */
  readonly history: ReadonlyArray<EpochMetrics>
}

/**
 * The state before the first step: the parameters, the optimizer's initial
 * state for them, and the generator state that will shuffle the epochs.
 *
 * @category training
 */
export const initTrainState = <P, S>(params: P, optimizer: Optimizer<S>, rng: Rng): TrainState<P, S> => ({
  params,
  optState: optimizer.init(params),
  rng,
  shuffle: undefined,
  step: 0,
  epoch: 0,
  batch: 0,
  loss: Number.NaN,
  lossSum: 0,
  examples: 0,
  history: [],
})

/** The number of mini-batches of one epoch: ⌈n / m⌉. @category training */
export const batchesPerEpoch = (n: number, batchSize: number): number => Math.ceil(n / batchSize)

const checkTrainer = <P, B, S>(trainer: Trainer<P, B, S>): void => {
  if (!Number.isInteger(trainer.batchSize) || trainer.batchSize < 1) {
    throw new RangeError(`training: the mini-batch size must be a positive integer (got ${String(trainer.batchSize)})`)
  }
  if (!Number.isInteger(trainer.data.size) || trainer.data.size < 1) {
    throw new RangeError(`training: the data must have at least one example (got ${String(trainer.data.size)})`)
  }
}

/**
 * One step of mini-batch gradient descent: take the next mini-batch of the
 * current epoch's shuffle (drawing the shuffle from `rng` at the epoch's
 * first step), compute the loss and gradient at the current parameters,
 * turn the gradient into updates with the optimizer, and apply them. After
 * an epoch's last mini-batch the epoch is recorded in `history` (with the
 * trainer's evaluation of the new parameters) and the next epoch starts
 * from the generator state the shuffle left.
 *
 * Throws a `RangeError` for a mini-batch size that is not a positive
 * integer, empty data, or a state whose position lies beyond the epoch.
 *
 * @category training
 */
export const trainStep = <P, B, S>(trainer: Trainer<P, B, S>): ((state: TrainState<P, S>) => TrainState<P, S>) => {
  checkTrainer(trainer)
  const { lossAndGrad, optimizer, data, batchSize } = trainer
  const n = data.size
  const perEpoch = batchesPerEpoch(n, batchSize)
  return (state) => {
    if (!Number.isInteger(state.batch) || state.batch < 0 || state.batch >= perEpoch) {
      throw new RangeError(
        `training: mini-batch ${String(state.batch)} is outside an epoch of ${String(perEpoch)} mini-batches of ${String(batchSize)}`,
      )
    }
    const shuffle = state.shuffle ?? drawShuffle(n, state.rng)
    const from = state.batch * batchSize
    const to = Math.min(n, from + batchSize)
    const batch = data.batch(shuffle.order.slice(from, to))
    const plain = optimizer.plainStep
    const [loss, params, optState] =
      plain !== undefined && lossAndGrad.sgdStep !== undefined
        ? // plain gradient descent, taken by the loss itself in one pass (the same bits as below)
          ([
            ...lossAndGrad.sgdStep(state.params, batch, plain.rate(state.optState)),
            plain.next(state.optState),
          ] as const)
        : withLoss(lossAndGrad(state.params, batch), optimizer, state)
    const lossSum = state.lossSum + loss * (to - from)
    const examples = state.examples + (to - from)
    const step = state.step + 1
    if (to < n) return { ...state, params, optState, shuffle, step, batch: state.batch + 1, loss, lossSum, examples }
    const record: EpochMetrics = {
      epoch: state.epoch + 1,
      step,
      trainLoss: lossSum / examples,
      evaluation: trainer.evaluate?.(params) ?? {},
    }
    return {
      params,
      optState,
      rng: shuffle.next,
      shuffle: undefined,
      step,
      epoch: state.epoch + 1,
      batch: 0,
      loss,
      lossSum: 0,
      examples: 0,
      history: [...state.history, record],
    }
  }
}

/** The loss, and the optimizer's step on the gradient (fused when it has one). */
const withLoss = <P, S>(
  [loss, grads]: readonly [number, P],
  optimizer: Optimizer<S>,
  state: TrainState<P, S>,
): readonly [number, P, S] => {
  const [params, optState] =
    optimizer.step !== undefined
      ? optimizer.step(grads, state.optState, state.params)
      : applyStep(optimizer, grads, state.optState, state.params)
  return [loss, params, optState]
}

/** update, then applyUpdates: the general path of a training step. */
const applyStep = <P, S>(optimizer: Optimizer<S>, grads: P, optState: S, params: P): readonly [P, S] => {
  const [updates, next] = optimizer.update(grads, optState, params)
  return [applyUpdates(params, updates), next]
}

/**
 * The shuffle of an epoch of n examples drawn from a generator state.
 *
 * @category training
 */
export const drawShuffle = (n: number, rng: Rng): Shuffle => {
  const [order, next] = permutation(n, rng)
  return { order, next }
}

/**
 * The rest of the current epoch (all of it from an epoch's start): a fold of
 * {@link trainStep} over its remaining mini-batches.
 *
 * @category training
 */
export const trainEpoch = <P, B, S>(trainer: Trainer<P, B, S>): ((state: TrainState<P, S>) => TrainState<P, S>) => {
  const step = trainStep(trainer)
  const perEpoch = batchesPerEpoch(trainer.data.size, trainer.batchSize)
  return (state) => Array.from({ length: perEpoch - state.batch }).reduce<TrainState<P, S>>((s) => step(s), state)
}

/** Options of {@link training}. @category training */
export interface TrainingOptions {
  /** Stop once this many epochs are complete in total (counting those of the initial state); default: never stop. */
  readonly epochs?: number
}

/**
 * A training run as a lazy sequence: the state after every step, from the
 * given state on, until `epochs` epochs are complete (or forever). Nothing
 * runs until the sequence is consumed; stopping early is just not asking for
 * more. Each iteration starts again from `state` and gives the same states,
 * bit for bit.
 *
 * @example
 * for (const s of training(trainer, { epochs: 10 })(initTrainState(net, opt, Random.seed(1)))) {
 *   if (isEpochEnd(s)) console.log(s.history.at(-1))
 * }
 * @category training
 */
export const training = <P, B, S>(
  trainer: Trainer<P, B, S>,
  options: TrainingOptions = {},
): ((state: TrainState<P, S>) => Iterable<TrainState<P, S>>) => {
  const step = trainStep(trainer)
  const epochs = options.epochs ?? Number.POSITIVE_INFINITY
  return (state) => unfold(state, (s) => (s.epoch >= epochs && s.batch === 0 ? undefined : step(s)))
}

/**
 * Whether a state of a run is the end of an epoch (its first mini-batch
 * not yet taken) — every state of {@link training} with `batch === 0`.
 *
 * @category training
 */
export const isEpochEnd = <P, S>(state: TrainState<P, S>): boolean => state.batch === 0 && state.step > 0

/** Only the states that end an epoch, lazily. @category training */
export const epochEnds = <P, S>(states: Iterable<TrainState<P, S>>): Iterable<TrainState<P, S>> =>
  filter(states, isEpochEnd)

/**
 * The states up to and including the first one where `stop` holds, lazily:
 * early stopping, e.g. `until(epochEnds(run), (s) => accuracy(s) > 0.95)`.
 *
 * @category training
 */
export const until = <P, S>(
  states: Iterable<TrainState<P, S>>,
  stop: (s: TrainState<P, S>) => boolean,
): Iterable<TrainState<P, S>> => takeUntil(states, stop)

/**
 * Runs a finite sequence of states to its end and returns the last one
 * (undefined if there is none): `finalState(training(trainer, { epochs: 5 })(s0))`.
 *
 * @category training
 */
export const finalState = <P, S>(states: Iterable<TrainState<P, S>>): TrainState<P, S> | undefined => last(states)

/**
 * Whether every entry of every leaf of a tree (a run's parameters) is
 * finite: false once a run has diverged (an overflow gave ±∞, or ∞ − ∞
 * gave NaN).
 *
 * @category training
 */
export const isFiniteTree = (tree: unknown): boolean =>
  leaves(tree, 'parameter').every((x) =>
    typeof x === 'number' ? Number.isFinite(x) : buffer(x).every(Number.isFinite),
  )
