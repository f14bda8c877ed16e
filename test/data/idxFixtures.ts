// Builders of small IDX files for the data-layer tests: the tests write their
// own fixtures, byte by byte, so nothing binary is committed.
import { gzipSync } from 'node:zlib'
import { idxFile } from 'nabla/laws'

export { idxFile } from 'nabla/laws'

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
