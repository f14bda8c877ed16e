/**
 * Algebraic laws of the Matrix operations: the additive monoid, the
 * associativity and distributivity of the product, the identity, the
 * transpose, and agreement of the product kernels with a textbook product.
 *
 * Where floating point makes a law approximate, the tolerance is a
 * componentwise a-priori rounding-error bound computed for each case from
 * the magnitudes of its own entries (the standard bounds of Higham,
 * *Accuracy and Stability of Numerical Algorithms*, ch. 3). It is derived
 * next to each law, and the worst case over the default domain (entries in
 * [−10, 10], dimensions ≤ 8) is stated there.
 *
 * @module
 */
import * as fc from 'fast-check'
import { Matrix } from '../../src/index.js'
import type { Law } from '../law.js'
import {
  type EntryConstraints,
  type ProductConstraints,
  type ShapeConstraints,
  anyShapeMatrix,
  dimension,
  multipliablePair,
  multipliableTriple,
  multiplierAndSameShapePair,
  productOperands,
  sameShapePair,
  sameShapeTriple,
} from '../arbitraries/matrix.js'
import {
  abs,
  equalEntries,
  gamma,
  identical,
  naiveProduct,
  naiveSum,
  naiveTranspose,
  times,
  unitRoundoff as u,
  withinBound,
} from './reference.js'

/**
 * The operations the algebraic laws are stated over. The laws check nabla's
 * own by default; pass some of yours (`{ algebra: { matmul: myMatmul } }`)
 * to check those instead.
 *
 * @category laws
 */
export interface MatrixAlgebra {
  readonly add: (a: Matrix, b: Matrix) => Matrix
  readonly zeros: (rows: number, cols: number) => Matrix
  readonly identity: (n: number) => Matrix
  readonly matmul: (a: Matrix, b: Matrix) => Matrix
  /** AᵀB, for A k×m and B k×n. */
  readonly matmulTN: (a: Matrix, b: Matrix) => Matrix
  /** ABᵀ, for A m×k and B n×k. */
  readonly matmulNT: (a: Matrix, b: Matrix) => Matrix
  readonly transpose: (a: Matrix) => Matrix
}

/**
 * nabla's operations, as a {@link MatrixAlgebra}.
 *
 * @category laws
 */
export const nablaAlgebra: MatrixAlgebra = Object.freeze<MatrixAlgebra>({
  add: (a, b) => Matrix.add(a, b),
  zeros: (rows, cols) => Matrix.zeros(rows, cols),
  identity: (n) => Matrix.identity(n),
  matmul: (a, b) => Matrix.matmul(a, b),
  matmulTN: (a, b) => Matrix.matmulTN(a, b),
  matmulNT: (a, b) => Matrix.matmulNT(a, b),
  transpose: (a) => Matrix.transpose(a),
})

/**
 * Options of the algebraic laws: the operations under test (nabla's unless
 * replaced), and the domain of the generated operands (dimensions 0 … 8 and
 * entries in [−10, 10] unless told otherwise).
 *
 * @category laws
 */
export interface AlgebraLawOptions extends ProductConstraints {
  /** Operations to check instead of nabla's. */
  readonly algebra?: Partial<MatrixAlgebra>
}

const algebraOf = (options: AlgebraLawOptions): MatrixAlgebra => ({ ...nablaAlgebra, ...options.algebra })

const shapes = (options: ProductConstraints): ShapeConstraints & EntryConstraints => ({
  ...options,
  ...(options.minDim === undefined ? {} : { minRows: options.minDim, minCols: options.minDim }),
  ...(options.maxDim === undefined ? {} : { maxRows: options.maxDim, maxCols: options.maxDim }),
})

/**
 * (A + B) + C ≈ A + (B + C), entrywise within 4u(1 + u)·(|A| + |B| + |C|).
 *
 * Why: fl(a + b) errs by at most u·|a + b| ≤ u(|a| + |b|), and adding c to
 * it errs by at most u·(|fl(a + b)| + |c|); so each side is within
 * 2u(1 + u)(|a| + |b| + |c|) of the exact sum, and the two sides within
 * twice that. Sums that underflow are exact, so no absolute term is needed.
 * Over the default domain the bound is at most 4u·30 ≈ 1.3e−14.
 *
 * @category laws
 */
export const addIsAssociative = (options: AlgebraLawOptions = {}): Law<readonly [Matrix, Matrix, Matrix]> => {
  const { add } = algebraOf(options)
  return {
    name: 'addIsAssociative',
    arbitrary: sameShapeTriple(shapes(options)),
    holds: ([a, b, c]) =>
      withinBound(
        add(add(a, b), c),
        add(a, add(b, c)),
        times(4 * u * (1 + u), naiveSum(naiveSum(abs(a), abs(b)), abs(c))),
      ),
  }
}

/**
 * A + B = B + A exactly, bit for bit: IEEE 754 addition is commutative,
 * signed zeros included.
 *
 * @category laws
 */
export const addIsCommutative = (options: AlgebraLawOptions = {}): Law<readonly [Matrix, Matrix]> => {
  const { add } = algebraOf(options)
  return {
    name: 'addIsCommutative',
    arbitrary: sameShapePair(shapes(options)),
    holds: ([a, b]) => identical(add(a, b), add(b, a)),
  }
}

/**
 * A + 0 = A = 0 + A exactly, where −0 counts as equal to 0 (because
 * −0 + 0 is +0 in IEEE 754: the only bits that change).
 *
 * @category laws
 */
export const zerosAreAdditiveIdentity = (options: AlgebraLawOptions = {}): Law<Matrix> => {
  const { add, zeros } = algebraOf(options)
  return {
    name: 'zerosAreAdditiveIdentity',
    arbitrary: anyShapeMatrix(shapes(options)),
    holds: (a) => equalEntries(add(a, zeros(a.rows, a.cols)), a) && equalEntries(add(zeros(a.rows, a.cols), a), a),
  }
}

/**
 * (AB)C ≈ A(BC) for A m×k, B k×l, C l×n, entrywise within
 * 2(γₖ + γₗ + γₖγₗ)·|A||B||C|.
 *
 * Why: the computed AB is AB + E with |E| ≤ γₖ|A||B| (a dot product of
 * length k, summed in any order), and multiplying it by C adds an error of
 * at most γₗ|fl(AB)||C| ≤ γₗ(1 + γₖ)|A||B||C|; so (AB)C is within
 * (γₖ + γₗ + γₖγₗ)|A||B||C| of the exact ABC, and by the same argument so is
 * A(BC). Over the default domain (k, l ≤ 8, |entries| ≤ 10) the entries of
 * |A||B||C| are at most 8·8·10³ and the bound at most about 2.3e−10; for
 * typical cases it is far smaller, since it scales with the case's own
 * entries.
 *
 * @category laws
 */
export const matmulIsAssociative = (options: AlgebraLawOptions = {}): Law<readonly [Matrix, Matrix, Matrix]> => {
  const { matmul } = algebraOf(options)
  return {
    name: 'matmulIsAssociative',
    arbitrary: multipliableTriple(options),
    holds: ([a, b, c]) => {
      const k = a.cols
      const l = b.cols
      const bound = times(
        2 * (gamma(k) + gamma(l) + gamma(k) * gamma(l)),
        naiveProduct(naiveProduct(abs(a), abs(b)), abs(c)),
      )
      return withinBound(matmul(matmul(a, b), c), matmul(a, matmul(b, c)), bound)
    },
  }
}

/**
 * A(B + C) ≈ AB + AC for A m×k and B, C k×n, entrywise within
 * 2(u + γₖ + uγₖ)·|A|(|B| + |C|).
 *
 * Why: fl(B + C) = B + C + Δ with |Δ| ≤ u(|B| + |C|), and the product with
 * A adds at most γₖ(1 + u)|A|(|B| + |C|); on the other side, AB and AC each
 * err by γₖ|A||B| and γₖ|A||C|, and their sum by u(1 + γₖ)|A|(|B| + |C|).
 * Each side is within (u + γₖ + uγₖ)|A|(|B| + |C|) of the exact value.
 * Over the default domain the bound is at most about 2·9u·8·10·20 ≈ 3.2e−12.
 *
 * @category laws
 */
export const matmulDistributesOverAdd = (options: AlgebraLawOptions = {}): Law<readonly [Matrix, Matrix, Matrix]> => {
  const { add, matmul } = algebraOf(options)
  return {
    name: 'matmulDistributesOverAdd',
    arbitrary: multiplierAndSameShapePair(options),
    holds: ([a, b, c]) => {
      const k = a.cols
      const bound = times(2 * (u + gamma(k) + u * gamma(k)), naiveProduct(abs(a), naiveSum(abs(b), abs(c))))
      return withinBound(matmul(a, add(b, c)), add(matmul(a, b), matmul(a, c)), bound)
    },
  }
}

/**
 * IA = A = AI exactly (−0 counting as 0): every entry of IA is one product
 * 1·aᵢⱼ, which is exact, plus products 0·aₚⱼ, which are zeros, so no
 * rounding happens at all; only a −0 entry may come back as +0.
 *
 * @category laws
 */
export const identityIsNeutralForMatmul = (options: AlgebraLawOptions = {}): Law<Matrix> => {
  const { identity, matmul } = algebraOf(options)
  return {
    name: 'identityIsNeutralForMatmul',
    arbitrary: anyShapeMatrix(shapes(options)),
    holds: (a) => equalEntries(matmul(identity(a.rows), a), a) && equalEntries(matmul(a, identity(a.cols)), a),
  }
}

/**
 * (Aᵀ)ᵀ = A, bit for bit (transposing only moves entries).
 *
 * @category laws
 */
export const transposeIsInvolutive = (options: AlgebraLawOptions = {}): Law<Matrix> => {
  const { transpose } = algebraOf(options)
  return {
    name: 'transposeIsInvolutive',
    arbitrary: anyShapeMatrix(shapes(options)),
    holds: (a) => identical(transpose(transpose(a)), a) && identical(transpose(a), naiveTranspose(a)),
  }
}

/**
 * (AB)ᵀ = BᵀAᵀ, bit for bit.
 *
 * Exact, not approximate, because entry (i, j) of both sides is the same sum
 * Σₚ AⱼₚBₚᵢ: the products are the same floats (multiplication commutes
 * exactly) and nabla's kernel adds them in the same order, p = 0 … k − 1,
 * starting from +0, whatever the shape. A kernel that reorders its sums by
 * shape (e.g. splits k differently for tall and wide products) would satisfy
 * this law only within 2γₖ|A||B|; then this law is the one to relax.
 *
 * @category laws
 */
export const transposeReversesProducts = (options: AlgebraLawOptions = {}): Law<readonly [Matrix, Matrix]> => {
  const { matmul, transpose } = algebraOf(options)
  return {
    name: 'transposeReversesProducts',
    arbitrary: multipliablePair(options),
    holds: ([a, b]) => identical(transpose(matmul(a, b)), matmul(transpose(b), transpose(a))),
  }
}

/**
 * matmulTN(A, B) = matmul(Aᵀ, B), bit for bit: the transposed product reads
 * A in another order but forms the same products and adds them in the same
 * order.
 *
 * @category laws
 */
export const matmulTNIsMatmulOfTranspose = (options: AlgebraLawOptions = {}): Law<readonly [Matrix, Matrix]> => {
  const { matmul, matmulTN, transpose } = algebraOf(options)
  return {
    name: 'matmulTNIsMatmulOfTranspose',
    // [Aᵀ, B] is multipliable, so [A, B] fits matmulTN
    arbitrary: multipliablePair(options).map(([at, b]) => [naiveTranspose(at), b] as const),
    holds: ([a, b]) => identical(matmulTN(a, b), matmul(transpose(a), b)),
  }
}

/**
 * matmulNT(A, B) = matmul(A, Bᵀ), bit for bit (as for
 * {@link matmulTNIsMatmulOfTranspose}).
 *
 * @category laws
 */
export const matmulNTIsMatmulByTranspose = (options: AlgebraLawOptions = {}): Law<readonly [Matrix, Matrix]> => {
  const { matmul, matmulNT, transpose } = algebraOf(options)
  return {
    name: 'matmulNTIsMatmulByTranspose',
    arbitrary: multipliablePair(options).map(([a, bt]) => [a, naiveTranspose(bt)] as const),
    holds: ([a, b]) => identical(matmulNT(a, b), matmul(a, transpose(b))),
  }
}

/**
 * Options of {@link matmulMatchesNaiveProduct}.
 *
 * @category laws
 */
export interface NaiveProductLawOptions extends EntryConstraints {
  /** A is stored transposed (k×m) and the product is AᵀB… (default false). */
  readonly transposeA?: boolean
  /** B is stored transposed (n×k) and the product is …Bᵀ (default false). */
  readonly transposeB?: boolean
  /**
   * The product under test, given A and B as stored. Defaults to nabla's:
   * `matmul`, `matmulTN`, `matmulNT`, and (AᵀBᵀ) `transpose(matmul(B, A))`.
   */
  readonly multiply?: (a: Matrix, b: Matrix) => Matrix
  /** Largest "large" dimension (default 24); see the law. */
  readonly maxDim?: number
}

const defaultMultiply = (transposeA: boolean, transposeB: boolean): ((a: Matrix, b: Matrix) => Matrix) =>
  transposeA
    ? transposeB
      ? (a, b) => Matrix.transpose(Matrix.matmul(b, a))
      : (a, b) => Matrix.matmulTN(a, b)
    : transposeB
      ? (a, b) => Matrix.matmulNT(a, b)
      : (a, b) => Matrix.matmul(a, b)

/**
 * op(A)·op(B) matches the textbook triple loop, entrywise within
 * 2γₖ·|op(A)||op(B)| (each side errs by at most γₖ|op(A)||op(B)|, whatever
 * its order of summation; at most about 2·24u·24·10·10 ≈ 1.3e−11 over the
 * default domain), where op transposes the operands stored transposed.
 *
 * The shapes are chosen to reach every path of a blocked kernel: one in
 * three cases is thin (some dimension 0 or 1), one is small (all
 * dimensions ≤ 8), and one is large (all dimensions 17 … maxDim, so
 * m·n·k > 4096: packed panels with ragged edges, as most of these sizes are
 * not multiples of 4).
 *
 * @category laws
 */
export const matmulMatchesNaiveProduct = (options: NaiveProductLawOptions = {}): Law<readonly [Matrix, Matrix]> => {
  const transposeA = options.transposeA ?? false
  const transposeB = options.transposeB ?? false
  const multiply = options.multiply ?? defaultMultiply(transposeA, transposeB)
  const maxDim = Math.max(17, options.maxDim ?? 24)
  type Dims = readonly [number, number, number]
  const thin: fc.Arbitrary<Dims> = fc
    .tuple(dimension(0, 1), dimension(1, maxDim), dimension(1, maxDim), fc.integer({ min: 0, max: 2 }))
    .map(([t, x, y, where]) => (where === 0 ? [t, x, y] : where === 1 ? [x, t, y] : [x, y, t]))
  const small: fc.Arbitrary<Dims> = fc.tuple(dimension(0, 8), dimension(0, 8), dimension(0, 8))
  const large: fc.Arbitrary<Dims> = fc.tuple(dimension(17, maxDim), dimension(17, maxDim), dimension(17, maxDim))
  // cross-shrinking lets a failure found on a large or thin shape shrink to a small one
  const dims = fc.oneof({ withCrossShrink: true }, small, thin, large)
  return {
    name: `matmulMatchesNaiveProduct(${transposeA ? 'Aᵀ' : 'A'}${transposeB ? 'Bᵀ' : 'B'})`,
    arbitrary: productOperands(dims, { ...options, maxDim, transposeA, transposeB }),
    holds: ([a, b]) => {
      const opA = transposeA ? naiveTranspose(a) : a
      const opB = transposeB ? naiveTranspose(b) : b
      const bound = times(2 * gamma(opA.cols), naiveProduct(abs(opA), abs(opB)))
      return withinBound(multiply(a, b), naiveProduct(opA, opB), bound)
    },
  }
}
