import { describe, expect, it } from 'vitest'
import { initNetwork, Random, sigmoidActivation } from 'nabla'
import { refusal, thrown, type Refusal } from '../helpers/shapeMessages.js'

/*
 * The refusal the compiler gives for literal sizes (checked by tsc against
 * the string written here) and what the same call throws for sizes known
 * only at run time are the same words. (The four equations refuse literal
 * shapes in the book's symbols; at run time the op they are built from
 * throws, under its own name.)
 */
type Sizes<S extends ReadonlyArray<number>> = Refusal<Parameters<typeof initNetwork<S>>[0]>

const cases: ReadonlyArray<readonly [string, () => unknown]> = [
  [
    refusal<Sizes<readonly [3]>>('initNetwork: a network needs at least two layer sizes, got [3]'),
    () => initNetwork([3] as ReadonlyArray<number>, sigmoidActivation, Random.seed(1)),
  ],
  [
    refusal<Sizes<readonly []>>('initNetwork: a network needs at least two layer sizes, got []'),
    () => initNetwork([] as ReadonlyArray<number>, sigmoidActivation, Random.seed(1)),
  ],
]

describe('initNetwork refuses too few literal sizes in the words it throws for run-time sizes', () => {
  it.each(cases)('%s', (expected, call) => {
    expect(thrown(call)).toBe(expected)
  })
})
