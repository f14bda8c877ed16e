import assert from 'node:assert/strict'
import {
  Matrix,
  Random,
  bp1,
  bp2,
  bp3,
  bp4,
  feedforward,
  quadraticCost,
  sgdBackpropStep,
  sigmoidActivation,
  type Network,
} from 'nabla'

// The tutorial's network: 2 inputs, 3 hidden units, 1 output, sigmoid
// everywhere, no biases, weights uniform in [0, 1). Its matrices hold one
// example per row: X is 3×2 (three examples), W1 is 2×3 and W2 is 3×1.
const [W1, r1] = Random.uniform(2, 3, Random.seed(1))
const [W2, r2] = Random.uniform(3, 1, r1)
// three examples of our own, inputs and targets in [0, 1)
const [X, r3] = Random.uniform(3, 2, r2)
const [y] = Random.uniform(3, 1, r3)

// --- the tutorial's recipe, in its layout ---
const sigmoid = (s: number): number => 1 / (1 + Math.exp(-s))
// the derivative, written in terms of the sigmoid's output s = σ(t)
const sigmoidPrime = (s: number): number => s * (1 - s)
const { matmul, transpose, map, hadamard, sub } = Matrix

const z = matmul(X, W1) // the hidden units' sums
const z2 = map(z, sigmoid) // their outputs (called z² in the recipe)
const z3 = matmul(z2, W2) // the output unit's sum
const o = map(z3, sigmoid) // the output
const oError = sub(y, o) // error = target − output
// the delta output sum: the error times σ′ of the output's sum
const deltaOutputSum = hadamard(oError, map(o, sigmoidPrime))
// the z² error: each hidden unit's share of it, through W2
const z2Error = matmul(deltaOutputSum, transpose(W2))
// the z² delta: that share times σ′ of the hidden unit's sum
const z2Delta = hadamard(z2Error, map(z2, sigmoidPrime))
// the adjustments the recipe adds to the weights
const W1Step = matmul(transpose(X), z2Delta)
const W2Step = matmul(transpose(z2), deltaOutputSum)

// --- the same network in nabla: wˡ = Wₗᵀ, one example per column ---
const zeros = (n: number): Matrix => Matrix.zeros(n, 1)
const network: Network = {
  layers: [
    { w: transpose(W1), b: zeros(3), activation: sigmoidActivation },
    { w: transpose(W2), b: zeros(1), activation: sigmoidActivation },
  ],
}
const x = transpose(X)
const { zs, as } = feedforward(network)(x)
// the quadratic cost, the mean over the n = 3 examples of ½(y − a)²
const n = 3
const nablaA = quadraticCost.nablaA(as[2]!, transpose(y))
const delta2 = bp1(sigmoidActivation, zs[1]!, nablaA)
const w2 = network.layers[1]!.w
const delta1 = bp2(w2, delta2, sigmoidActivation, zs[0]!)

// the forward pass is the same: the recipe's z² is a¹ and its o is a²
// (its sigmoid and nabla's round differently, by an ulp or two of 1)
const close = Matrix.getEqApprox({ atol: 1e-15 })
assert.ok(close.equals(z2, transpose(as[1]!)))
assert.ok(close.equals(o, transpose(as[2]!)))

// Each quantity of the recipe is nabla's transposed (examples are rows
// there) and times −n: the recipe's error is target − output, the negative
// of ∇ₐC, and its cost is the sum over the examples where nabla's is the
// mean. Equal up to rounding: the two compute the same sums of products in
// another order, and nabla scales by 1/n and back. Over seeds 1–300 the
// largest difference is 80·ε of the matrix's largest entry (ε = 2⁻⁵², from
// cancellation in BP4's sums); a wrong step (σ′ of the sum instead of the
// output, a lost sign or factor) is off by a good part of the entry.
const equal = (recipe: Matrix, nabla: Matrix): void => {
  const expected = Matrix.scale(transpose(nabla), -n)
  const largest = Math.max(...Matrix.toArray(expected).map(Math.abs))
  assert.ok(
    Matrix.getEqApprox({ atol: 1e-12 * largest }).equals(recipe, expected),
    `${Matrix.Show.show(recipe)} ≠ ${Matrix.Show.show(expected)}`,
  )
}
// BP1: the delta output sum is δ² = ∇ₐC ⊙ σ′(z²)
equal(deltaOutputSum, delta2)
// BP2, its two factors: the z² error is (w²)ᵀδ², the z² delta is δ¹
equal(z2Error, Matrix.matmulTN(w2, delta2))
equal(z2Delta, delta1)
// BP4: the adjustments are ∂C/∂w² = δ²(a¹)ᵀ and ∂C/∂w¹ = δ¹(a⁰)ᵀ
equal(W2Step, bp4(delta2, as[1]!))
equal(W1Step, bp4(delta1, as[0]!))
// BP3: the recipe has no biases; a bias's adjustment would be its delta
// summed over the examples, ∂C/∂bˡ = Σ δˡ
equal(Matrix.sumCols(deltaOutputSum), bp3(delta2))
equal(Matrix.sumCols(z2Delta), bp3(delta1))

// so the recipe's update, W += adjustment, is gradient descent with η = n
// on the mean cost (η = 1 on the sum of ½(y − o)²)
const [, stepped] = sgdBackpropStep(
  network,
  quadraticCost,
  n,
)(x, transpose(y))
const updated = (W: Matrix, step: Matrix, l: number): void => {
  assert.ok(
    Matrix.getEqApprox({ atol: 1e-12 }).equals(
      Matrix.add(W, step),
      transpose(stepped.layers[l]!.w),
    ),
  )
}
updated(W1, W1Step, 0)
updated(W2, W2Step, 1)
