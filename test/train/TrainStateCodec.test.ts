// TrainStateC with parameters of any codec: a run of a linear model { w, b } resumes bit for bit from its JSON.
import { either as E } from 'fp-ts'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { Matrix, Random, add, matmul, mean, square, sub } from 'nabla'
import { NumberC } from '../../src/matrix/json.js'
import { TrainStateC } from '../../src/train/namespaces/Checkpoint.js'
import { adam, type AdamState } from '../../src/train/namespaces/Optim.js'
import {
  finalState,
  initTrainState,
  lossAndGradOf,
  trainStep,
  training,
  type Batch,
  type TrainState,
  type Trainer,
} from '../../src/train/namespaces/Train.js'
import { bits } from './fixtures.js'

interface Linear {
  readonly w: Matrix
  readonly b: number
}
const LinearC = t.type({ w: Matrix.codec, b: NumberC })

const [x] = Random.normal(3, 40, Random.seed(1))
const y = Matrix.add(Matrix.matmul(Matrix.fromRows([[1.5, -2, 0.5]]), x), Matrix.fill(1, 40, 0.25))
const trainer: Trainer<Linear, Batch, AdamState> = {
  lossAndGrad: lossAndGradOf((p: Linear, batch: Batch) => mean(square(sub(add(matmul(p.w, batch.x), p.b), batch.y)))),
  optimizer: adam(0.05),
  data: { size: 40, batch: (idx) => ({ x: Matrix.selectCols(x, idx), y: Matrix.selectCols(y, idx) }) },
  batchSize: 16,
}
const start = initTrainState<Linear, AdamState>({ w: Matrix.zeros(1, 3), b: 0 }, adam(0.05), Random.seed(2))
const codec = TrainStateC(LinearC)

/** A state through JSON text and back, as any TrainState (its optimizer state checked by shape, not by type). */
const throughJson = (s: TrainState<Linear, AdamState>): TrainState<Linear> => {
  const back = codec.decode(JSON.parse(JSON.stringify(codec.encode(s))))
  if (E.isLeft(back)) throw new Error('a state did not read back')
  return back.right
}

describe('TrainStateC', () => {
  it('writes every field but the shuffle cache, and reads back the same state with no cache', () => {
    const mid = trainStep(trainer)(start)
    expect(mid.shuffle).toBeDefined()
    const json = codec.encode(mid)
    expect(Object.keys(json)).toEqual([
      'params',
      'optState',
      'rng',
      'step',
      'epoch',
      'batch',
      'loss',
      'lossSum',
      'examples',
      'history',
    ])
    const back = throughJson(mid)
    expect(back.shuffle).toBeUndefined()
    expect(bits({ ...back, rng: back.rng.state })).toBe(bits({ ...mid, shuffle: undefined, rng: mid.rng.state }))
  })

  it('resumes a model that is no network: 3 epochs straight = 1 epoch and a half, through JSON, and the rest', () => {
    const straight = finalState(training(trainer, { epochs: 3 })(start))!
    const states = [...training(trainer, { epochs: 3 })(start)]
    const half = states[4]! // epoch 2, second of its three mini-batches
    expect([half.epoch, half.batch]).toEqual([1, 2])
    // the decoded optimizer state is any OptState: it is the Adam state this run wrote, as a checkpoint would check
    const resumed = finalState(training(trainer, { epochs: 3 })(throughJson(half) as TrainState<Linear, AdamState>))!
    expect(JSON.stringify(codec.encode(resumed))).toBe(JSON.stringify(codec.encode(straight)))
  })

  it('refuses a state that no run makes, at the state', () => {
    const json = codec.encode(finalState(training(trainer, { epochs: 1 })(start))!)
    const report = (u: unknown): string => {
      const r = Matrix.decodeWith(codec)(u)
      return E.isLeft(r) ? r.left : 'accepted'
    }
    expect(report({ ...json, epoch: 2 })).toMatch(
      /^invalid TrainState:\n {2}\(root\): history has 1 epochs, but epoch is 2/,
    )
    expect(report({ ...json, examples: 5 })).toMatch(/examples must be 0 at the start of an epoch/)
    expect(report({ ...json, shuffle: [0, 1] })).toMatch(/^invalid TrainState:\n {2}shuffle: unknown key/)
    expect(report({ ...json, params: { w: json.params.w } })).toMatch(/params\/b: /)
  })
})
