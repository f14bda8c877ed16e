/* eslint-disable @typescript-eslint/no-non-null-assertion --
 * The loops index typed arrays inside bounds their caller has checked against
 * the file's header; `!` costs nothing, a check per pixel would be the cost.
 */
/* eslint-disable functional/no-loop-statements, functional/no-let, functional/immutable-data --
 * Raw loops of the data layer. Each function writes only a buffer it has just
 * allocated and returns it without keeping any other alias; its input bytes
 * are only read.
 */

/** pixelScale[v] = v / 255, so that every pixel is scaled by the same exact division. */
const pixelScale: Float64Array = Float64Array.from({ length: 256 }, (_, v) => v / 255)

/**
 * The images of an IDX file as a pixels×count float64 buffer in row-major
 * order with one image per column: out[p·count + i] = bytes[offset + i·pixels + p] / 255.
 *
 * This is a transposition (images are stored one after the other, and we
 * want them side by side), done in blocks of 64 images so that the 64 source
 * rows being read and the 64-entry runs being written both stay in cache.
 * The caller has checked that `bytes` holds offset + count·pixels bytes.
 */
export const imagesToColumns = (bytes: Uint8Array, offset: number, count: number, pixels: number): Float64Array => {
  const out = new Float64Array(pixels * count)
  const block = 64
  for (let i0 = 0; i0 < count; i0 += block) {
    const i1 = Math.min(i0 + block, count)
    for (let p = 0; p < pixels; p++) {
      const o = p * count
      const src = offset + p
      for (let i = i0; i < i1; i++) out[o + i] = pixelScale[bytes[src + i * pixels]!]!
    }
  }
  return out
}
