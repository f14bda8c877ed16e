import * as fc from 'fast-check'
import {
  Matrix,
  activations,
  costs,
  feedforward,
  type Activation,
  type ActivationName,
  type Cost,
  type Network,
} from '../../src/index.js'

/**
 * A network, a cost it can be trained with, and a mini-batch for it: the
 * cases of the backpropagation laws.
 *
 * @category arbitraries
 */
export interface NetworkCase {
  readonly network: Network
  readonly cost: Cost
  /** Inputs, n₀ × batch. */
  readonly x: Matrix
  /** Targets, n_L × batch. */
  readonly y: Matrix
}

/** @category arbitraries */
export interface NetworkConstraints {
  /** Most layers (default 3). */
  readonly maxLayers?: number
  /** Largest width of any layer, input included (default 4). */
  readonly maxWidth?: number
  /** Largest batch (default 4). */
  readonly maxBatch?: number
  /** Hidden activations to draw from (default sigmoid, tanh, relu, identity). */
  readonly hidden?: ReadonlyArray<ActivationName>
}

/** Entries in [−1, 1] in steps of 2⁻¹⁰: weights, biases and inputs of moderate size, so z stays where σ is not flat. */
const unit = fc.integer({ min: -1024, max: 1024 }).map((k) => k / 1024)

const matrixOf = (rows: number, cols: number, entry: fc.Arbitrary<number> = unit): fc.Arbitrary<Matrix> =>
  fc.array(entry, { minLength: rows * cols, maxLength: rows * cols }).map((xs) => Matrix.fromArray(rows, cols, xs))

/** The output activation and cost pairs the laws cover: each cost with the outputs it is meant for, and a general pair. */
const outputs: ReadonlyArray<readonly [ActivationName, keyof typeof costs]> = [
  ['sigmoid', 'quadratic'],
  ['tanh', 'quadratic'],
  ['identity', 'quadratic'],
  ['sigmoid', 'crossEntropy'],
  ['softmax', 'logLikelihood'],
  ['softmax', 'quadratic'],
]

/** Whether any relu layer has a weighted input too close to its kink for a finite difference to be meaningful. */
const nearKink = ({ network, x }: NetworkCase): boolean => {
  const { zs } = feedforward(network)(x)
  return network.layers.some(
    (layer, i) => layer.activation.name === 'relu' && Matrix.toArray(zs[i] as Matrix).some((z) => Math.abs(z) < 1e-3),
  )
}

/**
 * Random networks with their costs and batches: 1 to 3 layers, widths 1 to
 * 4, hidden activations among sigmoid, tanh, relu and identity, every
 * output/cost pair (quadratic with several outputs, cross-entropy with
 * sigmoid, log-likelihood with softmax, and softmax with quadratic, which
 * exercises the general form of BP1), batches of 1 to 4 examples. Targets
 * are one-hot for log-likelihood and in [0, 1] otherwise. Cases with a relu
 * input within 10⁻³ of its kink are left out, since no finite difference
 * can check a derivative there.
 *
 * @category arbitraries
 */
export const networkCases = (constraints: NetworkConstraints = {}): fc.Arbitrary<NetworkCase> => {
  const maxWidth = constraints.maxWidth ?? 4
  const hidden = constraints.hidden ?? ['sigmoid', 'tanh', 'relu', 'identity']
  return fc
    .record({
      widths: fc.array(fc.integer({ min: 1, max: maxWidth }), {
        minLength: 2,
        maxLength: (constraints.maxLayers ?? 3) + 1,
      }),
      hiddenActs: fc.array(fc.constantFrom(...hidden), { minLength: 3, maxLength: 3 }),
      output: fc.constantFrom(...outputs),
      batch: fc.integer({ min: 1, max: constraints.maxBatch ?? 4 }),
    })
    .chain(({ widths, hiddenActs, output, batch }) => {
      const [outAct, costName] = output
      const sizes = outAct === 'softmax' && (widths.at(-1) ?? 1) < 2 ? [...widths.slice(0, -1), 2] : widths
      const nOut = sizes.at(-1) ?? 1
      const layerArbs = sizes.slice(1).map((n, i) => {
        const act: Activation =
          i === sizes.length - 2 ? activations[outAct] : activations[hiddenActs[i % 3] ?? 'sigmoid']
        return fc.record({ w: matrixOf(n, sizes[i] ?? 1), b: matrixOf(n, 1) }).map((p) => ({ ...p, activation: act }))
      })
      const targets =
        costName === 'logLikelihood'
          ? fc
              .array(fc.integer({ min: 0, max: nOut - 1 }), { minLength: batch, maxLength: batch })
              .map((labels) => Matrix.generate(nOut, batch, (i, j) => (labels[j] === i ? 1 : 0)))
          : matrixOf(
              nOut,
              batch,
              unit.map((u) => (u + 1) / 2),
            )
      return fc.record({
        network: fc.tuple(...layerArbs).map((layers) => ({ layers })),
        cost: fc.constant(costs[costName]),
        x: matrixOf(sizes[0] ?? 1, batch),
        y: targets,
      })
    })
    .filter((c) => !nearKink(c))
}
