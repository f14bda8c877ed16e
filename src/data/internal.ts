/// <reference types="node" />
import type { ZlibOptions } from 'node:zlib'

/** The message of a thrown value (an `Error`'s message, anything else as a string). */
export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/**
 * zlib options for decompressing gzip `bytes` into one output buffer.
 *
 * By default zlib inflates into 64 KB chunks and then concatenates them,
 * which touches the memory of a large file twice (47 MB for the Fashion-MNIST
 * training images; on a VM, fresh pages are what costs most). The gzip
 * trailer's last 4 bytes hold the uncompressed size modulo 2³² (ISIZE);
 * one chunk slightly larger than that receives the whole output and is
 * returned without a copy. ISIZE of damaged data is only a hint, so the
 * chunk is never larger than deflate's maximum expansion of the input
 * (1032:1) nor than 256 MB, and a wrong hint merely means more chunks.
 */
export const gunzipOptions = (bytes: Uint8Array): ZlibOptions => {
  const n = bytes.length
  const isize =
    n < 18
      ? 0
      : (bytes[n - 4] ?? 0) +
        (bytes[n - 3] ?? 0) * 0x100 +
        (bytes[n - 2] ?? 0) * 0x10000 +
        (bytes[n - 1] ?? 0) * 0x1000000
  return { chunkSize: Math.max(64 * 1024, Math.min(isize + 1, 1032 * n, 256 * 1024 * 1024)) }
}
