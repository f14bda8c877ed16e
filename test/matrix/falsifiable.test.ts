/**
 * A law that cannot fail proves nothing: each law below is given a
 * deliberately wrong operation and must report a failure, shrunk to a small
 * counterexample.
 */
import { describe, expect, it } from 'vitest'
import * as t from 'io-ts'
import { Matrix } from 'nabla'
import { buffer } from '../../src/matrix/internal.js'
import {
  checkLaw,
  codecRoundTrips,
  decodeNeverThrows,
  identityIsNeutralForMatmul,
  matmulIsAssociative,
  matmulMatchesNaiveProduct,
  binaryOpsRejectMismatchedShapes,
  matrixOperations,
  opsLeaveInputsUnchanged,
  zerosAreAdditiveIdentity,
} from 'nabla/laws'

/** The next float64 above x. */
const nextUp = (x: number): number => {
  const bits = new BigInt64Array(Float64Array.of(x === 0 ? 0 : x).buffer)[0]!
  return new Float64Array(BigInt64Array.of(x >= 0 ? bits + 1n : bits - 1n).buffer)[0]!
}

/** The entries of a counterexample that are not +0: what is left once shrinking has zeroed the rest. */
const notZero = (counterexample: unknown): ReadonlyArray<number> =>
  Array.isArray(counterexample)
    ? counterexample.flatMap(notZero)
    : Matrix.isMatrix(counterexample)
      ? Matrix.toArray(counterexample).filter((x) => !Object.is(x, 0))
      : []

/** The number of entries of every matrix in a counterexample. */
const sizes = (counterexample: unknown): ReadonlyArray<number> =>
  Array.isArray(counterexample)
    ? counterexample.flatMap(sizes)
    : Matrix.isMatrix(counterexample)
      ? [Matrix.size(counterexample)]
      : []

describe('the laws catch deliberately wrong operations', () => {
  it('an add that is off by one ulp breaks zerosAreAdditiveIdentity, on a 1×1 matrix', () => {
    const add = (a: Matrix, b: Matrix): Matrix => Matrix.map(Matrix.add(a, b), nextUp)
    const report = checkLaw(zerosAreAdditiveIdentity({ algebra: { add } }))
    expect(report.failed).toBe(true)
    expect(sizes(report.counterexample)).toEqual([1])
  })

  it('a matmul that transposes square left operands breaks identityIsNeutralForMatmul, on a square matrix with one non-zero entry', () => {
    const matmul = (a: Matrix, b: Matrix): Matrix =>
      a.rows === a.cols ? Matrix.matmul(Matrix.transpose(a), b) : Matrix.matmul(a, b)
    const report = checkLaw(identityIsNeutralForMatmul({ algebra: { matmul } }), { numRuns: 300 })
    expect(report.failed).toBe(true)
    expect(notZero(report.counterexample)).toHaveLength(1)
  })

  it('a matmul that skips the last term of each inner sum breaks matmulMatchesNaiveProduct, on one non-zero product', () => {
    const multiply = (a: Matrix, b: Matrix): Matrix =>
      a.cols === 0
        ? Matrix.matmul(a, b)
        : Matrix.matmul(Matrix.sliceCols(a, 0, a.cols - 1), Matrix.sliceRows(b, 0, b.rows - 1))
    const report = checkLaw(matmulMatchesNaiveProduct({ multiply }))
    expect(report.failed).toBe(true)
    expect(notZero(report.counterexample)).toHaveLength(2)
  })

  it('a matmul that rounds to float32 breaks matmulIsAssociative: the tolerance is tight enough to see it', () => {
    const matmul = (a: Matrix, b: Matrix): Matrix => Matrix.map(Matrix.matmul(a, b), Math.fround)
    const report = checkLaw(matmulIsAssociative({ algebra: { matmul } }))
    expect(report.failed).toBe(true)
    expect(notZero(report.counterexample).length).toBeLessThanOrEqual(4)
  })

  it('a codec that writes −0 as 0 breaks codecRoundTrips, on a matrix whose one non-zero entry is −0', () => {
    const lossy = new t.Type<Matrix, unknown>('LossyMatrix', Matrix.codec.is, Matrix.codec.validate, (m) =>
      Matrix.codec.encode(Matrix.map(m, (x) => (x === 0 ? 0 : x))),
    )
    const report = checkLaw(codecRoundTrips({ codec: lossy }), { numRuns: 300 })
    expect(report.failed).toBe(true)
    expect(notZero(report.counterexample)).toEqual([-0])
  })

  it('a decoder that stringifies its input breaks decodeNeverThrows (bigints make JSON.stringify throw)', () => {
    const fragile = new t.Type<Matrix, unknown>(
      'FragileMatrix',
      Matrix.codec.is,
      (u, c) => (JSON.stringify(u) === '"never"' ? t.failure(u, c) : Matrix.codec.validate(u, c)),
      Matrix.codec.encode,
    )
    const report = checkLaw(decodeNeverThrows({ codec: fragile }), { numRuns: 300 })
    expect(report.failed).toBe(true)
    expect(String(report.errorInstance)).toMatch(/BigInt/)
  })

  it('an operation that writes into its input breaks opsLeaveInputsUnchanged', () => {
    const add = matrixOperations.find((op) => op.name === 'add')!
    // nabla's add, with a write through the buffer behind its first operand: only code inside the
    // library can reach it (the kernels' accessor), which is what this law guards
    const sneaky = {
      name: 'sneakyAdd',
      calls: add.calls.map((call) => ({
        ...call,
        run: () => {
          const a = call.inputs[0] as Matrix
          if (Matrix.size(a) > 0) buffer(a)[0] = -0
          return call.run()
        },
      })),
    }
    const report = checkLaw(opsLeaveInputsUnchanged([sneaky])[0]!)
    expect(report.failed).toBe(true)
  })

  it('an operation that does not check shapes breaks binaryOpsRejectMismatchedShapes', () => {
    const unchecked = {
      name: 'add',
      accepts: (a: readonly [number, number], b: readonly [number, number]) => a[0] === b[0] && a[1] === b[1],
      call: (a: Matrix, b: Matrix) =>
        Matrix.generate(
          a.rows,
          a.cols,
          (i, j) => Matrix.get(a, i, j) + (Matrix.toFloat64Array(b)[i * b.cols + j] ?? 0),
        ),
    }
    const report = checkLaw(binaryOpsRejectMismatchedShapes([unchecked])[0]!)
    expect(report.failed).toBe(true)
  })
})
