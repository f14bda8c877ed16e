// Checkpoints of runs with early stopping: the best epoch and its network, checked against the history.
import { either as E } from 'fp-ts'
import { describe, expect, it } from 'vitest'
import { Random, initNetwork, modelCodec, sigmoidActivation, softmaxActivation } from 'nabla'
import { splitValidation } from 'nabla/dataset'
import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from '../../src/train/namespaces/Checkpoint.js'
import { optimizerFromSpec } from '../../src/train/namespaces/Optim.js'
import {
  backpropLoss,
  datasetSource,
  earlyStopping,
  initTrainState,
  training,
  validationCost,
} from '../../src/train/namespaces/Train.js'
import { validationEvaluation } from '../../src/train/namespaces/Evaluate.js'
import { adamSpec, bits, cost, smallDigits, smallNetwork } from './fixtures.js'

const { train } = smallDigits()
const { train: fit, validation } = splitValidation(train, 0.5, Random.seed(3))
const spec = { ...adamSpec, schedule: { kind: 'constant', lr: 0.05 } } as const
const optimizer = optimizerFromSpec(spec)
const trainer = {
  lossAndGrad: backpropLoss(cost),
  optimizer,
  data: datasetSource(fit),
  batchSize: 10,
  evaluate: validationEvaluation(cost, validation),
}
const [network, rng] = smallNetwork(4)
const end = earlyStopping({ patience: 2 })(training(trainer, { epochs: 30 })(initTrainState(network, optimizer, rng)))!
const best = end.best!
const checkpoint: Checkpoint = {
  model: { cost },
  optimizer: spec,
  batchSize: 10,
  meta: {},
  state: end.last,
  best: { monitor: validationCost, ...best },
}

const json = (): Record<string, unknown> => JSON.parse(encodeCheckpoint(checkpoint)) as Record<string, unknown>
const refusal = (edit: (j: Record<string, unknown>, b: Record<string, unknown>) => void): string => {
  const j = json()
  edit(j, j['best'] as Record<string, unknown>)
  const r = decodeCheckpoint(JSON.stringify(j))
  if (E.isRight(r)) throw new Error('accepted a bad best epoch')
  return r.left
}

describe('a checkpoint with a best epoch', () => {
  it('is a run that stopped after its best epoch (the case the rest tests)', () => {
    expect(end.stopped).toBe(true)
    expect(best.epoch).toBeLessThan(end.last.epoch)
  })

  it('round-trips bit for bit, the best network included, and writes it last', () => {
    const back = decodeCheckpoint(encodeCheckpoint(checkpoint))
    if (E.isLeft(back)) throw new Error(back.left)
    expect(bits(back.right)).toBe(bits(checkpoint))
    expect(back.right.best?.epoch).toBe(best.epoch)
    expect(Object.keys(json())).toEqual([
      'format',
      'version',
      'model',
      'optimizer',
      'batchSize',
      'meta',
      'state',
      'best',
    ])
    expect(Object.keys(json()['best'] as object)).toEqual(['monitor', 'epoch', 'value', 'params'])
  })

  it('a checkpoint without one has no best key and decodes without one', () => {
    const plain: Checkpoint = { model: checkpoint.model, optimizer: spec, batchSize: 10, meta: {}, state: end.last }
    const text = encodeCheckpoint(plain)
    expect(Object.keys(JSON.parse(text) as object)).not.toContain('best')
    const back = decodeCheckpoint(text)
    expect(E.isRight(back) && !('best' in back.right)).toBe(true)
  })

  it('is refused when it is not the best epoch of the history', () => {
    expect(
      refusal((_, b) => {
        b['epoch'] = end.last.epoch
      }),
    ).toMatch(new RegExp(`best: the best epoch by validationCost is ${String(best.epoch)} \\(`))
  })

  it('is refused when its value is not its epoch’s', () => {
    expect(
      refusal((_, b) => {
        b['value'] = best.value / 2
      }),
    ).toContain(`is ${String(best.epoch)} (${String(best.value)}), not ${String(best.epoch)}`)
  })

  it('is refused when its metric was never measured', () => {
    expect(
      refusal((_, b) => {
        b['monitor'] = { key: 'testCost', mode: 'min' }
      }),
    ).toContain('no epoch of the history measured testCost')
  })

  it('is refused when its network has another shape than the state’s', () => {
    const [other] = initNetwork([64, 9, 10], [sigmoidActivation, softmaxActivation], Random.seed(1))
    const otherJson = { layers: modelCodec.encode({ network: other, cost }).layers }
    expect(
      refusal((_, b) => {
        b['params'] = otherJson
      }),
    ).toContain('its network does not have the shape of the state')
  })

  it('is refused with the path of a bad field', () => {
    expect(
      refusal((_, b) => {
        b['monitor'] = { key: 'validationCost', mode: 'up' }
      }),
    ).toMatch(/best.*monitor.*mode/)
  })
})
