import { describe, expect, it } from 'vitest'
import * as nabla from 'nabla'
import * as data from 'nabla/data'
import * as dataset from 'nabla/dataset'
import * as extend from 'nabla/extend'
import * as laws from 'nabla/laws'
import * as matrix from 'nabla/matrix'
import * as node from 'nabla/node'
import * as train from 'nabla/train'
import {
  matrixOperations,
  matrixResistsWrites,
  opsLeaveInputsUnchanged,
  opsReturnFrozenValues,
  unfrozenExports,
} from 'nabla/laws'
import { checkLaw } from 'nabla/laws'
import { buffer } from '../../src/matrix/internal.js'
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

describe('a matrix cannot be changed from plain JavaScript', () => {
  testLaw(matrixResistsWrites(), 100)

  it('has no buffer to reach: no data field, nothing in its own properties', () => {
    const m = nabla.Matrix.fromRows([[1, 2]])
    expect('data' in m).toBe(false)
    expect(Reflect.ownKeys(m).map(String).sort()).toEqual(['_tag', 'cols', 'rows'])
    expect(Object.isFrozen(Object.getPrototypeOf(m))).toBe(true)
  })

  it('an object shaped like a matrix is not one', () => {
    const fake = { _tag: 'Matrix', rows: 1, cols: 1, data: Float64Array.of(1) }
    expect(nabla.Matrix.isMatrix(fake)).toBe(false)
    expect(() => nabla.Matrix.toArray(fake as unknown as nabla.Matrix)).toThrow(/expected a Matrix/)
  })

  it("the law catches a write that gets through (here by the kernels' own accessor), on a 1×1 matrix", () => {
    // what `m.data.fill(42)` did when the buffer was a public field
    // a fixed seed, as for every asserted shrink size (over seeds 1–85 it was 1×1 every time)
    const report = checkLaw(
      matrixResistsWrites([{ name: 'write through the buffer', run: (m) => buffer(m).fill(42) }]),
      { seed: 42 },
    )
    expect(report.failed).toBe(true)
    expect(nabla.Matrix.size(report.counterexample![0])).toBe(1)
  })
})

describe('no exported record can be changed for the whole process', () => {
  it.each([
    ['nabla', nabla],
    ['nabla/matrix', matrix],
    ['nabla/train', train],
    ['nabla/data', data],
    ['nabla/dataset', dataset],
    ['nabla/node', node],
    ['nabla/extend', extend],
    ['nabla/laws', laws],
  ] as const)('every plain object and array reachable from the exports of %s is frozen', (_, module) => {
    expect(unfrozenExports(module)).toEqual([])
  })

  it('the worked example and the activations are frozen: writing to them throws', () => {
    expect(() => {
      ;(nabla.mazurExample as { eta: number }).eta = 5
    }).toThrow(TypeError)
    expect(() => {
      ;(nabla.identityActivation as { name: string }).name = 'relu'
    }).toThrow(TypeError)
  })
})
