/**
 * The settings of a run of `nabla train`. {@link settingsOf} reads a
 * command line into the settings of a fresh run or of a resumed one, and
 * reports every problem at once: bad values, flags that cannot go together,
 * and flags that would have no effect in the chosen configuration.
 *
 * @module
 */
import { either as E } from 'fp-ts'
import type { ActivationName } from '../../backprop/Activation.js'
import type { CostName } from '../../backprop/Cost.js'
import type { WeightInit } from '../../backprop/Network.js'
import { parseCommandLine, wantsHelp, type Parsed } from '../args.js'
import { costLabel, outputRangeProblem } from '../choices.js'
import { isCsvDataset, regressionValidationProblem } from './data.js'
import { DEFAULT_LR, trainFlags, type MonitorName, type OptimizerName, type ScheduleName } from './flags.js'

/** The settings of a fresh run; `layers` and `epochs` may still depend on the data. */
export interface FreshSettings {
  readonly dataset: string
  readonly layers: ReadonlyArray<number> | undefined
  readonly activation: ActivationName
  readonly outputActivation: ActivationName
  readonly cost: CostName
  readonly optimizer: OptimizerName
  readonly lr: number
  readonly momentum: number
  readonly schedule: ScheduleName
  readonly decayRate: number
  readonly decayEvery: number
  /** Epochs of the warm-up of the warmup-cosine schedule. */
  readonly warmupEpochs: number
  readonly batchSize: number
  readonly epochs: number | undefined
  readonly weightDecay: number
  readonly seed: bigint
  readonly init: WeightInit
  readonly out: string | undefined
  /** λ of adamw's decoupled decay. */
  readonly decoupledDecay: number
  /** ρ of rmsprop. */
  readonly rmsDecay: number
  /** The column a CSV `--dataset` is a regression of. */
  readonly target: string | undefined
  readonly targetScale: number | undefined
  /** The fraction of the training set held out for validation, if any, and what it watches. */
  readonly validation: ValidationSettings | undefined
}

/** A validation set held out of the training set: its fraction, the metric that picks the best epoch, the patience. */
export interface ValidationSettings {
  readonly fraction: number
  readonly monitor: MonitorName
  /** Stop after this many epochs without an improvement (never, if undefined). */
  readonly patience: number | undefined
}

/** The settings of a resumed run: everything else comes from the checkpoint. */
export interface ResumeSettings {
  readonly resume: string
  readonly epochs: number | undefined
  readonly dataset: string | undefined
  readonly out: string | undefined
  readonly extendSchedule: boolean
}

/** What a command line asks for. */
export type TrainCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'fresh'; readonly settings: FreshSettings }
  | { readonly kind: 'resume'; readonly settings: ResumeSettings }

type Table = typeof trainFlags
type Key = keyof Table

const RESUMABLE: ReadonlySet<Key> = new Set<Key>(['epochs', 'out', 'dataset', 'resume', 'extendSchedule', 'help'])

const names = (keys: ReadonlyArray<Key>): string => keys.map((k) => `--${trainFlags[k].name}`).join(', ')

/**
 * The cost and output activation of a run: as given, or, for a regression
 * (a CSV `--dataset`), the quadratic cost and identity outputs by default.
 */
const costAndOutput = ({ values: v, given }: Parsed<Table>): readonly [CostName, ActivationName] =>
  isCsvDataset(v.dataset)
    ? [given.has('cost') ? v.cost : 'quadratic', given.has('outputActivation') ? v.outputActivation : 'identity']
    : [v.cost, v.outputActivation]

/** Why the flags of a regression (`--target`, `--target-scale`, the cost, `--validation`) do not go together, if they do not. */
const regressionProblems = (parsed: Parsed<Table>): ReadonlyArray<string | undefined> => {
  const { values: v, given } = parsed
  const csv = isCsvDataset(v.dataset)
  const [cost] = costAndOutput(parsed)
  return [
    given.has('target') && !csv
      ? `--target applies only to a CSV --dataset (a file name ending in .csv; got --dataset ${v.dataset})`
      : undefined,
    csv && v.target === undefined
      ? `--dataset ${v.dataset} is a CSV file: give --target COLUMN, the column to predict`
      : undefined,
    given.has('targetScale') && v.target === undefined ? '--target-scale applies only with --target' : undefined,
    csv && v.validation !== undefined ? regressionValidationProblem(v.dataset) : undefined,
    csv && cost !== 'quadratic'
      ? `--cost ${costLabel(cost)} does not fit a regression: its targets are real values, not class ` +
        'probabilities; use --cost quadratic'
      : undefined,
  ]
}

/** Why a warm-up of `warmup` epochs does not fit a run of `epochs`, if it does not: the cosine needs at least one epoch after it. */
export const warmupProblem = (warmup: number, epochs: number): string | undefined =>
  warmup < epochs
    ? undefined
    : `--warmup-epochs ${String(warmup)} leaves no epoch for the cosine decay of a run of ${String(epochs)} epochs (give fewer warm-up epochs than --epochs)`

/** The flags given that have no effect in the chosen configuration, each with the reason. */
const ineffective = (parsed: Parsed<Table>): ReadonlyArray<string> => {
  const { values: v, given } = parsed
  const [cost, output] = costAndOutput(parsed)
  return [
    given.has('momentum') && v.optimizer !== 'momentum'
      ? `--momentum has no effect with --optimizer ${v.optimizer} (it is μ of --optimizer momentum)`
      : undefined,
    given.has('decayRate') && v.schedule !== 'step' && v.schedule !== 'exponential'
      ? `--decay-rate has no effect with --schedule ${v.schedule} (it is the factor of the step and exponential schedules)`
      : undefined,
    given.has('decayEvery') && v.schedule !== 'step'
      ? `--decay-every has no effect with --schedule ${v.schedule} (it is the period of the step schedule)`
      : undefined,
    given.has('warmupEpochs') && v.schedule !== 'warmup-cosine'
      ? `--warmup-epochs has no effect with --schedule ${v.schedule} (it is the warm-up of the warmup-cosine schedule)`
      : undefined,
    v.schedule === 'warmup-cosine' && v.epochs !== undefined ? warmupProblem(v.warmupEpochs, v.epochs) : undefined,
    given.has('extendSchedule') ? '--extend-schedule applies only with --resume' : undefined,
    given.has('patience') && v.validation === undefined
      ? '--patience needs --validation F: early stopping watches a validation set held out of the training set'
      : undefined,
    given.has('monitor') && v.validation === undefined
      ? '--monitor has no effect without --validation (it is the validation metric that picks the best epoch)'
      : undefined,
    given.has('decoupledDecay') && v.optimizer !== 'adamw'
      ? `--decoupled-decay has no effect with --optimizer ${v.optimizer} (it is λ of --optimizer adamw)`
      : undefined,
    given.has('rmsDecay') && v.optimizer !== 'rmsprop'
      ? `--rms-decay has no effect with --optimizer ${v.optimizer} (it is ρ of --optimizer rmsprop)`
      : undefined,
    ...regressionProblems(parsed),
    // a regression's one cost is the quadratic, which takes any output
    isCsvDataset(v.dataset) ? undefined : outputRangeProblem(cost, output),
  ].filter((p): p is string => p !== undefined)
}

const fresh = (parsed: Parsed<Table>): FreshSettings => freshOf(parsed, costAndOutput(parsed))

const freshOf = (
  { values: v }: Parsed<Table>,
  [cost, outputActivation]: readonly [CostName, ActivationName],
): FreshSettings => ({
  dataset: v.dataset,
  layers: v.layers,
  activation: v.activation,
  outputActivation,
  cost,
  optimizer: v.optimizer,
  lr: v.lr ?? DEFAULT_LR[v.optimizer],
  momentum: v.momentum,
  schedule: v.schedule,
  decayRate: v.decayRate ?? (v.schedule === 'step' ? 0.5 : 0.95),
  decayEvery: v.decayEvery,
  warmupEpochs: v.warmupEpochs,
  batchSize: v.batchSize,
  epochs: v.epochs,
  weightDecay: v.weightDecay,
  seed: v.seed,
  init: v.init,
  out: v.out,
  decoupledDecay: v.decoupledDecay,
  rmsDecay: v.rmsDecay,
  target: v.target,
  targetScale: v.targetScale,
  validation:
    v.validation === undefined ? undefined : { fraction: v.validation, monitor: v.monitor, patience: v.patience },
})

/**
 * What a command line of `nabla train` asks for, or every problem with it,
 * one line each. `-h`/`--help` anywhere asks for the help.
 */
export const settingsOf = (argv: ReadonlyArray<string>): E.Either<ReadonlyArray<string>, TrainCommand> =>
  wantsHelp(argv)
    ? E.right({ kind: 'help' })
    : E.chain((parsed: Parsed<Table>): E.Either<ReadonlyArray<string>, TrainCommand> => {
        if (parsed.values.help) return E.right({ kind: 'help' })
        const { values, given } = parsed
        if (values.resume !== undefined) {
          const extra = [...given].filter((k) => !RESUMABLE.has(k))
          return extra.length > 0
            ? E.left([
                `${names(extra)} cannot be given with --resume: the run continues with the checkpoint's settings ` +
                  `(only ${names(['epochs', 'out', 'dataset', 'extendSchedule'])} may be given)`,
              ])
            : E.right({
                kind: 'resume',
                settings: {
                  resume: values.resume,
                  epochs: values.epochs,
                  dataset: given.has('dataset') ? values.dataset : undefined,
                  out: values.out,
                  extendSchedule: values.extendSchedule,
                },
              })
        }
        const problems = ineffective(parsed)
        return problems.length > 0 ? E.left(problems) : E.right({ kind: 'fresh', settings: fresh(parsed) })
      })(parseCommandLine('nabla train', trainFlags, argv))
