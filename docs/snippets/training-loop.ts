import assert from 'node:assert/strict'
import { Matrix, Random, add, matmul, mean, square, sub } from 'nabla'
import { Optim, Train } from 'nabla/train'

// data: y = 2x₁ − x₂ + 0.5 plus a little noise, 256 examples as columns
const [x, r1] = Random.normal(2, 256, Random.seed(7))
const [noise, r2] = Random.normal(1, 256, r1, { std: 0.01 })
const truth = { w: Matrix.row([2, -1]), b: 0.5 }
const y = add(add(matmul(truth.w, x), truth.b), noise)

// any model: a loss of a parameter tree and a batch, differentiated by grad
type Params = { readonly w: Matrix; readonly b: number }
type Batch = { readonly x: Matrix; readonly y: Matrix }
const loss = (p: Params, batch: Batch): number =>
  mean(square(sub(add(matmul(p.w, batch.x), p.b), batch.y)))

const trainer = {
  lossAndGrad: Train.lossAndGradOf(loss),
  optimizer: Optim.momentum(0.05, 0.9),
  // a source of mini-batches: the examples with these indices
  data: {
    size: 256,
    batch: (is: ReadonlyArray<number>): Batch => ({
      x: Matrix.selectCols(x, is),
      y: Matrix.selectCols(y, is),
    }),
  },
  batchSize: 32,
}

// a run is a lazy sequence of immutable states; nothing runs until it is read
const start = Train.initTrainState(
  { w: Matrix.row([0, 0]), b: 0 },
  trainer.optimizer,
  r2,
)
const run = Train.training(trainer, { epochs: 50 })(start)
// early stopping: the first epoch end whose training loss is below 10⁻³
const stopped = Train.finalState(
  Train.until(
    Train.epochEnds(run),
    (s) => s.history.at(-1)!.trainLoss < 1e-3,
  ),
)
assert.ok(stopped !== undefined && stopped.epoch < 50)
assert.ok(Math.abs(stopped.params.b - truth.b) < 0.05)

// the same start gives the same run, bit for bit: a run is a value
const again = Train.finalState(
  Train.training(trainer, { epochs: stopped.epoch })(start),
)
assert.deepEqual(
  Matrix.toArray(again!.params.w),
  Matrix.toArray(stopped.params.w),
)
assert.equal(again!.params.b, stopped.params.b)
