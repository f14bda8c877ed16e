import * as fc from 'fast-check'
import {
  Matrix,
  addWeightDecay,
  backprop,
  checkGrads,
  feedforward,
  grad,
  isClose,
  jvp,
  l2Penalty,
  networkCost,
  numericGradient,
  costFromLayer,
  errors,
  sliceCols,
  add,
  mul,
  square,
  sum,
  type Network,
  type Tolerance,
} from '../../src/index.js'
import { either as E } from 'fp-ts'
import { entries, inner, randomLike } from '../../src/numeric/treeMath.js'
import { Random } from '../../src/index.js'
import type { Law } from '../law.js'
import { EXACT_TOLERANCE, FINITE_DIFFERENCE_TOLERANCE } from '../ad/derivative.js'
import { networkCases, type NetworkCase, type NetworkConstraints } from './arbitraries.js'

/** xs[i], which the caller knows exists. */
const at = <T>(xs: ReadonlyArray<T>, i: number): T => {
  const v = xs[i]
  if (v === undefined) throw new RangeError(`no entry ${String(i)}`)
  return v
}

const close = (a: ReadonlyArray<number>, b: ReadonlyArray<number>, tol: Tolerance): boolean => {
  const scale = Math.max(1, ...b.map(Math.abs))
  return (
    a.length === b.length && a.every((x, i) => isClose(x, b[i] as number, { atol: tol.atol * scale, rtol: tol.rtol }))
  )
}

/** The cost as a function of layer l's weighted input zˡ (0-based l). */
const costFromZ = ({ network, cost, y }: NetworkCase, l: number): ((z: Matrix) => number) =>
  costFromLayer(network, cost, l, y)

/** δˡ for every layer, by BP1 and BP2 only (0-based). */
const deltas = ({ network, cost, x, y }: NetworkCase): ReadonlyArray<Matrix> =>
  errors(network, cost)(feedforward(network)(x), y)

/** The network with layer l's weights (or biases) replaced. */
const withParam = (network: Network, l: number, key: 'w' | 'b', value: Matrix): Network => ({
  layers: network.layers.map((layer, i) => (i === l ? { ...layer, [key]: value } : layer)),
})

/**
 * BP1: δᴸ from `outputError` (or the cost's closed form for its canonical
 * output) equals the central-difference gradient of C with respect to zᴸ.
 *
 * @category backpropagation laws
 */
export const bp1MatchesFiniteDifference = (
  constraints: NetworkConstraints = {},
  tol: Tolerance = FINITE_DIFFERENCE_TOLERANCE,
): Law<NetworkCase> => ({
  name: 'BP1: bp1MatchesFiniteDifference (δᴸ = ∂C/∂zᴸ)',
  arbitrary: networkCases(constraints),
  holds: (c) => {
    const L = c.network.layers.length - 1
    const zL = at(feedforward(c.network)(c.x).zs, L)
    return close(Matrix.toArray(at(deltas(c), L)), Matrix.toArray(numericGradient(costFromZ(c, L), zL)), tol)
  },
})

/**
 * BP2: δˡ of every hidden layer equals the central-difference gradient of C
 * with respect to zˡ.
 *
 * @category backpropagation laws
 */
export const bp2MatchesFiniteDifference = (
  constraints: NetworkConstraints = {},
  tol: Tolerance = FINITE_DIFFERENCE_TOLERANCE,
): Law<NetworkCase> => ({
  name: 'BP2: bp2MatchesFiniteDifference (δˡ = ∂C/∂zˡ)',
  arbitrary: networkCases({ ...constraints, maxLayers: Math.max(2, constraints.maxLayers ?? 3) }),
  holds: (c) => {
    const { zs } = feedforward(c.network)(c.x)
    const ds = deltas(c)
    return c.network.layers
      .slice(0, -1)
      .every((_, l) =>
        close(Matrix.toArray(at(ds, l)), Matrix.toArray(numericGradient(costFromZ(c, l), at(zs, l))), tol),
      )
  },
})

/** Whether backprop's gradient for one kind of parameter matches central differences of C at every layer. */
const parameterGradientMatches =
  (key: 'w' | 'b', tol: Tolerance) =>
  ({ network, cost, x, y }: NetworkCase): boolean => {
    const g = backprop(network, cost)(x, y)
    return network.layers.every((layer, l) => {
      const fd = numericGradient((p: Matrix) => networkCost(cost)(withParam(network, l, key, p), x, y), layer[key])
      return close(Matrix.toArray(at(g.layers, l)[key]), Matrix.toArray(fd), tol)
    })
  }

/**
 * BP3: ∂C/∂bˡ from `backprop` equals the central-difference gradient of C
 * with respect to bˡ, at every layer.
 *
 * @category backpropagation laws
 */
export const bp3MatchesFiniteDifference = (
  constraints: NetworkConstraints = {},
  tol: Tolerance = FINITE_DIFFERENCE_TOLERANCE,
): Law<NetworkCase> => ({
  name: 'BP3: bp3MatchesFiniteDifference (∂C/∂bˡ = δˡ)',
  arbitrary: networkCases(constraints),
  holds: parameterGradientMatches('b', tol),
})

/**
 * BP4: ∂C/∂wˡ from `backprop` equals the central-difference gradient of C
 * with respect to wˡ, at every layer.
 *
 * @category backpropagation laws
 */
export const bp4MatchesFiniteDifference = (
  constraints: NetworkConstraints = {},
  tol: Tolerance = FINITE_DIFFERENCE_TOLERANCE,
): Law<NetworkCase> => ({
  name: 'BP4: bp4MatchesFiniteDifference (∂C/∂wˡ = δˡ(aˡ⁻¹)ᵀ)',
  arbitrary: networkCases(constraints),
  holds: parameterGradientMatches('w', tol),
})

/**
 * `backprop` agrees with the generic reverse-mode `grad` of the cost of the
 * forward pass, to near machine precision.
 *
 * @category backpropagation laws
 */
export const backpropAgreesWithGrad = (
  constraints: NetworkConstraints = {},
  tol: Tolerance = EXACT_TOLERANCE,
): Law<NetworkCase> => ({
  name: 'backpropAgreesWithGrad',
  arbitrary: networkCases(constraints),
  holds: ({ network, cost, x, y }) =>
    close(entries(backprop(network, cost)(x, y)), entries(grad(networkCost(cost))(network, x, y)), tol),
})

/**
 * `backprop` agrees with forward mode: for a random direction v in
 * parameter space, ⟨∇C, v⟩ equals the JVP of the cost along v.
 *
 * @category backpropagation laws
 */
export const backpropAgreesWithForwardMode = (
  constraints: NetworkConstraints = {},
  tol: Tolerance = EXACT_TOLERANCE,
): Law<readonly [NetworkCase, number]> => ({
  name: 'backpropAgreesWithForwardMode',
  arbitrary: fc.tuple(networkCases(constraints), fc.integer()),
  holds: ([{ network, cost, x, y }, seed]) => {
    const [v] = randomLike(network, Random.seed(seed))
    const g = backprop(network, cost)(x, y)
    const directional = jvp((p: Network) => networkCost(cost)(p, x, y))(network, v)[1]
    return close([inner(g, v)], [directional], tol)
  },
})

/**
 * The gradient of a batch is the mean of the gradients of its examples (the
 * batch cost is the mean over its columns).
 *
 * @category backpropagation laws
 */
export const batchGradientIsMeanOfExampleGradients = (
  constraints: NetworkConstraints = {},
  tol: Tolerance = EXACT_TOLERANCE,
): Law<NetworkCase> => ({
  name: 'batchGradientIsMeanOfExampleGradients',
  arbitrary: networkCases(constraints),
  holds: ({ network, cost, x, y }) => {
    const n = x.cols
    const whole = entries(backprop(network, cost)(x, y))
    const perExample = Array.from({ length: n }, (_, j) =>
      entries(backprop(network, cost)(sliceCols(x, j, j + 1), sliceCols(y, j, j + 1))),
    )
    const mean = whole.map((_, k) => perExample.reduce((s, e) => s + (e[k] as number), 0) / n)
    return close(whole, mean, tol)
  },
})

/**
 * Gradients have exactly the structure and shapes of the parameters.
 *
 * @category backpropagation laws
 */
export const gradientsHaveTheShapesOfTheParameters = (constraints: NetworkConstraints = {}): Law<NetworkCase> => ({
  name: 'gradientsHaveTheShapesOfTheParameters',
  arbitrary: networkCases(constraints),
  holds: ({ network, cost, x, y }) => {
    const g = backprop(network, cost)(x, y)
    return (
      g.layers.length === network.layers.length &&
      g.layers.every((gl, l) => {
        const p = at(network.layers, l)
        return (
          gl.w.rows === p.w.rows &&
          gl.w.cols === p.w.cols &&
          gl.b.rows === p.b.rows &&
          gl.b.cols === 1 &&
          gl.activation === p.activation
        )
      })
    )
  },
})

/**
 * With L2 regularisation (weight decay), ∇_w C_reg = ∇_w C + (λ/n) w and
 * ∇_b C_reg = ∇_b C, where C_reg = C + (λ/2n) Σ w², checked against `grad`
 * of the regularised cost.
 *
 * @category backpropagation laws
 */
export const weightDecayAddsLambdaOverNTimesW = (
  constraints: NetworkConstraints = {},
  tol: Tolerance = EXACT_TOLERANCE,
): Law<readonly [NetworkCase, number, number]> => ({
  name: 'weightDecayAddsLambdaOverNTimesW',
  arbitrary: fc.tuple(
    networkCases(constraints),
    fc.integer({ min: 0, max: 100 }).map((k) => k / 10),
    fc.integer({ min: 1, max: 1000 }),
  ),
  holds: ([{ network, cost, x, y }, lambda, n]) => {
    const viaDecay = addWeightDecay(backprop(network, cost)(x, y), network, lambda, n)
    const viaGrad = grad((p: Network) => add(networkCost(cost)(p, x, y), l2Penalty(p, lambda, n)))(network)
    return close(entries(viaDecay), entries(viaGrad), tol)
  },
})

/**
 * The equations can themselves be differentiated: the gradient of
 * ½‖∇C‖² (a function of the network computed by `backprop`) passes
 * `checkGrads` in reverse mode.
 *
 * @category backpropagation laws
 */
export const backpropIsDifferentiable = (
  constraints: NetworkConstraints = {},
  tol: Tolerance = FINITE_DIFFERENCE_TOLERANCE,
): Law<NetworkCase> => ({
  name: 'backpropIsDifferentiable',
  arbitrary: networkCases({ ...constraints, hidden: ['sigmoid', 'tanh'] }),
  holds: ({ network, cost, x, y }) => {
    const gradNormSquared = (p: Network): number =>
      mul(
        0.5,
        backprop(p, cost)(x, y).layers.reduce<number>((s, l) => add(s, add(sum(square(l.w)), sum(square(l.b)))), 0),
      )
    return E.isRight(checkGrads(gradNormSquared, network, { order: 1, modes: ['reverse'], ...tol }))
  },
})

/**
 * Every backpropagation law: BP1–BP4 each against finite differences, and
 * the whole against autodiff, forward mode, batch means, shapes and weight
 * decay.
 *
 * @category backpropagation laws
 */
export const backpropLaws = (constraints: NetworkConstraints = {}): ReadonlyArray<Law<never>> =>
  [
    bp1MatchesFiniteDifference(constraints),
    bp2MatchesFiniteDifference(constraints),
    bp3MatchesFiniteDifference(constraints),
    bp4MatchesFiniteDifference(constraints),
    backpropAgreesWithGrad(constraints),
    backpropAgreesWithForwardMode(constraints),
    batchGradientIsMeanOfExampleGradients(constraints),
    gradientsHaveTheShapesOfTheParameters(constraints),
    weightDecayAddsLambdaOverNTimesW(constraints),
    backpropIsDifferentiable(constraints),
  ] as unknown as ReadonlyArray<Law<never>>
