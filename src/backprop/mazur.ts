import type { Matrix } from '../matrix/Matrix.js'
import { column, fromRows } from '../matrix/construct.js'
import { sigmoidActivation } from './Activation.js'
import type { Network } from './Network.js'
import { deepFreeze } from '../matrix/freeze.js'
import { trace } from '../ad/traced.js'
import { tracedAdjoints, tracedSvg } from '../ad/tracedGraph.js'
import { networkCost } from './backprop.js'
import { quadraticCost } from './Cost.js'

/**
 * The worked example of Matt Mazur's "A Step by Step Backpropagation
 * Example" (2015): two inputs, two hidden neurons, two outputs, sigmoid
 * everywhere, the quadratic cost E = Σ ½(target − out)², one example.
 *
 * His weights w1…w8 in the textbook's layout (row j of wˡ holds the weights
 * into neuron j of layer l): w¹ = [[w1, w2], [w3, w4]] (into h1, h2),
 * w² = [[w5, w6], [w7, w8]] (into o1, o2). His biases b1 = 0.35 and
 * b2 = 0.60 are shared by the neurons of a layer and are not updated.
 *
 * @category examples
 */
export interface MazurExample {
  readonly network: Network
  /** The input (i1, i2) = (0.05, 0.10), as a column. */
  readonly x: Matrix
  /** The targets (0.01, 0.99), as a column. */
  readonly y: Matrix
  /** The learning rate η = 0.5. */
  readonly eta: number
}

/** Mazur's network, input, targets and learning rate. @category examples */
export const mazurExample: MazurExample = deepFreeze({
  network: {
    layers: [
      {
        w: fromRows([
          [0.15, 0.2],
          [0.25, 0.3],
        ]),
        b: column([0.35, 0.35]),
        activation: sigmoidActivation,
      },
      {
        w: fromRows([
          [0.4, 0.45],
          [0.5, 0.55],
        ]),
        b: column([0.6, 0.6]),
        activation: sigmoidActivation,
      },
    ],
  },
  x: column([0.05, 0.1]),
  y: column([0.01, 0.99]),
  eta: 0.5,
})

/**
 * The computation graph of Mazur's example: the cost E as a function of
 * the four parameters w¹, b¹, w², b², traced (`trace`), with the value of
 * every intermediate (his net and out values of each neuron, E = 0.298371109)
 * and, from the backward pass, its gradient (his ∂E/∂w5 = 0.082167041,
 * ∂E/∂w1 = 0.000438568), drawn as an SVG document (`tracedSvg`).
 *
 * @category examples
 */
export const mazurGraphSvg = (): string => {
  const { network, x, y } = mazurExample
  const withParams = (ps: ReadonlyArray<Matrix>): Network => ({
    layers: network.layers.map((l, i) => ({ ...l, w: ps[2 * i] as Matrix, b: ps[2 * i + 1] as Matrix })),
  })
  const program = trace((ps: ReadonlyArray<Matrix>) => networkCost(quadraticCost)(withParams(ps), x, y))(
    network.layers.flatMap((l) => [l.w, l.b]),
  )
  return tracedSvg(program, {
    adjoints: tracedAdjoints(program, 1),
    inputNames: ['w¹', 'b¹', 'w²', 'b²'],
    title: "Mazur's worked example: E = ½‖target − out‖², with each value and, in red, its gradient ∂E/∂·",
  })
}
