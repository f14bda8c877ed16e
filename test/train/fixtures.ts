import { either as E } from 'fp-ts'
import {
  Random,
  initNetwork,
  logLikelihoodCost,
  sigmoidActivation,
  softmaxActivation,
  type Network,
  type Rng,
} from 'nabla'
import { digitsSplit, take, type Dataset } from 'nabla/dataset'

/** A small slice of the embedded digits: 200 training and 100 held-out examples. */
export const smallDigits = (): { readonly train: Dataset; readonly test: Dataset } => {
  const split = digitsSplit()
  if (E.isLeft(split)) throw new Error(split.left)
  return { train: take(split.right.train, 200), test: take(split.right.test, 100) }
}

/** A 64-8-10 network (sigmoid hidden, softmax output) and the generator state after drawing it. */
export const smallNetwork = (seed: number = 1): readonly [Network, Rng] =>
  initNetwork([64, 8, 10], [sigmoidActivation, softmaxActivation], Random.seed(seed))

export const cost = logLikelihoodCost
