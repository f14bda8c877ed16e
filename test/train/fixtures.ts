import { either as E } from 'fp-ts'
import {
  Matrix,
  Random,
  initNetwork,
  logLikelihoodCost,
  sigmoidActivation,
  softmaxActivation,
  type Network,
  type Rng,
} from 'nabla'
import { type OptimizerSpec } from '../../src/train/namespaces/Optim.js'
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

/** Every entry of every matrix of a value, with −0 kept apart from 0: a bit-exact fingerprint. */
export const bits = (u: unknown): string =>
  JSON.stringify(u, (_, v: unknown) =>
    Matrix.isMatrix(v)
      ? Matrix.toArray(v).map((x) => (Object.is(x, -0) ? '-0' : x))
      : typeof v === 'function'
        ? 'fn'
        : typeof v === 'number' && !Number.isFinite(v)
          ? String(v)
          : Object.is(v, -0)
            ? '-0'
            : v,
  )

/** Adam on a cosine schedule with L2 weight decay: the optimizer spec with the most parts. */
export const adamSpec: Extract<OptimizerSpec, { readonly kind: 'adam' }> = {
  kind: 'adam',
  schedule: { kind: 'cosine', lr: 0.01, steps: 100, alpha: 0 },
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  weightDecay: { lambda: 1, n: 200 },
}
