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

/** The extended key k₀ … k₄ of a 128-bit key, as computed once per key. */
export type KeySchedule = Int32Array

/** The extended key of k₀ … k₃ (each a 32-bit word). */
export const keySchedule = (k0: number, k1: number, k2: number, k3: number): KeySchedule =>
  Int32Array.of(k0, k1, k2, k3, PARITY ^ k0 ^ k1 ^ k2 ^ k3)

/**
 * Encrypts the block (c₀, c₁, c₂, c₃) under a key schedule and writes the
 * four output words into `out` (unsigned, since `out` is a `Uint32Array`).
 * Rounds 0–3 rotate by 10, 26; 11, 21; 13, 27; 23, 5 and rounds 4–7 by
 * 6, 20; 17, 11; 25, 10; 18, 20 (Random123's R_32x4), then again; the
 * rotations are written out because this is the generator's inner loop.
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
    if (s % 2 === 1) {
      x0 = (x0 + x1) | 0
      x1 = ((x1 << 10) | (x1 >>> 22)) ^ x0
      x2 = (x2 + x3) | 0
      x3 = ((x3 << 26) | (x3 >>> 6)) ^ x2
      x0 = (x0 + x3) | 0
      x3 = ((x3 << 11) | (x3 >>> 21)) ^ x0
      x2 = (x2 + x1) | 0
      x1 = ((x1 << 21) | (x1 >>> 11)) ^ x2
      x0 = (x0 + x1) | 0
      x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0
      x2 = (x2 + x3) | 0
      x3 = ((x3 << 27) | (x3 >>> 5)) ^ x2
      x0 = (x0 + x3) | 0
      x3 = ((x3 << 23) | (x3 >>> 9)) ^ x0
      x2 = (x2 + x1) | 0
      x1 = ((x1 << 5) | (x1 >>> 27)) ^ x2
    } else {
      x0 = (x0 + x1) | 0
      x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0
      x2 = (x2 + x3) | 0
      x3 = ((x3 << 20) | (x3 >>> 12)) ^ x2
      x0 = (x0 + x3) | 0
      x3 = ((x3 << 17) | (x3 >>> 15)) ^ x0
      x2 = (x2 + x1) | 0
      x1 = ((x1 << 11) | (x1 >>> 21)) ^ x2
      x0 = (x0 + x1) | 0
      x1 = ((x1 << 25) | (x1 >>> 7)) ^ x0
      x2 = (x2 + x3) | 0
      x3 = ((x3 << 10) | (x3 >>> 22)) ^ x2
      x0 = (x0 + x3) | 0
      x3 = ((x3 << 18) | (x3 >>> 14)) ^ x0
      x2 = (x2 + x1) | 0
      x1 = ((x1 << 20) | (x1 >>> 12)) ^ x2
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
