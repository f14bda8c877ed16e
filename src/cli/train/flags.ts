/**
 * The flags of `nabla train`: one table holds every flag with its help,
 * its parser and its default (see `settings.ts` for what they give).
 *
 * @module
 */
import type { ActivationName } from '../../backprop/Activation.js'
import type { CostName } from '../../backprop/Cost.js'
import type { WeightInit } from '../../backprop/Network.js'
import { FASHION_MNIST_DIR } from '../../data/mnist.js'
import { defaulted, flag, helpText, switchFlag } from '../args.js'
import { integerIn, layerSizes, nonEmpty, numberIn, oneOf } from '../values.js'
import { HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS, parseCost } from '../choices.js'
import { parseSeedText } from '../seed.js'

/** The optimizers of the command line. */
export const OPTIMIZERS = ['adam', 'sgd', 'momentum', 'adamw', 'rmsprop'] as const
/** The learning-rate schedules of the command line. */
export const SCHEDULES = ['constant', 'cosine', 'step', 'exponential', 'warmup-cosine'] as const
const INITS: ReadonlyArray<WeightInit> = ['scaled', 'standard']

/** The validation metrics that can pick the best epoch. */
export const MONITORS = ['cost', 'accuracy'] as const
/** A validation metric's name. */
export type MonitorName = (typeof MONITORS)[number]

/** An optimizer's name. */
export type OptimizerName = (typeof OPTIMIZERS)[number]
/** A schedule's name. */
export type ScheduleName = (typeof SCHEDULES)[number]

/** The most neurons in one layer. */
export const MAX_LAYER_SIZE: number = 1_000_000
/** The most epochs of one run. */
export const MAX_EPOCHS: number = 1_000_000

/** The learning rate of each optimizer when --lr is not given. */
export const DEFAULT_LR: Readonly<Record<OptimizerName, number>> = {
  adam: 0.005,
  sgd: 0.5,
  momentum: 0.1,
  adamw: 0.005,
  rmsprop: 0.001,
}

/** The flags of `nabla train`, by setting, in the order of the help text. */
export const trainFlags = {
  dataset: defaulted({
    name: 'dataset',
    value: 'NAME|DIR|FILE',
    help:
      'digits: the embedded UCI digits, 8×8 images (1,497 training, 300 held-out)\n' +
      `fashion-mnist: Fashion-MNIST from ${FASHION_MNIST_DIR} (Debian package dataset-fashion-mnist)\n` +
      'a directory holding the four IDX files of an MNIST-like set (plain or .gz),\n' +
      'or a .csv file of numbers with a header row, for a regression (with --target)',
    parse: nonEmpty,
    default: 'digits',
  }),
  target: flag({
    name: 'target',
    value: 'COLUMN',
    help:
      'with a .csv --dataset: the column to predict from the other columns (a regression:\n' +
      'quadratic cost and identity outputs by default; the RMSE is in the units of the column;\n' +
      'features and target are divided by their largest magnitude; there is no held-out part)',
    parse: nonEmpty,
  }),
  targetScale: flag({
    name: 'target-scale',
    value: 'S',
    help: 'with --target: divide the target by S, e.g. 100 for scores out of 100',
    parse: numberIn({ low: 0 }),
    defaultText: 'its largest magnitude in the file',
  }),
  layers: flag({
    name: 'layers',
    value: 'SIZES',
    help: 'layer sizes from input to output, e.g. 64,30,10; the first must be the number of\nfeatures, the last the number of classes (1 for a --target)',
    parse: layerSizes(MAX_LAYER_SIZE),
    defaultText: 'features,30,classes for digits,\nfeatures,100,classes otherwise (features,100,1 for a --target)',
  }),
  activation: defaulted<ActivationName>({
    name: 'activation',
    value: 'NAME',
    help: `activation of the hidden layers: ${HIDDEN_ACTIVATIONS.join(', ')}`,
    parse: oneOf(HIDDEN_ACTIVATIONS),
    default: 'sigmoid',
  }),
  outputActivation: defaulted<ActivationName>({
    name: 'output-activation',
    value: 'NAME',
    help: `activation of the output layer: ${OUTPUT_ACTIVATIONS.join(', ')}`,
    parse: oneOf(OUTPUT_ACTIVATIONS),
    default: 'softmax',
    defaultText: 'softmax; identity for a --target',
  }),
  cost: defaulted<CostName>({
    name: 'cost',
    value: 'NAME',
    help: 'log-likelihood (for softmax outputs), cross-entropy (for sigmoid outputs), quadratic',
    parse: parseCost,
    default: 'logLikelihood',
    defaultText: 'log-likelihood; quadratic for a --target',
  }),
  optimizer: defaulted<OptimizerName>({
    name: 'optimizer',
    value: 'NAME',
    help:
      'adam, sgd (w ← w − η∇C), momentum (v ← μv − η∇C, w ← w + v),\n' +
      'adamw (Adam with decoupled weight decay), rmsprop (w ← w − η∇C/√(ν + ε),\nν the mean square of ∇C)',
    parse: oneOf(OPTIMIZERS),
    default: 'adam',
  }),
  lr: flag({
    name: 'lr',
    value: 'RATE',
    help: 'learning rate η',
    parse: numberIn({ low: 0 }),
    defaultText: '0.005 for adam, 0.5 for sgd, 0.1 for momentum,\n0.005 for adamw, 0.001 for rmsprop',
  }),
  momentum: defaulted({
    name: 'momentum',
    value: 'MU',
    help: 'μ of --optimizer momentum, in [0, 1)',
    parse: numberIn({ low: 0, lowIncluded: true, high: 1, highExcluded: true }),
    default: 0.9,
  }),
  decoupledDecay: defaulted({
    name: 'decoupled-decay',
    value: 'LAMBDA',
    help: 'decoupled weight decay λ of --optimizer adamw on the weights (not the biases):\nw ← w − η(m̂/(√v̂ + ε) + λw)',
    parse: numberIn({ low: 0, lowIncluded: true }),
    default: 1e-4,
  }),
  rmsDecay: defaulted({
    name: 'rms-decay',
    value: 'RHO',
    help: 'ρ of --optimizer rmsprop, in [0, 1): the decay of its mean square\nν ← ρν + (1 − ρ)(∇C)²',
    parse: numberIn({ low: 0, lowIncluded: true, high: 1, highExcluded: true }),
    default: 0.9,
  }),
  schedule: defaulted<ScheduleName>({
    name: 'schedule',
    value: 'NAME',
    help: 'learning-rate schedule: constant; cosine (from η down to 0 at the last epoch);\nstep (× --decay-rate every --decay-every epochs); exponential (× --decay-rate per epoch);\nwarmup-cosine (from 0 up to η over --warmup-epochs, then cosine down to 0 at the last epoch)',
    parse: oneOf(SCHEDULES),
    default: 'constant',
  }),
  decayRate: flag({
    name: 'decay-rate',
    value: 'R',
    help: 'factor of the step and exponential schedules, in (0, 1]',
    parse: numberIn({ low: 0, high: 1 }),
    defaultText: '0.5 for step, 0.95 for exponential',
  }),
  decayEvery: defaulted({
    name: 'decay-every',
    value: 'EPOCHS',
    help: 'period of the step schedule in epochs',
    parse: integerIn(1),
    default: 10,
  }),
  warmupEpochs: defaulted({
    name: 'warmup-epochs',
    value: 'EPOCHS',
    help: 'length of the warm-up of the warmup-cosine schedule in epochs, fewer than --epochs',
    parse: integerIn(1),
    default: 1,
  }),
  batchSize: defaulted({
    name: 'batch-size',
    value: 'M',
    help: 'mini-batch size',
    parse: integerIn(1),
    default: 32,
  }),
  epochs: flag({
    name: 'epochs',
    value: 'N',
    help: `number of epochs, at most ${String(MAX_EPOCHS)}; with --resume, the epoch to train up to`,
    parse: integerIn(0, MAX_EPOCHS),
    defaultText: "30 for digits, 10 otherwise;\nwith --resume, the checkpoint's",
  }),
  weightDecay: defaulted({
    name: 'weight-decay',
    value: 'LAMBDA',
    help: 'L2 regularisation λ on the weights, as in Nielsen ch. 3: ∂C/∂w = ∂C₀/∂w + (λ/n)w,\nn the training-set size',
    parse: numberIn({ low: 0, lowIncluded: true }),
    default: 0,
  }),
  seed: defaulted<bigint>({
    name: 'seed',
    value: 'N',
    help: 'seed of the initial weights and of every shuffle, a 64-bit integer; same seed, same run',
    parse: parseSeedText,
    default: 0n,
  }),
  init: defaulted<WeightInit>({
    name: 'init',
    value: 'NAME',
    help: 'initial weights: scaled, N(0, 1/n_in), or standard, N(0, 1)',
    parse: oneOf(INITS),
    default: 'scaled',
  }),
  out: flag({
    name: 'out',
    value: 'DIR',
    help: 'output directory; a fresh run replaces the files of an earlier run there',
    parse: nonEmpty,
    defaultText: "runs/<dataset>-<seed>;\nwith --resume, the checkpoint's directory",
  }),
  resume: flag({
    name: 'resume',
    value: 'FILE',
    help: "continue the run saved in this checkpoint.json, with the checkpoint's settings\n(only --epochs, --out, --dataset and --extend-schedule may be given with it)",
    parse: nonEmpty,
  }),
  extendSchedule: switchFlag(
    'extend-schedule',
    "with --resume: stretch a cosine schedule's end to the new last epoch (without it,\ntraining past the end of the schedule is refused: it would go on at learning rate 0)",
  ),
  validation: flag({
    name: 'validation',
    value: 'F',
    help:
      'hold out a fraction F of the training set as a validation set, 0 < F < 1 (never taken\n' +
      'from the held-out test set): measured after every epoch with the training and test\n' +
      'error, it picks the best epoch, whose network is written to best.json',
    parse: numberIn({ low: 0, high: 1, highExcluded: true }),
  }),
  patience: flag({
    name: 'patience',
    value: 'N',
    help: 'with --validation: stop early after N epochs without an improvement of the validation\nmetric (the best epoch is kept in best.json and in the checkpoint)',
    parse: integerIn(1, MAX_EPOCHS),
  }),
  monitor: defaulted<MonitorName>({
    name: 'monitor',
    value: 'NAME',
    help: 'with --validation: the metric that picks the best epoch, cost (lower is better) or\naccuracy (higher is better)',
    parse: oneOf(MONITORS),
    default: 'cost',
  }),
  help: switchFlag('help', 'show this help'),
}

/** The help of `nabla train`. */
export const trainHelp: string = helpText(
  'nabla train [options]',
  'Trains a feed-forward network with mini-batch gradient descent and reports, per epoch,\n' +
    'the training cost (the mean of the mini-batch costs), the held-out cost and accuracy,\n' +
    'and the time. Writes, in the output directory: checkpoint.json (after every epoch),\n' +
    'metrics.csv, metrics.json and plot.svg (cost and accuracy per epoch, also drawn here);\n' +
    'with --validation also best.json, the network of the best epoch by the validation set.\n' +
    'A run whose cost or weights stop being finite stops with exit code 1 and keeps the\n' +
    'checkpoint of its last finite epoch; Ctrl-C stops at the next mini-batch the same way.',
  trainFlags,
)
