import * as fc from 'fast-check'
import { Matrix } from '../../src/index.js'
import { bind } from '../../src/extend.js'
import type { DeclaredPrimitive } from '../../src/extend.js'
import type { Value } from '../../src/index.js'
import type { DiffCase } from './draw.js'

/**
 * Cases of an entrywise primitive at its kinks: matrices whose entries are
 * the kink points themselves, mixed with ordinary values (empty for a
 * primitive without kinks).
 *
 * @category arbitraries
 */
export const kinkCases = <P>(prim: DeclaredPrimitive<P>): fc.Arbitrary<DiffCase<ReadonlyArray<Value>>> => {
  const kinks = prim.kinks ?? []
  return fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
    .chain(([rows, cols]) =>
      fc
        .array(fc.oneof(fc.constantFrom(...kinks), fc.double({ min: -3, max: 3, noNaN: true })), {
          minLength: rows * cols,
          maxLength: rows * cols,
        })
        .map((xs) => Matrix.fromArray(rows, cols, xs)),
    )
    .map((m) => ({
      f: (xs: ReadonlyArray<Value>) => bind(prim, xs, undefined as never),
      x: [m],
      label: `${prim.name} at its kinks`,
    }))
}
