/**
 * What the browser test runs in Chromium and in Node, to compare: a
 * gradient with the root, the embedded digits decoded with `nabla/data`
 * (gzip included), one epoch of training with `nabla/train`, a new
 * primitive declared with `nabla/extend`, and the backend that ran the
 * products. Everything comes through the public entry points, as a user's
 * bundle would import it.
 */
import { either as E } from 'fp-ts'
import {
  Matrix,
  Random,
  grad,
  initNetwork,
  logLikelihoodCost,
  matmul,
  mul,
  sigmoidActivation,
  softmaxActivation,
  square,
  sum,
  type Operand,
} from 'nabla'
import { Dataset } from 'nabla/data'
import { bind, elementwise } from 'nabla/extend'
import { Evaluate, Optim, Train } from 'nabla/train'

/** The results, as plain JSON that crosses from the page to the test unchanged (numbers as strings: bit for bit). */
export interface ProgramResult {
  readonly gradient: ReadonlyArray<ReadonlyArray<string>>
  readonly digits: { readonly rows: number; readonly cols: number; readonly labelCounts: ReadonlyArray<number> }
  readonly trainLoss: string
  readonly accuracy: string
  readonly cube: ReadonlyArray<string>
  /** The kernel backend of the products: `wasm` where WebAssembly SIMD runs. */
  readonly backend: string
}

const text = (x: number): string => (Object.is(x, -0) ? '-0' : String(x))

export const run = (): ProgramResult => {
  // CS231n: ∇_W ‖Wx‖² = 2(Wx)xᵀ
  const w = Matrix.fromRows([
    [0.1, 0.5],
    [-0.3, 0.8],
  ])
  const x = Matrix.column([0.2, 0.4])
  const gradient = Matrix.toRows(grad((p: Matrix) => sum(square(matmul(p, x))))(w)).map((r) => r.map(text))

  const digits = Dataset.loadDigits()
  if (E.isLeft(digits)) throw new Error(digits.left)
  const split = Dataset.digitsSplit()
  if (E.isLeft(split)) throw new Error(split.left)
  const { train, test } = split.right
  const [network, rng] = initNetwork([64, 16, 10], [sigmoidActivation, softmaxActivation], Random.seed(1))
  const trainer = {
    lossAndGrad: Train.backpropLoss(logLikelihoodCost),
    optimizer: Optim.adam(0.01),
    data: Train.datasetSource(train),
    batchSize: 50,
  }
  const state = Train.trainEpoch(trainer)(Train.initTrainState(network, trainer.optimizer, rng))
  const { accuracy } = Evaluate.evaluate(state.params, logLikelihoodCost, test)

  const cubePrim = elementwise({ name: 'cube', f: (v) => v * v * v, derivative: (v) => mul(3, mul(v, v)) })
  const cube = (v: Operand): Operand => bind(cubePrim, [v], undefined)
  const cubeGradient = grad((v: Matrix) => sum(cube(v)))(Matrix.row([1, -2, 0.5]))

  return {
    gradient,
    digits: { rows: digits.right.x.rows, cols: digits.right.x.cols, labelCounts: Dataset.labelCounts(digits.right) },
    trainLoss: text(state.history.at(-1)?.trainLoss ?? Number.NaN),
    accuracy: text(accuracy),
    cube: Matrix.toArray(cubeGradient).map(text),
    backend: Matrix.backend(),
  }
}
