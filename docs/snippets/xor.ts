import assert from 'node:assert/strict'
import { either as E } from 'fp-ts'
import {
  Random,
  crossEntropyCost,
  initNetwork,
  sigmoidActivation,
  type Network,
} from 'nabla'
import { Dataset } from 'nabla/data'
import { Evaluate, Optim, Train } from 'nabla/train'

const xor = Dataset.fromExamples({
  name: 'xor',
  examples: [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ],
  labels: [0, 1, 1, 0],
  classes: 2,
})
if (E.isLeft(xor)) throw new Error(xor.left)

// 1000 full-batch Adam steps from the initial weights of a seed
const trained = (sizes: ReadonlyArray<number>, seed: number): Network => {
  const activations = sizes.slice(1).map(() => sigmoidActivation)
  const [network, rng] = initNetwork(sizes, activations, Random.seed(seed))
  const trainer = {
    lossAndGrad: Train.backpropLoss(crossEntropyCost),
    optimizer: Optim.adam(0.1),
    data: Train.datasetSource(xor.right),
    batchSize: 4,
  }
  const start = Train.initTrainState(network, trainer.optimizer, rng)
  return Train.finalState(Train.training(trainer, { epochs: 1000 })(start))!
    .params
}
const accuracy = (n: Network): number =>
  Evaluate.evaluate(n, crossEntropyCost, xor.right).accuracy

// no hidden layer: one line through the plane, which cannot put (0, 1) and
// (1, 0) on one side and (0, 0) and (1, 1) on the other; training ends at
// the symmetric point, every output ½, and half the points right
export const singleLayer = trained([2, 2], 0)
assert.equal(accuracy(singleLayer), 0.5)

// one hidden layer of three units separates them
export const hidden = trained([2, 3, 2], 0)
assert.equal(accuracy(hidden), 1)

// … from most starting points: seed 2 ends in a local minimum, 3 of 4 right
export const stuck = trained([2, 3, 2], 2)
assert.equal(accuracy(stuck), 0.75)
