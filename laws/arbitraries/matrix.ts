import * as fc from 'fast-check'
import { Matrix } from '../../src/index.js'

/** Largest dimension the arbitraries generate unless told otherwise. */
const MAX_DIM = 8
/** Entries lie in [−MAX_ABS, MAX_ABS] unless told otherwise. */
const MAX_ABS = 10

/**
 * Bounds for generated shapes. Every bound is inclusive; rows and columns
 * default to 0 … 8, so empty (0×n, n×0) and 1×1 shapes are generated too.
 *
 * @category arbitraries
 */
export interface ShapeConstraints {
  /** Fewest rows (default 0). */
  readonly minRows?: number
  /** Most rows (default 8). */
  readonly maxRows?: number
  /** Fewest columns (default 0). */
  readonly minCols?: number
  /** Most columns (default 8). */
  readonly maxCols?: number
}

/**
 * The value domain of generated entries: finite doubles in [min, max]
 * (default [−10, 10]), −0, tiny and subnormal values included, or whatever
 * `entries` generates if it is given.
 *
 * @category arbitraries
 */
export interface EntryConstraints {
  /** Smallest entry (default −10). */
  readonly min?: number
  /** Largest entry (default 10). */
  readonly max?: number
  /** Generates each entry; overrides `min` and `max`. */
  readonly entries?: fc.Arbitrary<number>
}

/**
 * Bounds for the operands of a product: every dimension (outer and inner)
 * lies in [minDim, maxDim], default 0 … 8, and entries in the value domain.
 *
 * @category arbitraries
 */
export interface ProductConstraints extends EntryConstraints {
  /** Smallest dimension (default 0). */
  readonly minDim?: number
  /** Largest dimension (default 8). */
  readonly maxDim?: number
}

/**
 * A dimension in [min, max] (default 0 … 8); fast-check shrinks it toward `min`.
 *
 * @category arbitraries
 */
export const dimension = (min = 0, max: number = MAX_DIM): fc.Arbitrary<number> => fc.integer({ min, max })

/**
 * A `[rows, cols]` shape within the constraints.
 *
 * @category arbitraries
 */
export const shape = (constraints: ShapeConstraints = {}): fc.Arbitrary<readonly [number, number]> =>
  fc.tuple(dimension(constraints.minRows, constraints.maxRows), dimension(constraints.minCols, constraints.maxCols))

/**
 * One entry from the value domain (finite, never NaN; −0 included).
 *
 * @category arbitraries
 */
export const entry = (constraints: EntryConstraints = {}): fc.Arbitrary<number> =>
  constraints.entries ?? fc.double({ min: constraints.min ?? -MAX_ABS, max: constraints.max ?? MAX_ABS, noNaN: true })

/**
 * A matrix of the given shape with entries from the value domain. Literal
 * sizes give a literal type: `matrix({ rows: 2, cols: 3 })` generates
 * `Matrix<2, 3>`.
 *
 * @example
 * fc.sample(matrix({ rows: 2, cols: 2, min: -1, max: 1 }), 3)
 * @category arbitraries
 */
export const matrix = <R extends number, C extends number>(
  options: { readonly rows: R; readonly cols: C } & EntryConstraints,
): fc.Arbitrary<Matrix<R, C>> => {
  const n = options.rows * options.cols
  return fc
    .array(entry(options), { minLength: n, maxLength: n })
    .map((values) => Matrix.fromArray(options.rows, options.cols, values))
}

/**
 * A rows×cols grid of entries (an array of rows), from which matrices of
 * every smaller shape are cut.
 */
const grid = (rows: number, cols: number, constraints: EntryConstraints): fc.Arbitrary<Grid> =>
  fc.array(fc.array(entry(constraints), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })

type Grid = ReadonlyArray<ReadonlyArray<number>>

/**
 * The top-left rows×cols corner of a grid, as a matrix.
 *
 * Shapes and entries are generated independently and a matrix is cut from a
 * grid of the largest shape, rather than entries being generated for a shape
 * chosen first: so when fast-check shrinks a failing case, removing a row or
 * a column keeps every other entry where it was, and failures shrink to
 * small shapes with few non-zero entries.
 */
const corner = (g: Grid, rows: number, cols: number): Matrix => Matrix.generate(rows, cols, (i, j) => g[i]?.[j] ?? 0)

const maxRows = (constraints: ShapeConstraints): number => constraints.maxRows ?? MAX_DIM
const maxCols = (constraints: ShapeConstraints): number => constraints.maxCols ?? MAX_DIM

/**
 * A matrix of any shape within the constraints (default 0…8 × 0…8), with
 * entries from the value domain.
 *
 * @category arbitraries
 */
export const anyShapeMatrix = (constraints: ShapeConstraints & EntryConstraints = {}): fc.Arbitrary<Matrix> =>
  fc
    .tuple(shape(constraints), grid(maxRows(constraints), maxCols(constraints), constraints))
    .map(([[rows, cols], g]) => corner(g, rows, cols))

/**
 * Two matrices of one shape (any shape within the constraints): operands of
 * `add`, `hadamard`, `dot`, ….
 *
 * @category arbitraries
 */
export const sameShapePair = (
  constraints: ShapeConstraints & EntryConstraints = {},
): fc.Arbitrary<readonly [Matrix, Matrix]> => {
  const g = grid(maxRows(constraints), maxCols(constraints), constraints)
  return fc.tuple(shape(constraints), g, g).map(([[r, c], ga, gb]) => [corner(ga, r, c), corner(gb, r, c)] as const)
}

/**
 * Three matrices of one shape (any shape within the constraints).
 *
 * @category arbitraries
 */
export const sameShapeTriple = (
  constraints: ShapeConstraints & EntryConstraints = {},
): fc.Arbitrary<readonly [Matrix, Matrix, Matrix]> => {
  const g = grid(maxRows(constraints), maxCols(constraints), constraints)
  return fc
    .tuple(shape(constraints), g, g, g)
    .map(([[r, c], ga, gb, gc]) => [corner(ga, r, c), corner(gb, r, c), corner(gc, r, c)] as const)
}

const productDims = (count: number, constraints: ProductConstraints): fc.Arbitrary<ReadonlyArray<number>> =>
  fc.array(dimension(constraints.minDim, constraints.maxDim), { minLength: count, maxLength: count })

const productGrid = (constraints: ProductConstraints): fc.Arbitrary<Grid> =>
  grid(constraints.maxDim ?? MAX_DIM, constraints.maxDim ?? MAX_DIM, constraints)

const dim = (dims: ReadonlyArray<number>, i: number): number => dims[i] ?? 0

/**
 * `[A, B]` with A m×k and B k×n, so that AB is defined; every dimension in
 * [minDim, maxDim] (default 0 … 8, so empty inner and outer dimensions occur).
 *
 * @category arbitraries
 */
export const multipliablePair = (constraints: ProductConstraints = {}): fc.Arbitrary<readonly [Matrix, Matrix]> =>
  fc
    .tuple(productDims(3, constraints), productGrid(constraints), productGrid(constraints))
    .map(([d, ga, gb]) => [corner(ga, dim(d, 0), dim(d, 1)), corner(gb, dim(d, 1), dim(d, 2))] as const)

/**
 * `[A, B, C]` with A m×k, B k×l and C l×n, so that ABC is defined.
 *
 * @category arbitraries
 */
export const multipliableTriple = (
  constraints: ProductConstraints = {},
): fc.Arbitrary<readonly [Matrix, Matrix, Matrix]> =>
  fc
    .tuple(productDims(4, constraints), productGrid(constraints), productGrid(constraints), productGrid(constraints))
    .map(
      ([d, ga, gb, gc]) =>
        [corner(ga, dim(d, 0), dim(d, 1)), corner(gb, dim(d, 1), dim(d, 2)), corner(gc, dim(d, 2), dim(d, 3))] as const,
    )

/**
 * `[A, B, C]` with A m×k and B, C both k×n: the operands of A(B + C).
 *
 * @category arbitraries
 */
export const multiplierAndSameShapePair = (
  constraints: ProductConstraints = {},
): fc.Arbitrary<readonly [Matrix, Matrix, Matrix]> =>
  fc
    .tuple(productDims(3, constraints), productGrid(constraints), productGrid(constraints), productGrid(constraints))
    .map(
      ([d, ga, gb, gc]) =>
        [corner(ga, dim(d, 0), dim(d, 1)), corner(gb, dim(d, 1), dim(d, 2)), corner(gc, dim(d, 1), dim(d, 2))] as const,
    )

/**
 * `[A, B]` with op(A) m×k and op(B) k×n for dimensions drawn by `dims`
 * (`[m, k, n]`, each at most `maxDim`), A stored k×m if `transposeA`, B
 * stored n×k if `transposeB`: operands of the products AB, AᵀB, ABᵀ, AᵀBᵀ.
 *
 * @category arbitraries
 */
export const productOperands = (
  dims: fc.Arbitrary<readonly [number, number, number]>,
  options: EntryConstraints & {
    readonly maxDim: number
    readonly transposeA?: boolean
    readonly transposeB?: boolean
  },
): fc.Arbitrary<readonly [Matrix, Matrix]> => {
  const g = grid(options.maxDim, options.maxDim, options)
  return fc
    .tuple(dims, g, g)
    .map(
      ([[m, k, n], ga, gb]) =>
        [
          options.transposeA === true ? corner(ga, k, m) : corner(ga, m, k),
          options.transposeB === true ? corner(gb, n, k) : corner(gb, k, n),
        ] as const,
    )
}

/** Odd leaves that JSON never produces but an `unknown` may hold. */
const oddLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.bigInt(),
  fc.func(fc.integer()),
  fc.constant(Symbol.for('nabla.laws')),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, undefined, null, '-0', 'NaN', '1'),
  fc.constant(Object.create(null) as unknown),
)

/** A value that looks somewhat like a number: usually one, sometimes not. */
const numberish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.double() },
  { weight: 1, arbitrary: oddLeaf },
)

/**
 * Any value at all, for checking that a boundary never throws: fast-check's
 * `anything` with every option on (bigints, boxed values, maps, sets, dates,
 * typed arrays, sparse arrays, null-prototype objects), plus functions and
 * symbols, JSON values, and near misses of the matrix JSON forms (a
 * `{ rows, cols, data }` record or an array of rows whose entries are mostly
 * numbers), which reach deeper into a decoder than random values do.
 *
 * @category arbitraries
 */
export const anyUnknown = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      values: [fc.double(), fc.integer(), fc.string(), fc.boolean(), oddLeaf],
    }),
    fc.jsonValue(),
    shape({ maxRows: 4, maxCols: 4 }).chain(([rows, cols]) =>
      fc.record({
        rows: fc.oneof({ weight: 4, arbitrary: fc.constant(rows) }, { weight: 1, arbitrary: numberish }),
        cols: fc.oneof({ weight: 4, arbitrary: fc.constant(cols) }, { weight: 1, arbitrary: numberish }),
        data: fc.array(numberish, { minLength: rows * cols, maxLength: rows * cols + 1 }),
      }),
    ),
    fc.array(fc.array(numberish, { maxLength: 4 }), { maxLength: 4 }),
  )

/**
 * A matrix's JSON spoiled in one known place, with the path at which a
 * decoder must report it (`rows`, `data/3`, `2/1` for row 2, column 1 of the
 * array-of-rows form, `(root)` for the value itself).
 *
 * @category arbitraries
 */
export interface InvalidMatrixJson {
  /** What is wrong, in words. */
  readonly problem: string
  /** The spoiled value. */
  readonly json: unknown
  /** Where the error must be reported, as `formatErrors` spells paths. */
  readonly path: string
}

// NaN and ±∞ are written as the strings "NaN", "Infinity" and "-Infinity": as numbers (which JSON cannot hold) they are refused.
const badEntry: fc.Arbitrary<unknown> = fc.constantFrom(
  Number.NaN,
  Infinity,
  -Infinity,
  null,
  undefined,
  '1',
  'nan',
  '+0',
  '-0.0',
  'constructor',
  '__proto__',
  'toString',
  true,
  {},
  [],
  1n,
)

const badSize: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -1_000, max: -1 }),
  fc.double({ min: 0, max: 100, noNaN: true }).filter((x) => !Number.isInteger(x)),
  fc.constantFrom(
    Number.NaN,
    Infinity,
    -Infinity,
    '2',
    null,
    undefined,
    true,
    1n,
    [2],
    2 ** 31,
    2 ** 53,
    1e300,
    'constructor',
  ),
)

const invalid = (problem: string, json: unknown, path: string): InvalidMatrixJson => ({ problem, json, path })

/** Replaces entry i of an array by x (a fresh array). */
const replaceAt = (xs: ReadonlyArray<unknown>, i: number, x: unknown): ReadonlyArray<unknown> =>
  xs.map((y, j) => (j === i ? x : y))

/**
 * Valid matrix JSON (both forms) spoiled in exactly one way: a data array of
 * the wrong length, a non-finite or non-numeric entry, a negative,
 * fractional or non-numeric size, data that is not an array, ragged rows, a
 * bad entry in a row, or a value that is not a matrix at all.
 *
 * @category arbitraries
 */
export const invalidMatrixJson = (constraints: ShapeConstraints = {}): fc.Arbitrary<InvalidMatrixJson> => {
  const shapes = { maxRows: 5, maxCols: 5, ...constraints }
  const flat = anyShapeMatrix(shapes).map((m) => Matrix.codec.encode(m))
  const nonEmpty = anyShapeMatrix({ ...shapes, minRows: Math.max(1, shapes.minRows ?? 1), minCols: 1 })
  const tall = anyShapeMatrix({ ...shapes, minRows: 2, maxRows: Math.max(2, shapes.maxRows) })
  return fc.oneof(
    flat.chain((j) =>
      fc
        .constantFrom(-1, 1)
        .filter((d) => j.data.length + d >= 0)
        .map((d) =>
          invalid(
            `data has ${String(j.data.length + d)} entries for ${String(j.rows)}×${String(j.cols)}`,
            { ...j, data: d > 0 ? [...j.data, 0] : j.data.slice(1) },
            'data',
          ),
        ),
    ),
    nonEmpty.chain((m) => {
      const j = Matrix.codec.encode(m)
      return fc
        .tuple(fc.integer({ min: 0, max: j.data.length - 1 }), badEntry)
        .map(([i, x]) =>
          invalid(
            `entry ${String(i)} is not a finite number`,
            { ...j, data: replaceAt(j.data, i, x) },
            `data/${String(i)}`,
          ),
        )
    }),
    flat.chain((j) =>
      fc
        .tuple(fc.constantFrom('rows', 'cols'), badSize)
        .map(([key, x]) => invalid(`${key} is not a non-negative integer`, { ...j, [key]: x }, key)),
    ),
    flat.chain((j) =>
      fc
        .constantFrom<unknown>('1,2', { 0: 1 }, 3, null, Float64Array.of(1, 2), undefined)
        .map((x) => invalid('data is not an array', { ...j, data: x }, 'data')),
    ),
    tall.chain((m) => {
      const rows = Matrix.toRows(m)
      return fc
        .tuple(fc.integer({ min: 1, max: m.rows - 1 }), fc.boolean())
        .filter(([, longer]) => longer || m.cols > 0)
        .map(([i, longer]) =>
          invalid(
            `row ${String(i)} has a different length from row 0`,
            replaceAt(rows, i, longer ? [...(rows[i] ?? []), 1] : (rows[i] ?? []).slice(1)),
            String(i),
          ),
        )
    }),
    nonEmpty.chain((m) => {
      const rows = Matrix.toRows(m)
      return fc
        .tuple(fc.integer({ min: 0, max: m.rows - 1 }), fc.integer({ min: 0, max: m.cols - 1 }), badEntry)
        .map(([i, j, x]) =>
          invalid(
            `entry (${String(i)}, ${String(j)}) is not a finite number`,
            replaceAt(rows, i, replaceAt(rows[i] ?? [], j, x)),
            `${String(i)}/${String(j)}`,
          ),
        )
    }),
    fc
      .tuple(fc.constantFrom('rows' as const, 'cols' as const), fc.integer({ min: 2 ** 20 + 1, max: 2 ** 31 - 1 }))
      .map(([key, n]) =>
        invalid(
          `an empty matrix with ${String(n)} ${key}`,
          { rows: key === 'rows' ? n : 0, cols: key === 'cols' ? n : 0, data: [] },
          key,
        ),
      ),
    fc
      .constantFrom<unknown>(0, 'matrix', null, undefined, true, 1n)
      .map((x) => invalid('not an object or an array', x, '(root)')),
    fc
      .array(fc.double(), { minLength: 1, maxLength: 4 })
      .map((xs) => invalid('an array of numbers, not of rows', xs, '0')),
  )
}
