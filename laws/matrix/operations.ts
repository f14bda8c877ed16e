/**
 * Laws over the whole public surface of the Matrix module, driven by a
 * table with one entry per public function: every operation leaves its
 * inputs bit-identical and returns frozen values, and every binary
 * operation rejects operands of mismatched shapes with a `ShapeError` that
 * names it and both shapes.
 *
 * @module
 */
import * as fc from 'fast-check'
import { either as E } from 'fp-ts'
import { Matrix, Random, ShapeError } from '../../src/index.js'
import type { Law } from '../law.js'
import {
  anyShapeMatrix,
  anyUnknown,
  dimension,
  entry,
  invalidMatrixJson,
  matrix,
  multipliablePair,
  sameShapePair,
  shape,
} from '../arbitraries/matrix.js'
import { naiveTranspose } from './reference.js'

/** A list whose entries and whose spine are frozen. */
const frozenList = <T extends object>(xs: ReadonlyArray<T>): ReadonlyArray<T> =>
  Object.freeze(xs.map((x) => Object.freeze(x)))

/**
 * One call of a public function on generated arguments: its name, the
 * arguments, and a thunk that makes the call.
 *
 * @category laws
 */
export interface OperationCall {
  /** The function's name in the module, e.g. `add`, `codec.decode`, `Random.split`. */
  readonly name: string
  /** The arguments of the call. */
  readonly inputs: ReadonlyArray<unknown>
  /** Makes the call and returns its result. */
  readonly run: () => unknown
}

/**
 * A public function of the Matrix module together with an arbitrary of
 * valid calls of it.
 *
 * @category laws
 */
export interface MatrixOperation {
  /** The function's name in the module, e.g. `add`, `codec.decode`, `Random.split`. */
  readonly name: string
  /** Generates valid calls. */
  readonly calls: fc.Arbitrary<OperationCall>
}

const operation = <A extends ReadonlyArray<unknown>>(
  name: string,
  args: fc.Arbitrary<A>,
  f: (...args: NoInfer<[...A]>) => unknown,
): MatrixOperation => ({
  name,
  calls: args.map((inputs) => ({ name, inputs, run: () => f(...inputs) })),
})

const anyMatrix = anyShapeMatrix()
const nonEmpty = anyShapeMatrix({ minRows: 1, minCols: 1 })
const value = entry()
const rng = fc.integer().map(Random.seed)
const vector = fc
  .oneof(shape({ minCols: 1, maxCols: 1 }), shape({ minRows: 1, maxRows: 1 }))
  .chain(([rows, cols]) => matrix({ rows, cols }))
/** A range from ≤ to within 0 … n. */
const rangeIn = (n: number): fc.Arbitrary<readonly [number, number]> =>
  fc
    .tuple(fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n }))
    .map(([x, y]) => [Math.min(x, y), Math.max(x, y)] as const)
const tolerance = fc.record({ atol: fc.double({ min: 0, max: 1 }), rtol: fc.double({ min: 0, max: 1 }) })
const matrixJson = fc.oneof(
  anyMatrix.map((m) => Matrix.codec.encode(m)),
  anyMatrix.map((m) => Matrix.toRows(m)),
  anyUnknown(),
)

/**
 * Every public function of the Matrix module (`Matrix.*`, the methods of
 * `Matrix.Eq`, `Matrix.Show` and `Matrix.codec`, `Matrix.Random.*`, and
 * the `ShapeError` constructor), each with an arbitrary of valid calls. The
 * project's tests check that no export is missing from this table.
 *
 * @category laws
 */
export const matrixOperations: ReadonlyArray<MatrixOperation> = frozenList<MatrixOperation>([
  operation(
    'ShapeError',
    fc.tuple(fc.string(), fc.array(shape(), { maxLength: 3 }), fc.string()),
    (op, shapes, detail) => new ShapeError(op, shapes, detail),
  ),
  // constructors
  operation(
    'fromRows',
    shape().chain(([r, c]) =>
      fc.tuple(fc.array(fc.array(value, { minLength: c, maxLength: c }), { minLength: r, maxLength: r })),
    ),
    (rows) => Matrix.fromRows(rows),
  ),
  operation(
    'fromArray',
    shape().chain(([r, c]) =>
      fc.tuple(
        fc.constant(r),
        fc.constant(c),
        fc.oneof(
          fc.array(value, { minLength: r * c, maxLength: r * c }),
          fc.float64Array({ minLength: r * c, maxLength: r * c }),
        ),
      ),
    ),
    (r, c, values) => Matrix.fromArray(r, c, values),
  ),
  operation('generate', fc.tuple(dimension(), dimension()), (r, c) => Matrix.generate(r, c, (i, j) => i - 2 * j)),
  operation('fill', fc.tuple(dimension(), dimension(), value), (r, c, x) => Matrix.fill(r, c, x)),
  operation('zeros', fc.tuple(dimension(), dimension()), (r, c) => Matrix.zeros(r, c)),
  operation('ones', fc.tuple(dimension(), dimension()), (r, c) => Matrix.ones(r, c)),
  operation('identity', fc.tuple(dimension()), (n) => Matrix.identity(n)),
  operation('column', fc.tuple(fc.array(value)), (xs) => Matrix.column(xs)),
  operation('row', fc.tuple(fc.array(value)), (xs) => Matrix.row(xs)),
  operation('scalar', fc.tuple(value), (x) => Matrix.scalar(x)),
  // destructors and refinements
  operation('toRows', fc.tuple(anyMatrix), (a) => Matrix.toRows(a)),
  operation('toArray', fc.tuple(anyMatrix), (a) => Matrix.toArray(a)),
  operation('toFloat64Array', fc.tuple(anyMatrix), (a) => Matrix.toFloat64Array(a)),
  operation(
    'get',
    nonEmpty.chain((a) =>
      fc.tuple(fc.constant(a), fc.integer({ min: 0, max: a.rows - 1 }), fc.integer({ min: 0, max: a.cols - 1 })),
    ),
    (a, i, j) => Matrix.get(a, i, j),
  ),
  operation('shape', fc.tuple(anyMatrix), (a) => Matrix.shape(a)),
  operation('size', fc.tuple(anyMatrix), (a) => Matrix.size(a)),
  operation('isMatrix', fc.tuple(fc.oneof(anyMatrix, fc.anything())), (u) => Matrix.isMatrix(u)),
  // the kernel backend of this process (takes nothing, returns a string)
  operation('backend', fc.tuple(), () => Matrix.backend()),
  // entrywise operations
  operation('add', sameShapePair(), (a, b) => Matrix.add(a, b)),
  operation('sub', sameShapePair(), (a, b) => Matrix.sub(a, b)),
  operation('neg', fc.tuple(anyMatrix), (a) => Matrix.neg(a)),
  operation('scale', fc.tuple(anyMatrix, value), (a, s) => Matrix.scale(a, s)),
  operation('hadamard', sameShapePair(), (a, b) => Matrix.hadamard(a, b)),
  operation('div', sameShapePair(), (a, b) => Matrix.div(a, b)),
  operation('map', fc.tuple(anyMatrix), (a) => Matrix.map(a, (x) => 2 * x + 1)),
  operation('zipWith', sameShapePair(), (a, b) => Matrix.zipWith(a, b, (x, y) => x - y)),
  // products
  operation('matmul', multipliablePair(), (a, b) => Matrix.matmul(a, b)),
  operation(
    'matmulTN',
    multipliablePair().map(([at, b]) => [naiveTranspose(at), b] as const),
    (a, b) => Matrix.matmulTN(a, b),
  ),
  operation(
    'matmulNT',
    multipliablePair().map(([a, bt]) => [a, naiveTranspose(bt)] as const),
    (a, b) => Matrix.matmulNT(a, b),
  ),
  operation('transpose', fc.tuple(anyMatrix), (a) => Matrix.transpose(a)),
  operation('outer', fc.tuple(vector, vector), (u, v) => Matrix.outer(u, v)),
  operation(
    'addColumn',
    shape().chain(([r, c]) => fc.tuple(matrix({ rows: r, cols: c }), matrix({ rows: r, cols: 1 }))),
    (a, b) => Matrix.addColumn(a, b),
  ),
  // reductions
  operation('sum', fc.tuple(anyMatrix), (a) => Matrix.sum(a)),
  operation('mean', fc.tuple(anyMatrix), (a) => Matrix.mean(a)),
  operation('max', fc.tuple(anyMatrix), (a) => Matrix.max(a)),
  operation('maxCols', fc.tuple(anyMatrix), (a) => Matrix.maxCols(a)),
  operation('sumRows', fc.tuple(anyMatrix), (a) => Matrix.sumRows(a)),
  operation('sumCols', fc.tuple(anyMatrix), (a) => Matrix.sumCols(a)),
  operation('dot', sameShapePair(), (a, b) => Matrix.dot(a, b)),
  operation('argmaxCols', fc.tuple(anyMatrix), (a) => Matrix.argmaxCols(a)),
  // slicing and stacking
  operation(
    'sliceRows',
    anyMatrix.chain((a) => rangeIn(a.rows).map(([from, to]) => [a, from, to] as const)),
    (a, from, to) => Matrix.sliceRows(a, from, to),
  ),
  operation(
    'sliceCols',
    anyMatrix.chain((a) => rangeIn(a.cols).map(([from, to]) => [a, from, to] as const)),
    (a, from, to) => Matrix.sliceCols(a, from, to),
  ),
  operation(
    'slice',
    anyMatrix.chain((a) =>
      fc.tuple(rangeIn(a.rows), rangeIn(a.cols)).map(([[r0, r1], [c0, c1]]) => [a, r0, r1, c0, c1] as const),
    ),
    (a, r0, r1, c0, c1) => Matrix.slice(a, r0, r1, c0, c1),
  ),
  operation(
    'selectCols',
    anyMatrix.chain((a) =>
      fc.tuple(
        fc.constant(a),
        a.cols === 0 ? fc.constant([]) : fc.array(fc.integer({ min: 0, max: a.cols - 1 }), { maxLength: 10 }),
      ),
    ),
    (a, indices) => Matrix.selectCols(a, indices),
  ),
  operation(
    'stackRows',
    dimension().chain((cols) => fc.tuple(fc.array(anyShapeMatrix({ minCols: cols, maxCols: cols }), { maxLength: 4 }))),
    (parts) => Matrix.stackRows(parts),
  ),
  operation(
    'stackCols',
    dimension().chain((rows) => fc.tuple(fc.array(anyShapeMatrix({ minRows: rows, maxRows: rows }), { maxLength: 4 }))),
    (parts) => Matrix.stackCols(parts),
  ),
  // instances
  operation('Eq.equals', sameShapePair(), (a, b) => Matrix.Eq.equals(a, b)),
  operation('getEqApprox', fc.tuple(tolerance, anyMatrix, anyMatrix), (tol, a, b) =>
    Matrix.getEqApprox(tol).equals(a, b),
  ),
  operation('closeTo', fc.tuple(value, value, value, value), (x, y, atol, rtol) => Matrix.closeTo(x, y, atol, rtol)),
  operation('Show.show', fc.tuple(anyMatrix), (a) => Matrix.Show.show(a)),
  // codec
  operation('codec.is', fc.tuple(fc.oneof(anyMatrix, fc.anything())), (u) => Matrix.codec.is(u)),
  operation('codec.encode', fc.tuple(anyMatrix), (a) => Matrix.codec.encode(a)),
  operation('codec.decode', fc.tuple(matrixJson), (u) => Matrix.codec.decode(u)),
  operation('codec.validate', fc.tuple(matrixJson), (u) =>
    Matrix.codec.validate(u, [{ key: '', type: Matrix.codec, actual: u }]),
  ),
  operation(
    'formatErrors',
    fc.tuple(
      invalidMatrixJson().map(({ json }) => {
        const result = Matrix.codec.decode(json)
        return E.isLeft(result) ? result.left : []
      }),
    ),
    (errors) => Matrix.formatErrors(errors),
  ),
  operation('decodeWith', fc.tuple(matrixJson), (u) => Matrix.decodeWith(Matrix.codec)(u)),
  // random
  operation(
    'Random.seed',
    fc.tuple(fc.oneof(fc.integer(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }))),
    (s) => Random.seed(s),
  ),
  operation('Random.parseSeed', fc.tuple(fc.oneof(fc.bigInt().map(String), fc.string())), (text) =>
    Random.parseSeed(text),
  ),
  operation('Random.fromState', fc.tuple(rng.map((r) => [...r.state])), (state) => Random.fromState(state)),
  operation('Random.split', fc.tuple(rng), (r) => Random.split(r)),
  operation('Random.foldIn', fc.tuple(rng, fc.integer()), (r, n) => Random.foldIn(r, n)),
  operation('Random.nextUint32', fc.tuple(rng), (r) => Random.nextUint32(r)),
  operation('Random.nextFloat', fc.tuple(rng), (r) => Random.nextFloat(r)),
  operation(
    'Random.nextInt',
    fc.tuple(rng, fc.integer({ min: -100, max: 100 }), fc.integer({ min: 0, max: 100 })),
    (r, from, width) => Random.nextInt(r, from, from + width),
  ),
  operation('Random.permutation', fc.tuple(fc.integer({ min: 0, max: 50 }), rng), (n, r) => Random.permutation(n, r)),
  operation(
    'Random.uniform',
    fc.tuple(
      dimension(),
      dimension(),
      rng,
      fc.record({ low: fc.constant(-2), high: fc.constant(3) }, { requiredKeys: [] }),
    ),
    (r, c, g, options) => Random.uniform(r, c, g, options),
  ),
  operation(
    'Random.normal',
    fc.tuple(dimension(), dimension(), rng, fc.record({ mean: value, std: fc.constant(2) }, { requiredKeys: [] })),
    (r, c, g, options) => Random.normal(r, c, g, options),
  ),
])

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

/**
 * A text that changes whenever any part of a value reachable from it
 * changes: numbers, matrices and typed arrays by their bytes (so −0, NaN
 * payloads and every bit count), arrays and objects by their own enumerable
 * keys.
 */
const fingerprint = (u: unknown, depth = 0): string => {
  if (depth > 12) return '…'
  if (typeof u === 'number') return hex(new Uint8Array(Float64Array.of(u).buffer))
  if (typeof u === 'bigint') return `${u.toString()}n`
  if (typeof u === 'function') return 'function'
  if (typeof u === 'symbol') return u.toString()
  if (typeof u !== 'object' || u === null) return String(u)
  if (Matrix.isMatrix(u)) {
    const bytes = new Uint8Array(Matrix.toFloat64Array(u).buffer)
    return `matrix(${String(u.rows)}×${String(u.cols)}:${hex(bytes)})`
  }
  if (ArrayBuffer.isView(u)) return `view(${hex(new Uint8Array(u.buffer, u.byteOffset, u.byteLength))})`
  if (Array.isArray(u)) return `[${u.map((x) => fingerprint(x, depth + 1)).join(',')}]`
  return `{${Object.entries(u)
    .map(([k, v]) => `${k}:${fingerprint(v, depth + 1)}`)
    .join(',')}}`
}

/**
 * For each public function of the Matrix module (by default the whole
 * {@link matrixOperations} table), one law: the call leaves every input
 * bit-identical — matrices, arrays, typed arrays, option records and
 * generator states, compared byte for byte before and after.
 *
 * @category laws
 */
export const opsLeaveInputsUnchanged = (
  operations: ReadonlyArray<MatrixOperation> = matrixOperations,
): ReadonlyArray<Law<OperationCall>> =>
  operations.map((op) => ({
    name: `opsLeaveInputsUnchanged(${op.name})`,
    arbitrary: op.calls,
    holds: (call) => {
      const before = fingerprint(call.inputs)
      call.run()
      return fingerprint(call.inputs) === before
    },
  }))

/** Every matrix and generator state in a result (inside arrays too). */
const taggedValues = (u: unknown): ReadonlyArray<object> =>
  Array.isArray(u)
    ? u.flatMap(taggedValues)
    : typeof u === 'object' && u !== null && ['Matrix', 'Rng'].includes(String((u as { _tag?: unknown })._tag))
      ? [u]
      : []

/**
 * For each public function, one law: every matrix and generator state it
 * returns (also inside a returned tuple) is frozen, so not even an untyped
 * caller can reassign its fields.
 *
 * @category laws
 */
export const opsReturnFrozenValues = (
  operations: ReadonlyArray<MatrixOperation> = matrixOperations,
): ReadonlyArray<Law<OperationCall>> =>
  operations.map((op) => ({
    name: `opsReturnFrozenValues(${op.name})`,
    arbitrary: op.calls,
    holds: (call) => taggedValues(call.run()).every((v) => Object.isFrozen(v)),
  }))

/** A `[rows, cols]` shape. */
type ShapePair = readonly [number, number]

/**
 * A binary operation that checks the shapes of its operands.
 *
 * @category laws
 */
export interface ShapeCheckedOperation {
  /** The name its `ShapeError`s carry. */
  readonly name: string
  /** Whether operands of these shapes fit together. */
  readonly accepts: (a: ShapePair, b: ShapePair) => boolean
  /** Calls the operation. */
  readonly call: (a: Matrix, b: Matrix) => unknown
}

const same = (a: ShapePair, b: ShapePair): boolean => a[0] === b[0] && a[1] === b[1]
const isVector = (a: ShapePair): boolean => a[0] === 1 || a[1] === 1

/**
 * The binary operations of the Matrix module and the shapes each accepts.
 *
 * @category laws
 */
export const shapeCheckedOperations: ReadonlyArray<ShapeCheckedOperation> = frozenList<ShapeCheckedOperation>([
  { name: 'add', accepts: same, call: (a, b) => Matrix.add(a, b) },
  { name: 'sub', accepts: same, call: (a, b) => Matrix.sub(a, b) },
  { name: 'hadamard', accepts: same, call: (a, b) => Matrix.hadamard(a, b) },
  { name: 'div', accepts: same, call: (a, b) => Matrix.div(a, b) },
  { name: 'dot', accepts: same, call: (a, b) => Matrix.dot(a, b) },
  { name: 'zipWith', accepts: same, call: (a, b) => Matrix.zipWith(a, b, (x, y) => x + y) },
  { name: 'matmul', accepts: (a, b) => a[1] === b[0], call: (a, b) => Matrix.matmul(a, b) },
  { name: 'matmulTN', accepts: (a, b) => a[0] === b[0], call: (a, b) => Matrix.matmulTN(a, b) },
  { name: 'matmulNT', accepts: (a, b) => a[1] === b[1], call: (a, b) => Matrix.matmulNT(a, b) },
  { name: 'outer', accepts: (a, b) => isVector(a) && isVector(b), call: (a, b) => Matrix.outer(a, b) },
  {
    name: 'addColumn',
    accepts: (a, b) => b[0] === a[0] && b[1] === 1,
    // the cast lets b have any shape: rejecting wrong ones at run time is the point
    call: (a, b) => Matrix.addColumn(a, b as Matrix<number, 1>),
  },
  { name: 'stackRows', accepts: (a, b) => a[1] === b[1], call: (a, b) => Matrix.stackRows([a, b]) },
  { name: 'stackCols', accepts: (a, b) => a[0] === b[0], call: (a, b) => Matrix.stackCols([a, b]) },
])

const showShape = (m: Matrix): string => `${String(m.rows)}×${String(m.cols)}`

/**
 * For each binary operation (by default {@link shapeCheckedOperations}),
 * one law: operands whose shapes do not fit make it throw a `ShapeError`
 * whose `op` is the operation's name and whose message starts with that
 * name and shows both shapes (e.g. `2×3` and `4×5`).
 *
 * @category laws
 */
export const binaryOpsRejectMismatchedShapes = (
  operations: ReadonlyArray<ShapeCheckedOperation> = shapeCheckedOperations,
): ReadonlyArray<Law<readonly [Matrix, Matrix]>> =>
  operations.map((op) => ({
    name: `binaryOpsRejectMismatchedShapes(${op.name})`,
    arbitrary: fc
      .tuple(shape({ maxRows: 5, maxCols: 5 }), shape({ maxRows: 5, maxCols: 5 }))
      .filter(([a, b]) => !op.accepts(a, b))
      .chain(([[r1, c1], [r2, c2]]) => fc.tuple(matrix({ rows: r1, cols: c1 }), matrix({ rows: r2, cols: c2 }))),
    holds: ([a, b]) => {
      try {
        op.call(a, b)
        return false
      } catch (e) {
        return (
          e instanceof ShapeError &&
          e.op === op.name &&
          e.message.startsWith(`${op.name}: `) &&
          e.message.includes(showShape(a)) &&
          e.message.includes(showShape(b))
        )
      }
    },
  }))
