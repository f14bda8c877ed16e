/// <reference types="node" />
import { either as E } from 'fp-ts'
import { constants as bufferConstants } from 'node:buffer'
import { constants as zlibConstants, gunzipSync, type ZlibOptions } from 'node:zlib'
import { messageOf as errorMessage } from '../matrix/json.js'

/** The message of a thrown value (the one definition is `messageOf`, with the boundary codecs). */
export { errorMessage }

/** The most bytes a decompression may produce: the largest buffer Node can allocate. */
export const MAX_INFLATION: number = bufferConstants.MAX_LENGTH

/**
 * zlib options for decompressing gzip `bytes` into one output buffer of at
 * most `limit` bytes: zlib stops with `ERR_BUFFER_TOO_LARGE` as soon as the
 * output passes `limit`.
 *
 * By default zlib inflates into 64 KB chunks and then concatenates them,
 * which touches the memory of a large file twice (47 MB for the Fashion-MNIST
 * training images; on a VM, fresh pages are what costs most). The gzip
 * trailer's last 4 bytes hold the uncompressed size modulo 2³² (ISIZE);
 * one chunk slightly larger than that receives the whole output and is
 * returned without a copy. ISIZE of damaged data is only a hint, so the
 * chunk is never larger than `limit` + 1 nor than deflate's maximum
 * expansion of the input (1032:1), and a wrong hint merely means more chunks.
 */
export const gunzipOptions = (bytes: Uint8Array, limit: number): ZlibOptions => {
  const n = bytes.length
  const isize =
    n < 18
      ? 0
      : (bytes[n - 4] ?? 0) +
        (bytes[n - 3] ?? 0) * 0x100 +
        (bytes[n - 2] ?? 0) * 0x10000 +
        (bytes[n - 1] ?? 0) * 0x1000000
  const most = Math.min(limit + 1, 1032 * n, MAX_INFLATION)
  return { chunkSize: Math.max(64, Math.min(isize + 1, most)), maxOutputLength: Math.min(limit, MAX_INFLATION) }
}

/**
 * The message of a failed decompression: output beyond the limit is
 * `<name>: the gzip data inflates to <beyond>`, anything else corrupt data.
 */
export const inflateError = (e: unknown, name: string, beyond: string): string =>
  (e as { readonly code?: unknown } | undefined)?.code === 'ERR_BUFFER_TOO_LARGE'
    ? `${name}: the gzip data inflates to ${beyond}`
    : `${name}: corrupt gzip data (${errorMessage(e)})`

/** The most output a peek at the start of gzip data ever produces. */
const PEEK_LIMIT = 64 * 1024

type Peek = Uint8Array | 'too much' | { readonly error: string }

/** The decompression of the first k bytes of gzip data, as far as they go, or 'too much' past PEEK_LIMIT. */
const inflateFirst = (gz: Uint8Array, k: number): Peek => {
  try {
    return gunzipSync(gz.subarray(0, k), {
      finishFlush: zlibConstants.Z_SYNC_FLUSH,
      chunkSize: 16 * 1024,
      maxOutputLength: PEEK_LIMIT,
    })
  } catch (e) {
    return (e as { readonly code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too much' : { error: errorMessage(e) }
  }
}

/**
 * The first `need` bytes (at least) of the decompression of gzip data, or
 * all of it if it is shorter, or the zlib error of corrupt data: for reading
 * a header before deciding how much to inflate.
 *
 * It inflates prefixes of the input, doubling their length until they give
 * `need` bytes. A prefix that gives more than 64 KB (a bomb right after a
 * long gzip header, say) is halved back, and since one more input byte adds
 * at most about a kilobyte of output, the search always ends with a prefix
 * that gives between `need` and 64 KB: the output of any step is bounded,
 * and there are O(log n) steps.
 */
export const inflatePrefix = (gz: Uint8Array, need: number): E.Either<string, Uint8Array> => {
  // `lo` gave less than `need` bytes; `hi`, if known, gave more than PEEK_LIMIT.
  const search = (k: number, lo: number, hi: number | undefined): E.Either<string, Uint8Array> => {
    const out = inflateFirst(gz, k)
    if (out === 'too much') {
      const mid = Math.floor((lo + k) / 2)
      return mid > lo ? search(mid, lo, k) : E.left('a single byte inflates to more than the output limit')
    }
    if (!(out instanceof Uint8Array)) return E.left(out.error)
    if (out.length >= need || k >= gz.length) return E.right(out)
    const next = hi === undefined ? Math.min(gz.length, 2 * k) : Math.floor((k + hi) / 2)
    return search(Math.max(next, k + 1), k, hi)
  }
  return search(Math.min(gz.length, 64), 0, undefined)
}
