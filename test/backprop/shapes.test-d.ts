import { describe, expectTypeOf, it } from 'vitest'
import {
  add,
  biasGradient,
  bp1,
  bp2,
  bp3,
  bp4,
  grad,
  hiddenError,
  initNetwork,
  matmul,
  Matrix,
  networkCost,
  outputError,
  quadraticCost,
  Random,
  sigmoidActivation,
  sizes,
  weightGradient,
  type Layer,
  type Network,
} from 'nabla'
import type { Layers, ShapeMismatch } from 'nabla'
import type { Refusal } from '../helpers/shapeMessages.js'

const σ = sigmoidActivation

describe('the four equations carry the shapes of the book', () => {
  // a layer of n = 3 neurons fed by k = 2, its successor of 4, a batch of m = 5
  const z = Matrix.zeros(3, 5)
  const delta = Matrix.zeros(3, 5)
  const wNext = Matrix.zeros(4, 3)
  const deltaNext = Matrix.zeros(4, 5)
  const aPrev = Matrix.zeros(2, 5)

  it('BP1: ∇ₐC of the shape of zᴸ gives δᴸ of that shape', () => {
    expectTypeOf(outputError(σ, z, Matrix.ones(3, 5))).toEqualTypeOf<Matrix<3, 5>>()
    expectTypeOf(bp1(σ, z, Matrix.ones(3, 5))).toEqualTypeOf<Matrix<3, 5>>()
    // @ts-expect-error ∇ₐC must have the shape of zᴸ
    outputError(σ, z, Matrix.ones(5, 3))
    type Refused = Parameters<typeof outputError<Matrix<3, 5>, Matrix<5, 3>>>[2]
    expectTypeOf<Refusal<Refused>>().toEqualTypeOf<'outputError: ∇ₐC must have the shape of zᴸ (shapes 3×5 and 5×3)'>()
  })

  it('BP2: a k×n wˡ⁺¹ and a k×m δˡ⁺¹ with an n×m zˡ give an n×m δˡ', () => {
    expectTypeOf(hiddenError(wNext, deltaNext, σ, z)).toEqualTypeOf<Matrix<3, 5>>()
    expectTypeOf(bp2(wNext, deltaNext, σ, z)).toEqualTypeOf<Matrix<3, 5>>()
    // @ts-expect-error δˡ⁺¹ has 3 rows where wˡ⁺¹ has 4
    hiddenError(wNext, delta, σ, z)
    // @ts-expect-error zˡ has 2 rows where (wˡ⁺¹)ᵀδˡ⁺¹ has 3
    hiddenError(wNext, deltaNext, σ, aPrev)
    type Args = Parameters<typeof hiddenError<Matrix<4, 3>, Matrix<3, 5>, Matrix<3, 5>>>
    expectTypeOf<
      Refusal<Args[1]>
    >().toEqualTypeOf<'hiddenError: wˡ⁺¹ and δˡ⁺¹ must have as many rows (shapes 4×3 and 3×5)'>()
    type ZArgs = Parameters<typeof hiddenError<Matrix<4, 3>, Matrix<4, 5>, Matrix<3, 6>>>
    expectTypeOf<
      Refusal<ZArgs[3]>
    >().toEqualTypeOf<'hiddenError: zˡ must have the shape of (wˡ⁺¹)ᵀδˡ⁺¹, 3×5 (got 3×6)'>()
  })

  it('BP3: an n×m δ gives an n×1 bias gradient', () => {
    expectTypeOf(biasGradient(delta)).toEqualTypeOf<Matrix<3, 1>>()
    expectTypeOf(bp3(delta)).toEqualTypeOf<Matrix<3, 1>>()
  })

  it('BP4: δ(aˡ⁻¹)ᵀ of an n×m δ and a k×m aˡ⁻¹ is n×k, the shape of wˡ', () => {
    expectTypeOf(weightGradient(delta, aPrev)).toEqualTypeOf<Matrix<3, 2>>()
    expectTypeOf(bp4(delta, aPrev)).toEqualTypeOf<Matrix<3, 2>>()
    // @ts-expect-error a batch of 5 errors against a batch of 4 activations
    weightGradient(delta, Matrix.zeros(2, 4))
    type Refused = Parameters<typeof weightGradient<Matrix<3, 5>, Matrix<2, 4>>>[1]
    expectTypeOf<
      Refusal<Refused>
    >().toEqualTypeOf<'weightGradient: δˡ and aˡ⁻¹ must have as many columns, one per example (shapes 3×5 and 2×4)'>()
  })

  it('plain matrices give plain results, and mix with literal ones', () => {
    const plain: Matrix = z
    expectTypeOf(outputError(σ, plain, plain)).toEqualTypeOf<Matrix>()
    expectTypeOf(outputError(σ, plain, delta)).toEqualTypeOf<Matrix<3, 5>>()
    expectTypeOf(hiddenError(plain, plain, σ, plain)).toEqualTypeOf<Matrix>()
    expectTypeOf(hiddenError(wNext, plain, σ, plain)).toEqualTypeOf<Matrix<3>>()
    expectTypeOf(biasGradient(plain)).toEqualTypeOf<Matrix<number, 1>>()
    expectTypeOf(weightGradient(plain, aPrev)).toEqualTypeOf<Matrix<number, 2>>()
  })
})

describe('typed layers and networks', () => {
  it('literal sizes give a tuple of typed layers', () => {
    const [network] = initNetwork([2, 3, 1], σ, Random.seed(1))
    expectTypeOf(network).toEqualTypeOf<Network<readonly [Layer<2, 3>, Layer<3, 1>]>>()
    expectTypeOf(network).toEqualTypeOf<Network<Layers<[2, 3, 1]>>>()
    expectTypeOf(network.layers[0].w).toEqualTypeOf<Matrix<3, 2>>()
    expectTypeOf(network.layers[1].b).toEqualTypeOf<Matrix<1>>()
    expectTypeOf(sizes(network)).toEqualTypeOf<readonly [2, 3, 1]>()
    // @ts-expect-error a network needs an input size and at least one layer
    initNetwork([2], σ, Random.seed(1))
    type Refused = Parameters<typeof initNetwork<readonly [2]>>[0]
    expectTypeOf<Refusal<Refused>>().toEqualTypeOf<'initNetwork: a network needs at least two layer sizes, got [2]'>()
  })

  it('the refusal types can be named from the package root', () => {
    type Refused = Parameters<typeof initNetwork<readonly [2]>>[0]
    expectTypeOf<Extract<Refused, ShapeMismatch<string, string>>['shapeMismatch']>().toEqualTypeOf<'initNetwork'>()
  })

  it('sizes known only at run time give the plain network', () => {
    const n: ReadonlyArray<number> = [2, 3, 1]
    const [network] = initNetwork(n, σ, Random.seed(1))
    expectTypeOf(network).toEqualTypeOf<Network>()
    expectTypeOf(network.layers).toEqualTypeOf<ReadonlyArray<Layer>>()
    expectTypeOf(sizes(network)).toEqualTypeOf<ReadonlyArray<number>>()
    expectTypeOf<Layers<number[]>>().toEqualTypeOf<ReadonlyArray<Layer>>()
  })

  it('a typed network is a network, but a plain one is not a typed one', () => {
    const [typed] = initNetwork([2, 3, 1], σ, Random.seed(1))
    const [plain] = initNetwork([2, 3, 1] as ReadonlyArray<number>, σ, Random.seed(1))
    expectTypeOf(typed).toExtend<Network>()
    expectTypeOf(plain).not.toExtend<typeof typed>()
    const [other] = initNetwork([2, 4, 1], σ, Random.seed(1))
    expectTypeOf(other).not.toExtend<typeof typed>()
  })

  it('a typed layer checks the products and sums it enters, and its gradient has its type', () => {
    const [network] = initNetwork([2, 3, 1], σ, Random.seed(1))
    const layer = network.layers[0]
    const x = Matrix.zeros(2, 8)
    const z = add(matmul(layer.w, x), layer.b)
    expectTypeOf(z).toEqualTypeOf<Matrix<3, 8>>()
    // @ts-expect-error the first layer takes 2 inputs, not 3
    matmul(layer.w, Matrix.zeros(3, 8))
    expectTypeOf(weightGradient(z, x)).toEqualTypeOf<typeof layer.w>()
    const cost = networkCost(quadraticCost)
    const g = grad((p: typeof network) => cost(p, x, Matrix.zeros(1, 8)))(network)
    expectTypeOf(g).toEqualTypeOf<typeof network>()
  })
})
