import assert from 'node:assert/strict'
import { either as E } from 'fp-ts'
import {
  Random,
  crossEntropyCost,
  initNetwork,
  sigmoidActivation,
} from 'nabla'
import { Dataset } from 'nabla/data'
import { Checkpoint, Optim, Train } from 'nabla/train'

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

// the optimizer as data, so that a checkpoint can say which one made its state
const spec: Optim.OptimizerSpec = {
  kind: 'adam',
  schedule: { kind: 'constant', lr: 0.05 },
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  weightDecay: { lambda: 0, n: 4 },
}
const optimizer = Optim.optimizerFromSpec(spec)
const trainer = {
  lossAndGrad: Train.backpropLoss(crossEntropyCost),
  optimizer,
  data: Train.datasetSource(xor.right),
  batchSize: 2,
}
const [network, rng] = initNetwork(
  [2, 4, 2],
  [sigmoidActivation, sigmoidActivation],
  Random.seed(3),
)
const start = Train.initTrainState(network, optimizer, rng)

// train 20 epochs, and checkpoint: the run's description and its whole state
const at20 = Train.finalState(
  Train.training(trainer, { epochs: 20 })(start),
)!
const text = Checkpoint.encodeCheckpoint({
  model: { cost: crossEntropyCost },
  optimizer: spec,
  batchSize: 2,
  meta: { note: 'xor' },
  state: at20,
})

// decoding checks everything (shapes, the optimizer state against init, …)
const decoded = Checkpoint.decodeCheckpoint(text)
if (E.isLeft(decoded)) throw new Error(decoded.left)
// a round trip is exact: encoding the decoded checkpoint gives the same text
assert.equal(Checkpoint.encodeCheckpoint(decoded.right), text)

// resuming for 20 more epochs is the run that was never interrupted, bit for bit
const resumed = Train.finalState(
  Train.training(trainer, { epochs: 40 })(decoded.right.state),
)!
const straight = Train.finalState(
  Train.training(trainer, { epochs: 40 })(start),
)!
assert.equal(
  Checkpoint.encodeCheckpoint({ ...decoded.right, state: resumed }),
  Checkpoint.encodeCheckpoint({ ...decoded.right, state: straight }),
)

// and a damaged file is a Left that says what is wrong, never an exception
const damaged = Checkpoint.decodeCheckpoint(
  text.replace('"adam"', '"adagrad"'),
)
assert.ok(E.isLeft(damaged))
assert.equal(
  damaged.left,
  'invalid Checkpoint:\n  optimizer/kind: expected one of "sgd", "momentum", ' +
    '"adam", "adamw", "rmsprop" (got "adagrad")',
)
