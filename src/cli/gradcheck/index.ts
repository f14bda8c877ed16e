/**
 * `nabla gradcheck`: builds a random network and checks each of the four
 * equations of backpropagation, and the whole gradient, against central
 * differences of the cost — BP1 against ∂C/∂zᴸ, BP2 against ∂C/∂zˡ, BP3
 * against ∂C/∂bˡ, BP4 against ∂C/∂wˡ — printing the worst relative error of
 * each and a verdict, and what the gradient by central differences cost
 * against backpropagation (forward passes counted, both timed). Exits
 * with 1 if any check fails.
 *
 * @module
 */
import { either as E } from 'fp-ts'
import type { Matrix } from '../../matrix/Matrix.js'
import { toArray } from '../../matrix/construct.js'
import { normal, nextInt, type Rng } from '../../matrix/Random.js'
import { grad } from '../../ad/transforms.js'
import { leaves } from '../../ad/Tree.js'
import { activations, type Activation } from '../../backprop/Activation.js'
import { costs } from '../../backprop/Cost.js'
import { initNetwork, type Layer, type Network } from '../../backprop/Network.js'
import { backprop, costFromLayer, errors, feedforward, networkCost } from '../../backprop/backprop.js'
import { biasGradient, weightGradient } from '../../backprop/equations.js'
import { oneHot } from '../../data/Dataset.js'
import { numericGradient } from '../../numeric/finiteDifference.js'
import { relativeError } from '../../numeric/tolerance.js'
import { parseCommandLine, wantsHelp } from '../args.js'
import { costLabel, outputRangeProblem, parameterCount } from '../choices.js'
import { EXIT_FAILURE, EXIT_OK, fmt, line, usage, type Io, type Outcome } from '../io.js'
import { rngOfSeed } from '../seed.js'
import { costArgumentLines, measureCostArgument } from './costArgument.js'
import { checkWork, gradcheckFlags, gradcheckHelp, MAX_PARAMETERS, MAX_WORK } from './flags.js'

export { gradcheckFlags, gradcheckHelp } from './flags.js'

/**
 * The relative error of a computed gradient a against a reference b, as a
 * whole: ‖a − b‖ / max(‖a‖, ‖b‖) (Euclidean norms; 0 when both are 0). One
 * number per matrix, so that an entry that is nearly 0 in both does not
 * turn rounding noise into a large relative error.
 */
const worst = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): number => {
  const norm = (v: ReadonlyArray<number>): number => Math.hypot(...v)
  const diff = norm(a.map((x, i) => x - (b[i] ?? Number.NaN)))
  const scale = Math.max(norm(a), norm(b))
  return diff === 0 ? 0 : scale === 0 ? relativeError(diff, 0) : diff / scale
}

const flat = (tree: unknown): ReadonlyArray<number> =>
  leaves(tree).flatMap((l) => (typeof l === 'number' ? [l] : toArray(l)))

interface Check {
  readonly label: string
  readonly formula: string
  readonly against: string
  readonly error: number | undefined
}

const withLayer = (network: Network, i: number, patch: Partial<Layer>): Network => ({
  layers: network.layers.map((l, k) => (k === i ? { ...l, ...patch } : l)),
})

/** Runs `nabla gradcheck` with the arguments after `gradcheck`. */
export const runGradcheck = (argv: ReadonlyArray<string>, io: Io): Outcome => {
  if (wantsHelp(argv)) {
    io.stdout.write(gradcheckHelp)
    return E.right(EXIT_OK)
  }
  const parsed = parseCommandLine('nabla gradcheck', gradcheckFlags, argv)
  if (E.isLeft(parsed)) return E.left(usage(parsed.left))
  const {
    layers,
    activation: hiddenName,
    outputActivation: outputName,
    cost: costName,
    examples: m,
    seed,
    tolerance,
  } = parsed.right.values
  const params = parameterCount(layers)
  const problems = [
    outputRangeProblem(costName, outputName),
    params > MAX_PARAMETERS
      ? `--layers ${layers.join(',')} has ${String(params)} parameters; a check takes at most ${String(MAX_PARAMETERS)}`
      : checkWork(layers, params, m) > MAX_WORK
        ? `--examples ${String(m)} with --layers ${layers.join(',')} is too large a check (central differences in ` +
          `${String(params)} parameters and every weighted input, over ${String(m)} examples): use fewer examples or smaller layers`
        : undefined,
  ].filter((p): p is string => p !== undefined)
  if (problems.length > 0) return E.left(usage(problems))

  const hidden: Activation = activations[hiddenName]
  const output: Activation = activations[outputName]
  const cost = costs[costName]
  const acts = layers.slice(1).map((_, i) => (i === layers.length - 2 ? output : hidden))
  const [network, r1] = initNetwork(layers, acts, rngOfSeed(seed), 'scaled')
  const [x, r2] = normal(layers[0] ?? 1, m, r1)
  const classes = layers[layers.length - 1] ?? 1
  const [labels] = Array.from({ length: m }).reduce<readonly [ReadonlyArray<number>, Rng]>(
    ([ls, r]) => {
      const [l, next] = nextInt(r, 0, classes - 1)
      return [[...ls, l], next]
    },
    [[], r2],
  )
  const y = oneHot(labels, classes)
  // the four equations, step by step, as backprop composes them: BP1, then the BP2 scan
  const pass = feedforward(network)(x)
  const { zs, as } = pass
  const L = network.layers.length
  const deltas = errors(network, cost)(pass, y)
  const deltaL = deltas[L - 1] as Matrix
  const fullCost = (net: Network): number => networkCost(cost)(net, x, y)

  const bp1 = worst(
    toArray(deltaL),
    toArray(numericGradient(costFromLayer(network, cost, L - 1, y), zs[L - 1] as Matrix)),
  )
  const bp2 =
    L < 2
      ? undefined
      : Math.max(
          ...deltas
            .slice(0, -1)
            .map((d, i) =>
              worst(toArray(d), toArray(numericGradient(costFromLayer(network, cost, i, y), zs[i] as Matrix))),
            ),
        )
  const bp3 = Math.max(
    ...network.layers.map((l, i) =>
      worst(
        toArray(biasGradient(deltas[i] as Matrix)),
        toArray(numericGradient((b: Matrix) => fullCost(withLayer(network, i, { b })), l.b)),
      ),
    ),
  )
  const bp4 = Math.max(
    ...network.layers.map((l, i) =>
      worst(
        toArray(weightGradient(deltas[i] as Matrix, as[i] as Matrix)),
        toArray(numericGradient((w: Matrix) => fullCost(withLayer(network, i, { w })), l.w)),
      ),
    ),
  )
  const g = backprop(network, cost)(x, y)
  const argument = measureCostArgument(fullCost, network, () => backprop(network, cost)(x, y))
  const whole = worst(flat(g), flat(argument.gradient))
  const vsGrad = worst(flat(g), flat(grad(fullCost)(network)))

  const checks: ReadonlyArray<Check> = [
    { label: 'BP1', formula: 'δᴸ = ∇ₐC ⊙ σ′(zᴸ)', against: '∂C/∂zᴸ by central differences', error: bp1 },
    {
      label: 'BP2',
      formula: 'δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)',
      against: L < 2 ? 'no hidden layer: nothing to check' : '∂C/∂zˡ by central differences, every hidden l',
      error: bp2,
    },
    { label: 'BP3', formula: '∂C/∂bˡ = δˡ', against: 'central differences in every bˡ', error: bp3 },
    { label: 'BP4', formula: '∂C/∂wˡ = δˡ (aˡ⁻¹)ᵀ', against: 'central differences in every wˡ', error: bp4 },
    { label: 'all', formula: 'backprop: ∇C', against: 'central differences in every parameter', error: whole },
    { label: 'all', formula: 'backprop: ∇C', against: 'reverse-mode grad of the cost', error: vsGrad },
  ]
  const out = io.stdout
  line(
    out,
    `nabla gradcheck: network ${layers.join('-')} (${hiddenName} hidden, ${outputName} output), ${costLabel(costName)} cost, ` +
      `${String(m)} example${m === 1 ? '' : 's'}, seed ${seed.toString()}`,
  )
  line(
    out,
    `central differences, h = ε^(1/3)·max(1, |x|); a gradient a passes against a reference b when ‖a − b‖ / max(‖a‖, ‖b‖) ≤ ${fmt(tolerance, 2)}`,
  )
  line(out)
  const fw = Math.max(...checks.map((c) => c.formula.length))
  const aw = Math.max(...checks.map((c) => c.against.length))
  const failed = checks.filter((c) => c.error !== undefined && !(c.error <= tolerance))
  checks.forEach((c) => {
    const verdict = c.error === undefined ? '' : c.error <= tolerance ? 'ok' : 'FAIL'
    const err = c.error === undefined ? '' : `relative error ${fmt(c.error, 2)}`
    line(out, `  ${c.label}  ${c.formula.padEnd(fw)}  vs ${c.against.padEnd(aw)}  ${err.padEnd(30)}${verdict}`)
  })
  line(out)
  costArgumentLines(argument, params).forEach((text) => {
    line(out, text)
  })
  line(out)
  const worstAll = Math.max(...checks.map((c) => c.error ?? 0))
  if (failed.length === 0) {
    line(
      out,
      `verdict: passed — the four equations and the whole gradient agree with central differences (worst ${fmt(worstAll, 2)})`,
    )
    return E.right(EXIT_OK)
  }
  line(
    out,
    `verdict: FAILED — ${failed.map((c) => c.label).join(', ')} disagree with central differences (worst ${fmt(worstAll, 2)})`,
  )
  return E.right(EXIT_FAILURE)
}
