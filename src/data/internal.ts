import { messageOf as errorMessage } from '../matrix/json.js'
import type { InflateFailure } from './inflate.js'

/** The message of a thrown value (the one definition is `messageOf`, with the boundary codecs). */
export { errorMessage }

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
