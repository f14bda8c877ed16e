/**
 * What the gradient benchmarks share: a network and a mini-batch built
 * from a fixed seed, nabla's three ways of evaluating a network (the
 * forward cost, `grad` of it, and the hand-composed `backprop`), the same
 * gradient in TensorFlow.js (`tf.variableGrads`), and the comparisons that
 * make sure every contender computes the same numbers before it is timed.
 */
import {
  Matrix,
  Random,
  backprop,
  grad,
  initNetwork,
  networkCost,
  type Activation,
  type Cost,
  type Network,
  type Rng,
} from '../../src/index.js'
import { tf } from './tfjs.js'

/** A network shape, its activations and cost, and a mini-batch size. */
export interface NetworkCase {
  /** Layer sizes [n₀, n₁, …, n_L]. */
  readonly sizes: ReadonlyArray<number>
  /** σ of the hidden layers. */
  readonly hidden: Activation
  /** σ of the output layer. */
  readonly output: Activation
  readonly cost: Cost
  readonly batch: number
}

/** `[784, 30, 10] sigmoid/quadratic` and the like. */
export const describeNetwork = (c: NetworkCase): string =>
  `[${c.sizes.join(', ')}] ${c.hidden.name === c.output.name ? c.hidden.name : `${c.hidden.name}→${c.output.name}`}, ${c.cost.name}`

/** A network of the case's shape and a mini-batch for it. */
export interface Problem {
  readonly network: Network
  /** Inputs n₀ × batch, uniform in [0, 1). */
  readonly x: Matrix
  /** One-hot targets n_L × batch, the classes drawn uniformly. */
  readonly y: Matrix
}

/**
 * The network (weights N(0, 1/n_in), biases N(0, 1): nabla's `'scaled'`
 * initialisation, so that no sigmoid starts saturated), inputs uniform in
 * [0, 1) and random one-hot targets, all drawn from `rng`.
 */
export const makeProblem = (c: NetworkCase, rng: Rng): readonly [Problem, Rng] => {
  const layers = c.sizes.length - 1
  const acts = Array.from({ length: layers }, (_, i) => (i === layers - 1 ? c.output : c.hidden))
  const [network, r1] = initNetwork(c.sizes, acts, rng, 'scaled')
  const [x, r2] = Random.uniform(c.sizes[0]!, c.batch, r1)
  const classes = c.sizes[c.sizes.length - 1]!
  const [u, r3] = Random.uniform(1, c.batch, r2)
  const labels = Matrix.toArray(u).map((v) => Math.min(classes - 1, Math.floor(v * classes)))
  const y = Matrix.generate(classes, c.batch, (i, j) => (labels[j] === i ? 1 : 0))
  return [{ network, x, y }, r3]
}

/** nabla's three evaluations of a network on a mini-batch, each a closure over nothing but its inputs. */
export const nablaCalls = (
  c: NetworkCase,
  p: Problem,
): { readonly forward: () => number; readonly grad: () => Network; readonly backprop: () => Network } => {
  const cost = networkCost(c.cost)
  const gradient = grad(cost)
  const handWritten = backprop(p.network, c.cost)
  return {
    forward: () => cost(p.network, p.x, p.y),
    grad: () => gradient(p.network, p.x, p.y),
    backprop: () => handWritten(p.x, p.y),
  }
}

/** The gradient's matrices in layer order: ∂C/∂w¹, ∂C/∂b¹, ∂C/∂w², … */
export const parameterArrays = (g: Network): ReadonlyArray<ArrayLike<number>> =>
  g.layers.flatMap((l) => [Matrix.toFloat64Array(l.w), Matrix.toFloat64Array(l.b)])

/**
 * The largest normwise relative difference over the parameter arrays:
 * maxᵢ ‖xᵢ − yᵢ‖∞ / ‖yᵢ‖∞ (y is the reference). Infinite when the arrays do
 * not match in number or length, or when an entry is not finite.
 */
export const relativeDifference = (
  xs: ReadonlyArray<ArrayLike<number>>,
  ys: ReadonlyArray<ArrayLike<number>>,
): number => {
  if (xs.length !== ys.length) return Infinity
  let worst = 0
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k]!
    const y = ys[k]!
    if (x.length !== y.length) return Infinity
    let diff = 0
    let scale = 0
    for (let i = 0; i < x.length; i++) {
      const d = Math.abs(x[i]! - y[i]!)
      if (!Number.isFinite(d)) return Infinity
      diff = Math.max(diff, d)
      scale = Math.max(scale, Math.abs(y[i]!))
    }
    worst = Math.max(worst, scale === 0 ? diff : diff / scale)
  }
  return worst
}

/** The same network and batch as TF.js variables and tensors (float32) on the active backend. */
export interface TfProblem {
  /** w¹, b¹, w², b², … */
  readonly variables: ReadonlyArray<tf.Variable>
  readonly x: tf.Tensor2D
  readonly y: tf.Tensor2D
  readonly dispose: () => void
}

const tensor = (m: Matrix): tf.Tensor2D => tf.tensor2d(Float32Array.from(Matrix.toFloat64Array(m)), [m.rows, m.cols])

let variableCount = 0

/** Copies a problem into tensors of the active TF.js backend. */
export const toTf = (p: Problem): TfProblem => {
  const variables = p.network.layers.flatMap((l) =>
    [l.w, l.b].map((m) => {
      const t = tensor(m)
      const v = tf.variable(t, true, `bench-gradient-${String(variableCount++)}`)
      t.dispose()
      return v
    }),
  )
  const x = tensor(p.x)
  const y = tensor(p.y)
  return {
    variables,
    x,
    y,
    dispose: () => {
      variables.forEach((v) => {
        v.dispose()
      })
      x.dispose()
      y.dispose()
    },
  }
}

/**
 * The gradient of the same sigmoid network's mean quadratic cost in TF.js:
 * aˡ = sigmoid(wˡaˡ⁻¹ + bˡ), C = (1/n) Σₓ ½‖aᴸ − y‖², differentiated by
 * `tf.variableGrads`; every gradient is read back with `dataSync()` and
 * every tensor disposed. Returns the gradients in layer order.
 */
export const tfGradient = (t: TfProblem): ReadonlyArray<Float32Array> => {
  const batch = t.x.shape[1]
  const loss = (): tf.Scalar => {
    let a: tf.Tensor = t.x
    for (let l = 0; l < t.variables.length; l += 2) {
      a = tf.sigmoid(tf.add(tf.matMul(t.variables[l]!, a), t.variables[l + 1]!))
    }
    return tf.div(tf.mul(0.5, tf.sum(tf.square(tf.sub(a, t.y)))), batch)
  }
  const { value, grads } = tf.variableGrads(loss, [...t.variables])
  const out = t.variables.map((v) => grads[v.name]!.dataSync() as Float32Array)
  value.dispose()
  tf.dispose(grads)
  return out
}
