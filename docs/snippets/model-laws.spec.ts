// test/model.test.ts in your project: nabla's derivative laws on a model
import { test } from '@fast-check/vitest'
import { describe } from 'vitest'
import { Matrix, logSumExp, matmul, tanh } from 'nabla'
import { casesOf, derivativeLaws, matrix } from 'nabla/laws'

const x = Matrix.fromRows([
  [1, -1, 0],
  [0.5, 2, 1],
])
const model = (w: Matrix): number => logSumExp(tanh(matmul(w, x)))

describe('model', () => {
  const weights = matrix({ rows: 3, cols: 2, min: -2, max: 2 })
  derivativeLaws(casesOf(model, weights), 'model').forEach((law) => {
    test.prop([law.arbitrary], { numRuns: 25 })(law.name, law.holds)
  })
})
