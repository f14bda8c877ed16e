import assert from 'node:assert/strict'
import {
  Matrix,
  Random,
  backprop,
  initNetwork,
  networkCost,
  quadraticCost,
  sigmoidActivation,
  type Network,
} from 'nabla'

// Nielsen's chapter-1 network
const [net, r1] = initNetwork(
  [784, 30, 10],
  [sigmoidActivation, sigmoidActivation],
  Random.seed(1),
)
const parameters = net.layers.reduce(
  (n, l) => n + l.w.rows * l.w.cols + l.b.rows,
  0,
)
assert.equal(parameters, 23_860) // 784·30 + 30 + 30·10 + 10

// one example; backprop gives all 23,860 partial derivatives at once
const [x, r2] = Random.uniform(784, 1, r1)
const [u] = Random.uniform(1, 1, r2)
const y = Matrix.generate(10, 1, (i) =>
  i === Math.floor(Matrix.get(u, 0, 0) * 10) ? 1 : 0,
)
const cost = networkCost(quadraticCost)
const g = backprop(net, quadraticCost)(x, y)

// a finite difference gives one, for two forward passes: here w¹₀,₁₂₃
const w1 = net.layers[0].w
const moved = (h: number): Network => ({
  layers: [
    {
      ...net.layers[0],
      w: Matrix.generate(w1.rows, w1.cols, (i, j) =>
        i === 0 && j === 123
          ? Matrix.get(w1, i, j) + h
          : Matrix.get(w1, i, j),
      ),
    },
    net.layers[1],
  ],
})
const h = 1e-5
const difference = (cost(moved(h), x, y) - cost(moved(-h), x, y)) / (2 * h)
const exact = Matrix.get(g.layers[0]!.w, 0, 123)
// a central difference is accurate to O(h²) and to the rounding of C/h
assert.ok(
  Math.abs(difference - exact) <= 1e-8 * Math.max(1, Math.abs(exact)),
)
