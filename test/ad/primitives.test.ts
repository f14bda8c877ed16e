import { describe, expect, it } from 'vitest'
import { primitives } from 'nabla/extend'
import {
  checkLaw,
  derivativeLaws,
  derivativeLiesBetweenOneSidedDifferences,
  kinkCases,
  primitiveCases,
} from 'nabla/laws'

// Every primitive of the op set, checked against finite differences from its own
// sample description: adding a primitive to the list adds it here.
describe.each(primitives.map((p) => [p.name, p] as const))('primitive %s', (name, prim) => {
  it.each(derivativeLaws(primitiveCases(prim), name).map((law) => [law.name, law] as const))('%s', (_, law) => {
    const report = checkLaw(law, { numRuns: 25 })
    expect(report.failed, report.failed ? `${law.name} failed: ${JSON.stringify(report.counterexample)}` : '').toBe(
      false,
    )
  })
})

// The same laws with some operands closed over as constants (broadcast ones included), for the
// primitives of more than one argument: a constant operand is what users write, and where
// forward-mode rules of broadcasting operations go wrong.
describe.each(primitives.filter((p) => p.vjp.length > 1).map((p) => [p.name, p] as const))(
  'primitive %s with constant operands',
  (name, prim) => {
    it.each(derivativeLaws(primitiveCases(prim, { constants: true }), name).map((law) => [law.name, law] as const))(
      '%s',
      (_, law) => {
        const report = checkLaw(law, { numRuns: 25 })
        expect(report.failed, report.failed ? `${law.name} failed: ${JSON.stringify(report.counterexample)}` : '').toBe(
          false,
        )
      },
    )
  },
)

describe.each(primitives.filter((p) => (p.kinks ?? []).length > 0).map((p) => [p.name, p] as const))(
  'primitive %s at its kinks',
  (_, prim) => {
    it('derivativeLiesBetweenOneSidedDifferences', () => {
      const report = checkLaw(derivativeLiesBetweenOneSidedDifferences(kinkCases(prim)), { numRuns: 50 })
      expect(report.failed).toBe(false)
    })
  },
)
