import { describe } from 'vitest'
import {
  addIsAssociative,
  addIsCommutative,
  identityIsNeutralForMatmul,
  matmulDistributesOverAdd,
  matmulIsAssociative,
  matmulMatchesNaiveProduct,
  matmulNTIsMatmulByTranspose,
  matmulTNIsMatmulOfTranspose,
  transposeIsInvolutive,
  transposeReversesProducts,
  zerosAreAdditiveIdentity,
} from 'nabla/laws'
import { testLaw } from './prop.js'

describe('the additive monoid', () => {
  testLaw(addIsAssociative())
  testLaw(addIsCommutative())
  testLaw(zerosAreAdditiveIdentity())
})

describe('the matrix product', () => {
  testLaw(matmulIsAssociative())
  testLaw(matmulDistributesOverAdd())
  testLaw(identityIsNeutralForMatmul())
  testLaw(matmulTNIsMatmulOfTranspose())
  testLaw(matmulNTIsMatmulByTranspose())
})

describe('the transpose', () => {
  testLaw(transposeIsInvolutive())
  testLaw(transposeReversesProducts())
})

describe('matmul, matmulTN, matmulNT and (AᵀBᵀ) transpose∘matmul agree with the textbook product', () => {
  testLaw(matmulMatchesNaiveProduct())
  testLaw(matmulMatchesNaiveProduct({ transposeA: true }))
  testLaw(matmulMatchesNaiveProduct({ transposeB: true }))
  testLaw(matmulMatchesNaiveProduct({ transposeA: true, transposeB: true }))
})

// The exact product laws again, on shapes large enough (up to 70) to reach
// the blocked and packed paths of the kernel, which the default shapes
// (dimensions ≤ 8) do not.
describe('the exact product laws on large shapes', () => {
  const large = { minDim: 1, maxDim: 70 }
  testLaw(identityIsNeutralForMatmul(large), 15)
  testLaw(matmulTNIsMatmulOfTranspose(large), 15)
  testLaw(matmulNTIsMatmulByTranspose(large), 15)
  testLaw(transposeReversesProducts(large), 15)
})
