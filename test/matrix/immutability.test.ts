import { describe, expect, it } from 'vitest'
import * as nabla from 'nabla'
import { matrixOperations, opsLeaveInputsUnchanged, opsReturnFrozenValues } from 'nabla/laws'
import { testLaw } from './prop.js'

/**
 * The public functions of a module, as `name` or `object.method`: every
 * function it exports, and every function-valued own property of the
 * objects it exports (the instances, the codec, the `Random` namespace).
 */
const publicFunctions = (module: object): ReadonlyArray<string> =>
  Object.entries(module).flatMap(([key, value]: [string, unknown]) =>
    typeof value === 'function'
      ? [key]
      : typeof value === 'object' && value !== null
        ? Object.entries(value)
            .filter(([, v]: [string, unknown]) => typeof v === 'function')
            .map(([k]) => `${key}.${k}`)
        : [],
  )

describe('the table of Matrix operations the laws run over', () => {
  const tabled = matrixOperations.map((op) => op.name)

  it('lists every public function of the Matrix module, once', () => {
    expect([...tabled].sort()).toEqual([...publicFunctions(nabla.Matrix)].sort())
    expect(new Set(tabled).size).toBe(tabled.length)
  })

  it('covers the matrix layer exported beside Matrix (Random, ShapeError): they are the same objects', () => {
    expect(nabla.Random).toBe(nabla.Matrix.Random)
    expect(nabla.ShapeError).toBe(nabla.Matrix.ShapeError)
  })
})

describe('every public operation leaves its inputs bit-identical', () => {
  opsLeaveInputsUnchanged().forEach((law) => {
    testLaw(law, 30)
  })
})

describe('every public operation returns frozen matrices and generator states', () => {
  opsReturnFrozenValues().forEach((law) => {
    testLaw(law, 10)
  })
})

describe('what leaves a matrix is a copy', () => {
  it('writing to the arrays that toArray, toRows, toFloat64Array and codec.encode return changes nothing', () => {
    const m = nabla.Matrix.fromRows([
      [1, 2],
      [3, 4],
    ])
    const before = nabla.Matrix.toArray(m)
    nabla.Matrix.toArray(m)[0] = 9
    nabla.Matrix.toRows(m)[0]![0] = 9
    nabla.Matrix.toFloat64Array(m)[0] = 9
    ;(nabla.Matrix.codec.encode(m).data as number[])[0] = 9
    expect(nabla.Matrix.toArray(m)).toEqual(before)
  })

  it('the matrix wrapper is frozen', () => {
    const m = nabla.Matrix.zeros(2, 2)
    expect(() => {
      ;(m as { rows: number }).rows = 3
    }).toThrow(TypeError)
  })
})
