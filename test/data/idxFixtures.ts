// Builders of small IDX files for the data-layer tests: the tests write their
// own fixtures, byte by byte, so nothing binary is committed.
import { gzipSync } from 'node:zlib'

/** An IDX file: the magic number 0x0000TTDD, one big-endian uint32 per dimension, then the body. */
export const idxFile = (magic: number, dims: ReadonlyArray<number>, body: ArrayLike<number>): Uint8Array => {
  const header = new Uint8Array(4 + 4 * dims.length)
  const view = new DataView(header.buffer)
  view.setUint32(0, magic)
  dims.forEach((d, k) => {
    view.setUint32(4 + 4 * k, d)
  })
  const out = new Uint8Array(header.length + body.length)
  out.set(header)
  out.set(Uint8Array.from(body), header.length)
  return out
}

/** An IDX file of `images` (each rows·cols bytes, row-major), magic 0x00000803. */
export const imagesFile = (images: ReadonlyArray<ReadonlyArray<number>>, rows: number, cols: number): Uint8Array =>
  idxFile(0x00000803, [images.length, rows, cols], images.flat())

/** An IDX file of labels, magic 0x00000801. */
export const labelsFile = (labels: ReadonlyArray<number>): Uint8Array => idxFile(0x00000801, [labels.length], labels)

/** The gzip of some bytes. */
export const gzip = (bytes: Uint8Array): Uint8Array => new Uint8Array(gzipSync(bytes))

/** Three 2×2 images with easy-to-check pixels. */
export const threeImages: ReadonlyArray<ReadonlyArray<number>> = [
  [0, 255, 51, 102],
  [1, 2, 3, 4],
  [255, 0, 128, 7],
]
