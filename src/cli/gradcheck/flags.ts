/**
 * The flags of `nabla gradcheck`, with their help, parsers and defaults.
 * The sizes are bounded: central differences take two passes over the
 * mini-batch per parameter.
 *
 * @module
 */
import type { ActivationName } from '../../backprop/Activation.js'
import type { CostName } from '../../backprop/Cost.js'
import { defaulted, helpText, switchFlag } from '../args.js'
import { ALL_ACTIVATIONS, parseCost } from '../choices.js'
import { parseSeedText } from '../seed.js'
import { integerIn, layerSizes, numberIn, oneOf } from '../values.js'

/** The most examples, neurons per layer and parameters of a check (central differences cost 2 passes per parameter). */
const MAX_EXAMPLES = 1000
const MAX_LAYER_SIZE = 100
/** The most parameters of a checked network. */
export const MAX_PARAMETERS: number = 5000
/**
 * The most work of a check, in entries computed: central differences take
 * two forward passes (each about parameters × examples) per parameter and
 * per weighted input (neurons × examples of them). 10⁸ takes about three
 * seconds (4,970 parameters with 10 examples take 7).
 */
export const MAX_WORK: number = 1e8

/** The work of a check of a network with these layer sizes on m examples (see {@link MAX_WORK}). */
export const checkWork = (layers: ReadonlyArray<number>, params: number, m: number): number =>
  (params + layers.slice(1).reduce((n, s) => n + s, 0) * m) * params * m

/** The flags of `nabla gradcheck`, by setting. */
export const gradcheckFlags = {
  layers: defaulted<ReadonlyArray<number>>({
    name: 'layers',
    value: 'SIZES',
    help: `layer sizes of the random network, input to output, each at most ${String(MAX_LAYER_SIZE)}`,
    parse: layerSizes(MAX_LAYER_SIZE),
    default: [4, 5, 3],
    defaultText: '4,5,3',
  }),
  activation: defaulted<ActivationName>({
    name: 'activation',
    value: 'NAME',
    help: `activation of the hidden layers: ${ALL_ACTIVATIONS.join(', ')}`,
    parse: oneOf(ALL_ACTIVATIONS),
    default: 'sigmoid',
  }),
  outputActivation: defaulted<ActivationName>({
    name: 'output-activation',
    value: 'NAME',
    help: 'activation of the output layer',
    parse: oneOf(ALL_ACTIVATIONS),
    default: 'sigmoid',
  }),
  cost: defaulted<CostName>({
    name: 'cost',
    value: 'NAME',
    help: 'quadratic, cross-entropy, log-likelihood',
    parse: parseCost,
    default: 'quadratic',
  }),
  examples: defaulted({
    name: 'examples',
    value: 'M',
    help: 'examples (columns) in the random mini-batch',
    parse: integerIn(1, MAX_EXAMPLES),
    default: 3,
  }),
  seed: defaulted<bigint>({
    name: 'seed',
    value: 'N',
    help: 'seed of the network, inputs and targets, a 64-bit integer',
    parse: parseSeedText,
    default: 0n,
  }),
  tolerance: defaulted({
    name: 'tolerance',
    value: 'TOL',
    help: 'largest relative error ‖a − b‖ / max(‖a‖, ‖b‖) of a gradient that passes',
    parse: numberIn({ low: 0 }),
    default: 1e-6,
  }),
  help: switchFlag('help', 'show this help'),
}

/** The help of `nabla gradcheck`. */
export const gradcheckHelp: string = helpText(
  'nabla gradcheck [options]',
  'Checks backpropagation on a random network: each of the four equations BP1–BP4, and\n' +
    'the whole gradient, against central differences of the cost (and the gradient against\n' +
    "nabla's reverse-mode grad). Prints the worst relative error of each, the forward passes\n" +
    'the gradient by central differences took and its time against backprop, and a verdict;\n' +
    'exits with 1 if any check fails. (relu has a kink at 0: a difference taken across it\n' +
    `can fail by chance.) A check has at most ${String(MAX_PARAMETERS)} parameters; large networks take fewer\n` +
    'examples (a check that would take more than a few seconds is refused).',
  gradcheckFlags,
)
