import { describe, expect, it } from 'vitest'
import { either as E } from 'fp-ts'
import { Matrix, identityActivation, networkCost, quadraticCost, type Network } from 'nabla'
import { accuracy, confusionMatrix, evaluate, predictClasses } from '../../src/train/namespaces/Evaluate.js'
import { dataset, targets } from 'nabla/dataset'
import { cost, smallDigits, smallNetwork } from './fixtures.js'

// A 3-class "network" whose output is its input (w = I, b = 0, identity activation),
// so that the predicted class of a column is simply the row of its largest entry.
const identityNet: Network = {
  layers: [{ w: Matrix.identity(3), b: Matrix.zeros(3, 1), activation: identityActivation }],
}
// columns:          0    1    2    3    4    5
// largest in row:   0    1    2    2    0    1
// label:            0    1    2    0    0    2
const x = Matrix.fromRows([
  [0.9, 0.1, 0.0, 0.3, 0.5, 0.2],
  [0.05, 0.8, 0.1, 0.3, 0.4, 0.7],
  [0.05, 0.1, 0.9, 0.4, 0.1, 0.1],
])
const labels = [0, 1, 2, 0, 0, 2]
const tiny = (() => {
  const d = dataset({ name: 'tiny', x, labels, classes: 3 })
  if (E.isLeft(d)) throw new Error(d.left)
  return d.right
})()

describe('evaluation on a tiny hand-made case', () => {
  it('predicts the argmax of each output column', () => {
    expect(predictClasses(identityNet, tiny)).toEqual([0, 1, 2, 2, 0, 1])
  })

  it('accuracy = correct / total: 4 of 6', () => {
    const e = evaluate(identityNet, quadraticCost, tiny)
    expect(e.correct).toBe(4)
    expect(e.total).toBe(6)
    expect(e.accuracy).toBe(4 / 6)
    expect(accuracy(e.predictions, labels)).toBe(4 / 6)
  })

  it('confusion matrix: rows are true classes, columns predictions', () => {
    // true 0 → predicted 0 (columns 0, 4) and 2 (column 3); true 1 → 1; true 2 → 2 (col 2) and 1 (col 5)
    expect(confusionMatrix(predictClasses(identityNet, tiny), labels, 3)).toEqual([
      [2, 0, 1],
      [0, 1, 0],
      [0, 1, 1],
    ])
  })

  it('the cost is the mean over the examples, whatever the chunk size', () => {
    const whole = networkCost(quadraticCost)(identityNet, x, targets(tiny))
    ;[1, 2, 4, 6, 1000].forEach((chunkSize) => {
      expect(evaluate(identityNet, quadraticCost, tiny, { chunkSize }).cost).toBeCloseTo(whole, 14)
      expect(predictClasses(identityNet, tiny, { chunkSize })).toEqual([0, 1, 2, 2, 0, 1])
    })
    expect(() => evaluate(identityNet, quadraticCost, tiny, { chunkSize: 0 })).toThrow(RangeError)
  })

  it('on digits, chunked and whole evaluation agree', () => {
    const { test } = smallDigits()
    const [net] = smallNetwork(3)
    const a = evaluate(net, cost, test, { chunkSize: 7 })
    const b = evaluate(net, cost, test, { chunkSize: 1000 })
    expect(a.predictions).toEqual(b.predictions)
    expect(a.cost).toBeCloseTo(b.cost, 12)
    const rows = confusionMatrix(a.predictions, test.labels, 10)
    expect(rows.flat().reduce((s, c) => s + c, 0)).toBe(100)
    expect(rows.reduce((s, r, i) => s + r[i]!, 0)).toBe(a.correct)
  })
})
