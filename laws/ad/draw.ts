/* eslint-disable functional/no-let -- a cursor local to one merge */
import * as fc from 'fast-check'
import { Matrix } from '../../src/index.js'
import { bind } from '../../src/extend.js'
import type { DeclaredPrimitive, Draw, Range } from '../../src/extend.js'
import type { Value } from '../../src/index.js'

/** How many shrink steps a primitive's case may take. */
const SHRINK_LIMIT = 64

/** Entries are multiples of 2⁻¹²: exact in binary, varied enough, and they shrink in a few steps toward 0. */
const RESOLUTION = 4096

/**
 * An entry in a range, kept at least `margin` away from the points to
 * avoid: a drawn value that falls too close is pushed out to the margin on
 * its own side (so shrinking still moves toward simple values).
 */
const entryIn = (range: Range = {}): fc.Arbitrary<number> => {
  const min = range.min ?? -3
  const max = range.max ?? 3
  const margin = range.margin ?? 0.05
  const avoid = range.avoid ?? []
  return fc
    .integer({ min: Math.ceil(min * RESOLUTION), max: Math.floor(max * RESOLUTION) })
    .map((k) =>
      avoid.reduce((v, a) => (Math.abs(v - a) >= margin ? v : v >= a ? a + margin : a - margin), k / RESOLUTION),
    )
}

/**
 * A {@link Draw} backed by fast-check's generator: what a primitive's
 * `sample` asks for is drawn, and shrunk, by fast-check.
 *
 * @category arbitraries
 */
export const drawFrom = (g: fc.GeneratorValue): Draw => ({
  size: (min, max) => g(fc.integer, { min, max }),
  number: (range) => g(() => entryIn(range)),
  matrix: (rows, cols, range) =>
    Matrix.fromArray(
      rows,
      cols,
      g(() => fc.array(entryIn(range), { minLength: rows * cols, maxLength: rows * cols })),
    ),
  oneOf: <T>(options: ReadonlyArray<T>): T => options[g(fc.integer, { min: 0, max: options.length - 1 })] as T,
})

/**
 * A differentiation case: a function, the point to differentiate it at, and
 * a label for reports.
 *
 * @category arbitraries
 */
export interface DiffCase<X> {
  readonly f: (x: X) => unknown
  readonly x: X
  readonly label: string
}

/** Cases of one function at points drawn from an arbitrary. @category arbitraries */
export const casesOf = <X>(f: (x: X) => unknown, points: fc.Arbitrary<X>, label = 'f'): fc.Arbitrary<DiffCase<X>> =>
  points.map((x) => ({ f, x, label }))

const describe = (v: Value): string => (typeof v === 'number' ? 'scalar' : `${String(v.rows)}×${String(v.cols)}`)

/**
 * Cases of a primitive, drawn as the primitive's own `sample` describes:
 * the function args ↦ prim(args; params) at the sampled arguments. With
 * `constants`, each argument of a multi-argument primitive is, at random,
 * closed over as a constant instead of traced (at least one stays traced):
 * a broadcast operand that is a constant, or a traced number next to a
 * constant matrix, is where forward-mode rules go wrong.
 *
 * @category arbitraries
 */
export const primitiveCases = <P>(
  prim: DeclaredPrimitive<P>,
  options: { readonly constants?: boolean } = {},
): fc.Arbitrary<DiffCase<ReadonlyArray<Value>>> =>
  // A draw that changes the structure (a scalar instead of a matrix) changes what the later draws mean,
  // so shrinking through fc.gen can go round in circles: cap it. Counterexamples still come out small.
  fc.limitShrink(fc.gen(), SHRINK_LIMIT).map((g) => {
    const { args, params } = prim.sample(drawFrom(g))
    const traced = options.constants === true && args.length > 1 ? args.map(() => g(fc.boolean)) : args.map(() => true)
    const keep = traced.some((t) => t) ? traced : traced.map((_, i) => i === 0)
    const constants = args.map((a, i) => (keep[i] === true ? undefined : a))
    const merge = (xs: ReadonlyArray<Value>): ReadonlyArray<Value> => {
      let next = 0
      return constants.map((c) => c ?? (xs[next++] as Value))
    }
    const label = args.map((a, i) => (keep[i] === true ? describe(a) : `const ${describe(a)}`)).join(', ')
    return {
      f: (xs: ReadonlyArray<Value>) => bind(prim, merge(xs), params),
      x: args.filter((_, i) => keep[i] === true),
      label: `${prim.name}(${label})`,
    }
  })
