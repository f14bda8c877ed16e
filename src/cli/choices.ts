/**
 * The names the command line accepts for activations and costs, their
 * labels, and the checks every command that builds a network shares. Names
 * are looked up among the listed choices only, never on an object's
 * prototype (`--cost constructor` is an unknown cost, not a crash).
 *
 * @module
 */
import { either as E } from 'fp-ts'
import type { ActivationName } from '../backprop/Activation.js'
import type { CostName } from '../backprop/Cost.js'
import { shown } from './args.js'

/** Activations of hidden layers. */
export const HIDDEN_ACTIVATIONS: ReadonlyArray<ActivationName> = ['sigmoid', 'tanh', 'relu', 'identity']

/** Activations of an output layer. */
export const OUTPUT_ACTIVATIONS: ReadonlyArray<ActivationName> = ['softmax', 'sigmoid', 'tanh', 'relu', 'identity']

/** Every activation, for a network of any kind (gradcheck checks softmax hidden layers too). */
export const ALL_ACTIVATIONS: ReadonlyArray<ActivationName> = ['sigmoid', 'tanh', 'relu', 'identity', 'softmax']

/** The command line's names of the costs, each with its accepted spellings. */
const COST_SPELLINGS: ReadonlyArray<readonly [CostName, ReadonlyArray<string>]> = [
  ['logLikelihood', ['log-likelihood', 'loglikelihood']],
  ['crossEntropy', ['cross-entropy', 'crossentropy']],
  ['quadratic', ['quadratic']],
]

const COSTS_BY_NAME: ReadonlyMap<string, CostName> = new Map(
  COST_SPELLINGS.flatMap(([c, names]) => names.map((n) => [n, c] as const)),
)

/** A cost by its command-line name (`log-likelihood`, `cross-entropy`, `quadratic`, or the camelCase names). */
export const parseCost = (raw: string): E.Either<string, CostName> => {
  const c = COSTS_BY_NAME.get(raw.trim().toLowerCase())
  return c === undefined
    ? E.left(`must be one of log-likelihood, cross-entropy, quadratic (got ${shown(raw)})`)
    : E.right(c)
}

/** The command-line name of a cost. */
export const costLabel = (c: CostName): string =>
  c === 'logLikelihood' ? 'log-likelihood' : c === 'crossEntropy' ? 'cross-entropy' : 'quadratic'

/**
 * Why a cost cannot go with an output activation, or undefined: the
 * cross-entropy and log-likelihood costs take the logarithm of the outputs,
 * which must therefore lie in (0, 1) (softmax or sigmoid).
 */
export const outputRangeProblem = (cost: CostName, output: ActivationName): string | undefined =>
  cost !== 'quadratic' && output !== 'sigmoid' && output !== 'softmax'
    ? `--cost ${costLabel(cost)} needs outputs in (0, 1): use --output-activation softmax or sigmoid (got ${output})`
    : undefined

/** The number of parameters (weights and biases) of a network with these layer sizes. */
export const parameterCount = (sizes: ReadonlyArray<number>): number =>
  sizes.slice(1).reduce((n, size, i) => n + size * ((sizes[i] ?? 0) + 1), 0)
