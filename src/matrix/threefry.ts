/* eslint-disable functional/no-let, functional/no-loop-statements, functional/immutable-data --
 * The cipher's four words are registers updated in place for twenty rounds,
 * and the block is written into a buffer the caller owns; nothing escapes.
 */
/**
 * Threefry-4×32-20: the counter-based generator of Salmon, Moraes, Dror and
 * Shaw, "Parallel random numbers: as easy as 1, 2, 3" (SC 2011), as in
 * their Random123 library. It is Threefish, the block cipher of Skein,
 * narrowed to four 32-bit words: for a fixed 128-bit key it is a bijection
 * of 128-bit blocks, and encrypting the counters 0, 1, 2, … under a key gives
 * that key's stream of random words.
 *
 * One round mixes the words in two pairs: x += y; y = (y ⋘ r) ⊕ x. The
 * pairs alternate between (x₀, x₁), (x₂, x₃) and (x₀, x₃), (x₂, x₁); the
 * rotation r cycles through eight constants. Every four rounds the key is
 * added back in (word i gets kₛ₊ᵢ of the extended key k₀ … k₄, with
 * k₄ = C ⊕ k₀ ⊕ k₁ ⊕ k₂ ⊕ k₃ and C = 0x1BD11BDA; the last word also gets the
 * injection number s). Twenty rounds is Random123's default, seven more
 * than the thirteen after which the authors found no failure in TestU01's
 * BigCrush. The known-answer vectors of Random123 are checked in
 * `test/matrix/threefry.test.ts`.
 *
 * All arithmetic is on 32-bit words: `(a + b) | 0` is addition mod 2³²,
 * `>>>` and `<<` rotate.
 *
 * @module
 */

/** Skein's key-schedule parity constant. */
const PARITY = 0x1bd11bda

/** Rotation amounts, two per round, for rounds 0 … 7 (then again for 8 … 15, 16 … 19). */
const ROTATIONS: ReadonlyArray<number> = [10, 26, 11, 21, 13, 27, 23, 5, 6, 20, 17, 11, 25, 10, 18, 20]

/** The extended key k₀ … k₄ of a 128-bit key, as computed once per key. */
export type KeySchedule = Int32Array

/** The extended key of k₀ … k₃ (each a 32-bit word). */
export const keySchedule = (k0: number, k1: number, k2: number, k3: number): KeySchedule =>
  Int32Array.of(k0, k1, k2, k3, PARITY ^ k0 ^ k1 ^ k2 ^ k3)

const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r))

/**
 * Encrypts the block (c₀, c₁, c₂, c₃) under a key schedule and writes the
 * four output words into `out` (unsigned, since `out` is a `Uint32Array`).
 */
export const threefry4x32 = (
  ks: KeySchedule,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  out: Uint32Array,
): void => {
  let x0 = (c0 + (ks[0] as number)) | 0
  let x1 = (c1 + (ks[1] as number)) | 0
  let x2 = (c2 + (ks[2] as number)) | 0
  let x3 = (c3 + (ks[3] as number)) | 0
  for (let s = 1; s <= 5; s++) {
    const r = (s - 1) % 2 === 0 ? 0 : 8
    for (let q = r; q < r + 8; q += 4) {
      x0 = (x0 + x1) | 0
      x1 = rotl(x1, ROTATIONS[q] as number) ^ x0
      x2 = (x2 + x3) | 0
      x3 = rotl(x3, ROTATIONS[q + 1] as number) ^ x2
      x0 = (x0 + x3) | 0
      x3 = rotl(x3, ROTATIONS[q + 2] as number) ^ x0
      x2 = (x2 + x1) | 0
      x1 = rotl(x1, ROTATIONS[q + 3] as number) ^ x2
    }
    x0 = (x0 + (ks[s % 5] as number)) | 0
    x1 = (x1 + (ks[(s + 1) % 5] as number)) | 0
    x2 = (x2 + (ks[(s + 2) % 5] as number)) | 0
    x3 = (x3 + (ks[(s + 3) % 5] as number) + s) | 0
  }
  out[0] = x0
  out[1] = x1
  out[2] = x2
  out[3] = x3
}
