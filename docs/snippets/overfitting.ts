import assert from 'node:assert/strict'
import { either as E } from 'fp-ts'
import {
  Matrix,
  Random,
  initNetwork,
  logLikelihoodCost,
  sigmoidActivation,
  softmaxActivation,
  type Network,
} from 'nabla'
import { Dataset } from 'nabla/data'
import { Evaluate, Optim, Train } from 'nabla/train'

const digits = Dataset.digitsSplit()
if (E.isLeft(digits)) throw new Error(digits.left)
const { train: all, test } = digits.right
// the validation set comes out of the training set; the test set is
// left alone. Then train on only 200 of the remaining examples.
const held = Dataset.splitValidation(all, 0.2, Random.seed(1))
const { validation } = held
const train = Dataset.take(held.train, 200)

// 64-30-10, Adam at η = 0.01, mini-batches of 10, with L2 weight decay
// λ: the gradient of C₀ + (λ/2n) Σ w² is ∂C₀/∂w + (λ/n) w
const run = (lambda: number, seed: number, epochs: number) => {
  const [network, rng] = initNetwork(
    [64, 30, 10],
    [sigmoidActivation, softmaxActivation],
    Random.seed(seed),
  )
  const decay = Optim.weightDecay(lambda / 200, Optim.networkWeights)
  const optimizer = Optim.chain(decay, Optim.adam(0.01))
  const trainer = {
    lossAndGrad: Train.backpropLoss(logLikelihoodCost),
    optimizer,
    data: Train.datasetSource(train),
    batchSize: 10,
    // after every epoch: cost and accuracy on the 200 training
    // examples, on the validation set and on the test set
    evaluate: Evaluate.validationEvaluation(logLikelihoodCost, validation, {
      train,
      test,
    }),
  }
  const start = Train.initTrainState(network, optimizer, rng)
  // patience = epochs: watch the whole run, keep the best epoch
  return Train.earlyStopping({ patience: epochs })(
    Train.training(trainer, { epochs })(start),
  )!
}

export const plain = run(0, 1, 100)
export const decayed = run(0.1, 1, 100)

const at = (r: typeof plain, epoch: number, key: string): number =>
  r.last.history[epoch - 1]!.evaluation[key]!
const sumOfSquares = (n: Network): number =>
  n.layers.reduce(
    (s, l) => s + Matrix.toArray(l.w).reduce((t, w) => t + w * w, 0),
    0,
  )

const r3 = (x: number): number => Number(x.toFixed(3))
const wrong = (
  r: typeof plain,
  epoch: number,
  set: 'validation' | 'test',
) =>
  Math.round(
    (1 - at(r, epoch, `${set}Accuracy`)) * (set === 'test' ? 300 : 299),
  )

// without decay, the training cost keeps falling, to every one of the
// 200 training examples right, while the validation cost is lowest at
// epoch 31 and then turns up: the network fits its training set's noise
assert.equal(plain.best!.epoch, 31)
assert.equal(r3(at(plain, 31, 'trainCost')), 0.027)
assert.equal(r3(at(plain, 100, 'trainCost')), 0.003)
assert.equal(at(plain, 100, 'trainAccuracy'), 1)
assert.equal(r3(at(plain, 31, 'validationCost')), 0.407)
assert.equal(r3(at(plain, 100, 'validationCost')), 0.469)
assert.equal(r3(at(plain, 100, 'testCost')), 0.511)

// with λ = 0.1 the weights stay small (Σw² a third), the validation
// cost is lowest at epoch 88 and ends below the plain run's best
assert.equal(Math.round(sumOfSquares(plain.last.params)), 1403)
assert.equal(Math.round(sumOfSquares(decayed.last.params)), 449)
assert.equal(decayed.best!.epoch, 88)
assert.equal(r3(at(decayed, 100, 'validationCost')), 0.364)
assert.equal(r3(at(decayed, 100, 'testCost')), 0.344)
// it fits the training set less well (cost 0.029 against 0.003), and its
// validation cost is lower at epoch 100 than at 31 (0.394)
assert.equal(r3(at(decayed, 100, 'trainCost')), 0.029)
assert.equal(r3(at(decayed, 31, 'validationCost')), 0.394)
assert.ok(at(decayed, 100, 'validationCost') < plain.best!.value)

// the errors move much less than the costs: of the 299 validation and
// 300 test examples, the plain run ends with 31 and 38 wrong, the
// decayed one with 30 and 35
assert.deepEqual(
  [wrong(plain, 100, 'validation'), wrong(plain, 100, 'test')],
  [31, 38],
)
assert.deepEqual(
  [wrong(decayed, 100, 'validation'), wrong(decayed, 100, 'test')],
  [30, 35],
)

// restarts: the same network and data from the initial weights of other
// seeds, 60 epochs each, without decay
export const restarts = [1, 2, 3, 4, 5].map((seed) => {
  const r = run(0, seed, 60)
  return {
    seed,
    best: r.best!.epoch,
    atBest: wrong(r, r.best!.epoch, 'validation'),
    final: wrong(r, 60, 'validation'),
  }
})
// validation examples wrong (of 299) at epoch 60, and the best epoch
// by the validation cost with the examples wrong there
assert.deepEqual(
  restarts.map((r) => [r.seed, r.final, r.best, r.atBest]),
  [
    [1, 33, 31, 31],
    [2, 31, 28, 31],
    [3, 31, 36, 29],
    [4, 29, 32, 31],
    [5, 26, 37, 26],
  ],
)
// from 26 to 33 wrong: 8.7% to 11.0%, a spread of 2.3 points
const finals = restarts.map((r) => r.final)
assert.deepEqual([Math.min(...finals), Math.max(...finals)], [26, 33])
assert.deepEqual(
  [26, 33].map((k) => Number(((100 * k) / 299).toFixed(1))),
  [8.7, 11.0],
)
