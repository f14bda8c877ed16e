/**
 * A law that cannot fail proves nothing: each law below is given a
 * deliberately wrong operation and must report a failure, shrunk to a small
 * counterexample.
 */
import { describe, expect, it } from 'vitest'
import * as fc from 'fast-check'
import * as t from 'io-ts'
import { either as E } from 'fp-ts'
import { PathReporter } from 'io-ts/lib/PathReporter.js'
import { Matrix } from 'nabla'
import { NonNegativeNumberC, NumberC, PositiveNumberC } from '../../src/matrix/json.js'
import { OptimizerSpecC } from '../../src/train/namespaces/Optim.js'
import { ScheduleSpecC } from '../../src/train/namespaces/Schedule.js'
import { buffer } from '../../src/matrix/internal.js'
import {
  PROTOTYPE_NAMES,
  REPORT_MAX_LINES,
  anyOptimizerSpec,
  anyShapeMatrix,
  checkLaw,
  codecRoundTrips,
  codecRoundTripsBitForBit,
  decodeNeverThrows,
  decodeNeverThrowsOnHostileJson,
  decodeReportIsBounded,
  decodeSurvivesMutations,
  isWellFormedMatrix,
  manyErrorsJson,
  type MutatedJson,
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

/**
 * The seed of the tests below that assert how small a counterexample shrinks: shrinking stops at a
 * local minimum that depends on the seed, so the size is asserted where it is reproducible. Over
 * seeds 1–85 every bound below held, but for the float32 matmul at seed 83 (5 non-zero entries).
 */
const SHRINK_SEED = 42

describe('the laws catch deliberately wrong operations', () => {
  it('an add that is off by one ulp breaks zerosAreAdditiveIdentity, on a 1×1 matrix', () => {
    const add = (a: Matrix, b: Matrix): Matrix => Matrix.map(Matrix.add(a, b), nextUp)
    const report = checkLaw(zerosAreAdditiveIdentity({ algebra: { add } }), { seed: SHRINK_SEED })
    expect(report.failed).toBe(true)
    expect(sizes(report.counterexample)).toEqual([1])
  })

  it('a matmul that transposes square left operands breaks identityIsNeutralForMatmul, on a square matrix with one non-zero entry', () => {
    const matmul = (a: Matrix, b: Matrix): Matrix =>
      a.rows === a.cols ? Matrix.matmul(Matrix.transpose(a), b) : Matrix.matmul(a, b)
    const report = checkLaw(identityIsNeutralForMatmul({ algebra: { matmul } }), { numRuns: 300, seed: SHRINK_SEED })
    expect(report.failed).toBe(true)
    expect(notZero(report.counterexample)).toHaveLength(1)
  })

  it('a matmul that skips the last term of each inner sum breaks matmulMatchesNaiveProduct, on one non-zero product', () => {
    const multiply = (a: Matrix, b: Matrix): Matrix =>
      a.cols === 0
        ? Matrix.matmul(a, b)
        : Matrix.matmul(Matrix.sliceCols(a, 0, a.cols - 1), Matrix.sliceRows(b, 0, b.rows - 1))
    const report = checkLaw(matmulMatchesNaiveProduct({ multiply }), { seed: SHRINK_SEED })
    expect(report.failed).toBe(true)
    expect(notZero(report.counterexample)).toHaveLength(2)
  })

  it('a matmul that rounds to float32 breaks matmulIsAssociative: the tolerance is tight enough to see it', () => {
    const matmul = (a: Matrix, b: Matrix): Matrix => Matrix.map(Matrix.matmul(a, b), Math.fround)
    const report = checkLaw(matmulIsAssociative({ algebra: { matmul } }), { seed: SHRINK_SEED })
    expect(report.failed).toBe(true)
    expect(notZero(report.counterexample).length).toBeLessThanOrEqual(4)
  })

  it('a codec that writes −0 as 0 breaks codecRoundTrips, on a matrix whose one non-zero entry is −0', () => {
    const lossy = new t.Type<Matrix, unknown>('LossyMatrix', Matrix.codec.is, Matrix.codec.validate, (m) =>
      Matrix.codec.encode(Matrix.map(m, (x) => (x === 0 ? 0 : x))),
    )
    const report = checkLaw(codecRoundTrips({ codec: lossy }), { numRuns: 300, seed: SHRINK_SEED })
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

describe('the codec laws catch deliberately broken decoders', () => {
  it('a NumberC that looks names up with `in` breaks decodeNeverThrowsOnHostileJson, on a prototype name', () => {
    const specials: Readonly<Record<string, number>> = { '-0': -0, NaN: Number.NaN, Infinity, '-Infinity': -Infinity }
    const leaky = new t.Type<number, unknown>(
      'LeakyNumber',
      NumberC.is,
      (u, c) =>
        typeof u === 'number' && Number.isFinite(u)
          ? t.success(u)
          : typeof u === 'string' && u in specials
            ? t.success(specials[u] as number)
            : t.failure(u, c),
      NumberC.encode,
    )
    const report = checkLaw(decodeNeverThrowsOnHostileJson({ codec: leaky }), { numRuns: 300 })
    expect(report.failed).toBe(true)
    expect(PROTOTYPE_NAMES).toContain(report.counterexample?.[0])
  })

  it('a recursive decoder without a depth limit breaks decodeNeverThrowsOnHostileJson: the stack overflows', () => {
    type Nested = number | ReadonlyArray<Nested>
    const NestedC: t.Type<Nested> = t.recursion('Nested', () => t.union([t.number, t.readonlyArray(NestedC)]))
    // one case in 36 is nested 100,000 deep: missing it in 1000 runs has odds below 10⁻¹²
    const report = checkLaw(decodeNeverThrowsOnHostileJson({ codec: NestedC }), { numRuns: 1000 })
    expect(report.failed).toBe(true)
    expect(String(report.errorInstance)).toMatch(/Maximum call stack size exceeded/)
  })

  it('a report without a cap (io-ts PathReporter) breaks decodeReportIsBounded, on an array of just too many bad entries', () => {
    const numbers = t.readonlyArray(t.number)
    const uncapped = (codec: t.Type<ReadonlyArray<number>, unknown>) => (u: unknown) => {
      const result = codec.decode(u)
      return E.isRight(result) ? result : E.left(PathReporter.report(result).join('\n'))
    }
    const report = checkLaw(decodeReportIsBounded({ codec: numbers, inputs: manyErrorsJson(), report: uncapped }), {
      numRuns: 300,
    })
    expect(report.failed).toBe(true)
    const counterexample = report.counterexample?.[0]
    // either one line too many (a report of REPORT_MAX_LINES lines is fine) or one line too long
    expect(Array.isArray(counterexample) ? counterexample.length : 1).toBeLessThanOrEqual(REPORT_MAX_LINES)
  })

  it('a matrix codec that writes NaN as a plain number (JSON makes it null) breaks codecRoundTripsBitForBit, on one NaN', () => {
    const plain = new t.Type<Matrix, unknown>('PlainMatrix', Matrix.codec.is, Matrix.codec.validate, (m) => ({
      rows: m.rows,
      cols: m.cols,
      data: Matrix.toArray(m).map((x) => (Object.is(x, -0) ? '-0' : x)),
    }))
    const report = checkLaw(
      codecRoundTripsBitForBit({ codec: plain, arbitrary: anyShapeMatrix({ entries: fc.double() }) }),
      { numRuns: 300 },
    )
    expect(report.failed).toBe(true)
    const entries = Matrix.toArray(report.counterexample?.[0] as Matrix)
    expect(entries.filter((x) => !Number.isFinite(x))).toHaveLength(1)
  })

  it('a matrix codec that checks sizes with isInteger breaks decodeSurvivesMutations, on an empty matrix with an absurd size', () => {
    const lax = new t.Type<Matrix, unknown>(
      'LaxMatrix',
      Matrix.codec.is,
      (u, c) => {
        const { rows, cols, data } = (u ?? {}) as { rows?: unknown; cols?: unknown; data?: unknown }
        // Matrix.codec, except that an empty matrix's sizes are only checked with isInteger
        return Object.keys(u ?? {}).length === 3 &&
          typeof rows === 'number' &&
          typeof cols === 'number' &&
          Number.isInteger(rows) &&
          Number.isInteger(cols) &&
          rows >= 0 &&
          cols >= 0 &&
          Array.isArray(data) &&
          data.length === 0 &&
          rows * cols === 0
          ? t.success(Matrix.zeros(rows, cols))
          : Matrix.codec.validate(u, c)
      },
      Matrix.codec.encode,
    )
    const law = decodeSurvivesMutations({
      codec: lax,
      valid: anyShapeMatrix({ maxRows: 2, maxCols: 2 }),
      wellFormed: isWellFormedMatrix,
    })
    const report = checkLaw(law, { numRuns: 1000 })
    expect(report.failed).toBe(true)
    const { json } = report.counterexample?.[0] as MutatedJson
    const { rows, cols } = json as { rows: number; cols: number }
    expect(Math.max(rows, cols)).toBeGreaterThan(Matrix.MAX_EMPTY_DIMENSION)
  })

  it('an optimizer-spec codec that drops unknown keys (io-ts t.type) breaks decodeSurvivesMutations, on one added key', () => {
    const weightDecay = t.type({ lambda: NonNegativeNumberC, n: PositiveNumberC })
    const common = { schedule: ScheduleSpecC, weightDecay }
    const lenient = t.union([
      t.type({ kind: t.literal('sgd'), ...common }),
      t.type({ kind: t.literal('momentum'), momentum: t.number, ...common }),
      t.type({ kind: t.literal('adam'), beta1: t.number, beta2: t.number, epsilon: PositiveNumberC, ...common }),
    ])
    const dropping = new t.Type<unknown, unknown>('DroppingSpec', lenient.is, lenient.validate, (a) =>
      OptimizerSpecC.encode(a as never),
    )
    // 300 runs missed the added key on 2 seeds in 500; 1500 runs leave that chance far below one in a million
    const report = checkLaw(decodeSurvivesMutations({ codec: dropping, valid: anyOptimizerSpec() }), { numRuns: 1500 })
    expect(report.failed).toBe(true)
    expect((report.counterexample?.[0] as MutatedJson).edit).toMatch(/added|wrapped|twice/)
  })
})
