import assert from 'node:assert/strict'
import { either as E } from 'fp-ts'
import {
  Matrix,
  Random,
  initNetwork,
  quadraticCost,
  predict,
  sigmoidActivation,
  type Network,
} from 'nabla'
import { Dataset } from 'nabla/data'
import { Evaluate, Optim, Train } from 'nabla/train'

// Welch Labs' three students: (hours slept, hours studied) → test score
const scores = Dataset.regression({
  name: 'test scores',
  x: Dataset.examplesAsColumns([
    [3, 5],
    [5, 1],
    [10, 2],
  ]),
  y: Matrix.fromRows([[75, 82, 93]]),
  targetNames: ['score'],
})
if (E.isLeft(scores)) throw new Error(scores.left)

// X / max(X) for each feature, as the tutorial scales them; y / 100, the
// top score, so that the sigmoid output can reach every target
const { features } = Dataset.maxScaling(scores.right)
assert.deepEqual(features, [10, 5])
const scaled = Dataset.scale(scores.right, { features, targets: [100] })
const inPoints = { targetScale: [100] } // RMSE in points, not hundredths

// the 2-3-1 network of sigmoid neurons, the quadratic cost, and full-batch
// Adam: every step sees the three students
const [initial, rng] = initNetwork(
  [2, 3, 1],
  [sigmoidActivation, sigmoidActivation],
  Random.seed(0),
)
const trainer = {
  lossAndGrad: Train.backpropLoss(quadraticCost),
  optimizer: Optim.adam(0.05),
  data: Train.datasetSource(scaled),
  batchSize: 3,
}
const start = Train.initTrainState(initial, trainer.optimizer, rng)
export const epochs = 200
export const trained: Network = Train.finalState(
  Train.training(trainer, { epochs })(start),
)!.params

const rmse = (n: Network): number =>
  Evaluate.evaluateRegression(n, quadraticCost, scaled, inPoints).rmse
export const before = rmse(initial)
export const after = rmse(trained)
// from 14 points off to a fifth of a point, in 200 steps
assert.equal(before.toFixed(2), '14.33')
assert.equal(after.toFixed(2), '0.19')

// the predicted scores, back in points
export const predicted = Matrix.toArray(predict(trained)(scaled.x)).map(
  (a) => 100 * a,
)
assert.deepEqual(
  predicted.map((p) => p.toFixed(1)),
  ['75.0', '82.1', '92.7'],
)
