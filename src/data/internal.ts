import type { InflateFailure } from './inflate.js'

/** The message of a thrown value (an `Error`'s message, anything else as a string). */
export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e))

export { MAX_OUTPUT as MAX_INFLATION } from './inflate.js'

/**
 * The message of a failed decompression of the file `name`: output beyond
 * the limit is `<name>: the gzip data inflates to <beyond>`, anything else
 * corrupt data (in zlib's words) or an output too large to allocate.
 */
export const inflateMessage = (failure: InflateFailure, name: string, beyond: string): string =>
  failure.kind === 'too large'
    ? `${name}: the gzip data inflates to ${beyond}`
    : failure.kind === 'corrupt'
      ? `${name}: corrupt gzip data (${failure.message})`
      : `${name}: the inflated data is too large to hold (${failure.message})`
