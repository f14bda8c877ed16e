import { either as E } from 'fp-ts'
import {
  Random,
  initNetwork,
  logLikelihoodCost,
  sigmoidActivation,
  softmaxActivation,
} from 'nabla'
import { Dataset } from 'nabla/data'
import { Evaluate, Optim, Train } from 'nabla/train'

const split = Dataset.digitsSplit()
if (E.isLeft(split)) throw new Error(split.left)
const { train, test } = split.right
const [network, rng] = initNetwork(
  [64, 30, 10],
  [sigmoidActivation, softmaxActivation],
  Random.seed(0),
)
const trainer = {
  lossAndGrad: Train.backpropLoss(logLikelihoodCost),
  optimizer: Optim.adam(0.005),
  data: Train.datasetSource(train),
  batchSize: 32,
}
const states = Train.training(trainer, { epochs: 10 })(
  Train.initTrainState(network, trainer.optimizer, rng),
)
for (const state of Train.epochEnds(states)) {
  const { accuracy } = Evaluate.evaluate(
    state.params,
    logLikelihoodCost,
    test,
  )
  console.log(state.epoch, state.history.at(-1)?.trainLoss, accuracy)
}
