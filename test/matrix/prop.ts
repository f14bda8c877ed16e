import { it } from 'vitest'
import { type Law, assertLaw } from 'nabla/laws'

/**
 * Registers a law as a vitest test named after the law, so the suite runs
 * exactly the laws that `nabla/laws` ships. A failure reports fast-check's
 * seed, shrunk counterexample and replay path.
 *
 * This is `test.prop([law.arbitrary])(law.name, law.holds)` of
 * `@fast-check/vitest`, minus that package's import cost: with vitest
 * 4.1.12, `@fast-check/vitest` 0.5.0 wraps every chain of test modifiers
 * (`test.skip.concurrent.fails…`, 307,391 of them) when it is imported,
 * which was measured at 8–10 s per test file on these 2-core machines,
 * whereas the laws themselves run in about a second per file.
 */
export const testLaw = <T>(law: Law<T>, numRuns?: number): void => {
  it(law.name, () => {
    assertLaw(law, numRuns === undefined ? {} : { numRuns })
  })
}
