/**
 * Seeds on the command line: any decimal integer in [−2⁶³, 2⁶⁴), read
 * exactly as a bigint and kept as a decimal string in checkpoints (JSON
 * numbers lose digits above 2⁵³).
 *
 * @module
 */
import { either as E } from 'fp-ts'
import { seed as seedRng, type Rng } from '../matrix/Random.js'
import { shown } from './args.js'

const LOWEST: bigint = -(2n ** 63n)
const BEYOND: bigint = 2n ** 64n

/** A seed: a decimal integer in [−2⁶³, 2⁶⁴) (the message follows the flag's name). */
export const parseSeedText = (raw: string): E.Either<string, bigint> => {
  const text = raw.trim()
  if (!/^[+-]?\d+$/.test(text)) return E.left(`must be a whole number in decimal digits (got ${shown(raw)})`)
  const s = BigInt(text)
  return s >= LOWEST && s < BEYOND
    ? E.right(s)
    : E.left(`must be a 64-bit seed, from -(2^63) up to 2^64 - 1 (got ${shown(raw)})`)
}

/** The generator state of a seed, from all of its 64 bits. */
export const rngOfSeed = (s: bigint): Rng => seedRng(s)
