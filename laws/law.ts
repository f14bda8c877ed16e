import * as fc from 'fast-check'

/**
 * A law: a named claim, the arbitrary that generates its cases, and a pure
 * predicate that says whether one case satisfies it.
 *
 * A law is data, so it runs under any test runner. With `@fast-check/vitest`:
 *
 * @example
 * import { test } from '@fast-check/vitest'
 * import { matmulIsAssociative } from 'nabla/laws'
 *
 * const law = matmulIsAssociative()
 * test.prop([law.arbitrary])(law.name, law.holds)
 *
 * and with plain fast-check: `assertLaw(law)` (throws on failure) or
 * `checkLaw(law)` (returns fast-check's report).
 *
 * @category laws
 */
export interface Law<T> {
  /** The claim, spelled as one, e.g. `matmulIsAssociative`. */
  readonly name: string
  /** Generates the cases the claim is checked on (and shrinks failures). */
  readonly arbitrary: fc.Arbitrary<T>
  /** Whether the claim holds for one case. */
  readonly holds: (value: T) => boolean
  /**
   * Why a case breaks the claim, for a report: the case as the claim sees
   * it and the values that disagree (both answers). Optional; laws whose
   * case prints well by itself leave it out.
   */
  readonly explain?: (value: T) => string
}

/**
 * Runs a law with fast-check and returns its report without throwing:
 * `failed`, the shrunk `counterexample`, the `seed` to replay it.
 *
 * @category laws
 */
export const checkLaw = <T>(law: Law<T>, parameters: fc.Parameters<[T]> = {}): fc.RunDetails<[T]> =>
  fc.check(fc.property(law.arbitrary, law.holds), parameters)

/**
 * Runs a law with fast-check and throws fast-check's report (seed, shrunk
 * counterexample) if some case breaks it.
 *
 * @category laws
 */
export const assertLaw = <T>(law: Law<T>, parameters: fc.Parameters<[T]> = {}): void => {
  const message = lawReport(law, checkLaw(law, parameters))
  if (message !== undefined) throw new Error(message)
}

/**
 * The report of a failed law as text: fast-check's (seed, path, shrunk
 * counterexample) followed by the law's own explanation of the
 * counterexample. `undefined` if the law held.
 *
 * @category laws
 */
export const lawReport = <T>(law: Law<T>, details: fc.RunDetails<[T]>): string | undefined => {
  if (!details.failed) return undefined
  const counterexample = details.counterexample?.[0]
  const why = law.explain !== undefined && counterexample !== undefined ? `\n${law.explain(counterexample)}` : ''
  return `${law.name} failed.\n${fc.defaultReportMessage(details) ?? ''}${why}`
}
