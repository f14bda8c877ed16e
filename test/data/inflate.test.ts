// The data layer's gzip decoder against Node's zlib as the reference: the same output for
// anything zlib compresses, the same verdict, in zlib's words, for anything damaged, and the
// limit and prefix options as documented.
import fc from 'fast-check'
import { either as E } from 'fp-ts'
import { constants, gunzipSync, gzipSync, type ZlibOptions } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { crc32, gunzipBytes, type InflateFailure } from '../../src/data/inflate.js'

type Decoder = (gz: Uint8Array) => E.Either<InflateFailure, Uint8Array>

/** What zlib makes of the bytes: the output, or its error message. */
const zlib = (gz: Uint8Array, options: ZlibOptions = {}): E.Either<string, Uint8Array> => {
  try {
    return E.right(new Uint8Array(gunzipSync(gz, options)))
  } catch (e) {
    return E.left((e as Error).message)
  }
}

/** A decoder's verdict in zlib's terms. */
const verdict = (r: E.Either<InflateFailure, Uint8Array>): E.Either<string, Uint8Array> =>
  E.isRight(r) ? r : E.left(r.left.kind === 'corrupt' ? r.left.message : r.left.kind)

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((v, i) => v === b[i])

const agree = (a: E.Either<string, Uint8Array>, b: E.Either<string, Uint8Array>): boolean =>
  E.isRight(a) && E.isRight(b) ? sameBytes(a.right, b.right) : E.isLeft(a) && E.isLeft(b) && a.left === b.left

/**
 * Data worth compressing: runs of one byte (matches at distance 1), repeats of earlier stretches
 * (long and overlapping matches), and noise (literals), in any order.
 */
const data: fc.Arbitrary<Uint8Array> = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constant('run' as const), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 600 })),
      fc.tuple(fc.constant('repeat' as const), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 3, max: 700 })),
      fc.tuple(fc.constant('noise' as const), fc.uint8Array({ minLength: 1, maxLength: 300 })),
    ),
    { maxLength: 12 },
  )
  .map((parts) => {
    const out: number[] = []
    parts.forEach((p) => {
      if (p[0] === 'run') out.push(...Array.from({ length: p[2] }, () => p[1]))
      else if (p[0] === 'noise') out.push(...p[1])
      else if (out.length > 0) {
        const from = Math.max(0, out.length - p[1])
        for (let i = 0; i < p[2]; i++) out.push(out[from + i] ?? 0)
      }
    })
    return Uint8Array.from(out)
  })

/** zlib's compression options: every level, strategy and memory level, and every gzip window size. */
const zlibOptions: fc.Arbitrary<ZlibOptions> = fc.record({
  level: fc.integer({ min: 0, max: 9 }),
  strategy: fc.constantFrom(
    constants.Z_DEFAULT_STRATEGY,
    constants.Z_FILTERED,
    constants.Z_HUFFMAN_ONLY,
    constants.Z_RLE,
    constants.Z_FIXED,
  ),
  memLevel: fc.integer({ min: 1, max: 9 }),
  windowBits: fc.integer({ min: 9, max: 15 }),
})

const gz = (bytes: Uint8Array, options: ZlibOptions = {}): Uint8Array => new Uint8Array(gzipSync(bytes, options))

/** A gzip file of some data, and one change to it: a byte flipped, a cut, or bytes appended. */
const damaged: fc.Arbitrary<Uint8Array> = fc
  .tuple(data, zlibOptions, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.constantFrom('flip', 'cut', 'append'))
  .chain(([bytes, options, at, mask, how]) => {
    const file = gz(bytes, options)
    const i = at % file.length
    if (how === 'flip') return fc.constant(file.map((v, k) => (k === i ? v ^ mask : v)))
    if (how === 'cut') return fc.constant(file.subarray(0, i))
    return fc.uint8Array({ minLength: 1, maxLength: 12 }).map((tail) => Uint8Array.from([...file, ...tail]))
  })

/** The decoder agrees with zlib on damaged files: same output, or the same error message. */
const agreesWithZlibOnDamage = (decode: Decoder): fc.IPropertyWithHooks<[Uint8Array]> =>
  fc.property(damaged, (file) => agree(verdict(decode(file)), zlib(file)))

describe('gunzipBytes inflates what zlib deflates', () => {
  it('at every level, strategy, memory level and window size', () => {
    fc.assert(
      fc.property(data, zlibOptions, (bytes, options) => {
        const out = gunzipBytes(gz(bytes, options))
        return E.isRight(out) && sameBytes(out.right, bytes)
      }),
      { numRuns: 300 },
    )
  })

  it('several members in a row are one stream, and zero bytes after the last are padding', () => {
    fc.assert(
      fc.property(fc.array(data, { minLength: 1, maxLength: 4 }), fc.nat(8), (parts, padding) => {
        const file = Uint8Array.from([...parts.flatMap((p) => [...gz(p)]), ...new Uint8Array(padding)])
        const out = gunzipBytes(file)
        return E.isRight(out) && sameBytes(out.right, Uint8Array.from(parts.flatMap((p) => [...p])))
      }),
      { numRuns: 100 },
    )
  })

  it('reads the optional header fields (extra field, name, comment, header CRC)', () => {
    const text = (s: string): ReadonlyArray<number> => [...new TextEncoder().encode(s)]
    const body = gz(new TextEncoder().encode('fields')).subarray(10)
    // FLG: FHCRC 2 | FEXTRA 4 | FNAME 8 | FCOMMENT 16; the extra field is XLEN = 4 (little-endian) and 4 bytes
    const head = Uint8Array.from([
      0x1f,
      0x8b,
      8,
      2 | 4 | 8 | 16,
      0,
      0,
      0,
      0,
      0,
      3,
      4,
      0,
      1,
      2,
      3,
      4,
      ...text('name'),
      0,
      ...text('note'),
      0,
    ])
    const headerCrc = crc32(head) & 0xffff
    const file = Uint8Array.from([...head, headerCrc & 0xff, headerCrc >>> 8, ...body])
    expect(zlib(file)).toEqual(E.right(new TextEncoder().encode('fields')))
    expect(verdict(gunzipBytes(file))).toEqual(E.right(new TextEncoder().encode('fields')))
    const badCrc = file.map((v, i) => (i === head.length ? v ^ 1 : v))
    expect(verdict(gunzipBytes(badCrc))).toEqual(E.left('header crc mismatch'))
    expect(zlib(badCrc)).toEqual(E.left('header crc mismatch'))
  })

  it('computes the CRC-32 of the standard check string', () => {
    // the check value of CRC-32/ISO-HDLC (the gzip CRC) for the ASCII string "123456789"
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
  })
})

describe('gunzipBytes refuses damaged data as zlib does', () => {
  it('a flipped byte, a cut or appended bytes: the same output or the same error message as zlib', () => {
    fc.assert(agreesWithZlibOnDamage(gunzipBytes), { numRuns: 2000 })
  })

  it('any bytes that start like gzip: the same verdict as zlib, and never a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (tail) => {
        const file = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, ...tail])
        return agree(verdict(gunzipBytes(file)), zlib(file))
      }),
      { numRuns: 1000 },
    )
  })

  it('a decoder that loses the last byte of its output breaks the agreement, on a shrunk one-byte file', () => {
    const lossy: Decoder = (file) =>
      E.map((out: Uint8Array) => out.subarray(0, Math.max(0, out.length - 1)))(gunzipBytes(file))
    const report = fc.check(agreesWithZlibOnDamage(lossy), { numRuns: 2000, seed: 1 })
    expect(report.failed).toBe(true)
    const [file] = report.counterexample ?? [new Uint8Array()]
    const ok = zlib(file)
    expect(E.isRight(ok) && ok.right.length).toBe(1)
  })
})

describe('the options', () => {
  it('limit: the output is refused as too large exactly when it is longer than the limit', () => {
    fc.assert(
      fc.property(data, fc.nat(5000), (bytes, limit) => {
        const out = gunzipBytes(gz(bytes), { limit })
        return bytes.length <= limit
          ? E.isRight(out) && sameBytes(out.right, bytes)
          : E.isLeft(out) && out.left.kind === 'too large'
      }),
      { numRuns: 300 },
    )
  })

  it('limit: a 64 MB bomb of zeros is refused without inflating it', () => {
    const bomb = gz(new Uint8Array(64 * 1024 * 1024), { level: 9 })
    const start = performance.now()
    expect(gunzipBytes(bomb, { limit: 1000 })).toEqual(E.left({ kind: 'too large' }))
    // inflating 64 MB takes hundreds of milliseconds; stopping after a kilobyte takes well under one
    expect(performance.now() - start).toBeLessThan(50)
  })

  it('prefix: at least that many bytes (or all), which start the output; a cut file gives what it holds', () => {
    fc.assert(
      fc.property(data, fc.integer({ min: 1, max: 2000 }), fc.nat(), (bytes, prefix, at) => {
        const file = gz(bytes)
        const whole = gunzipBytes(file, { prefix })
        const cut = gunzipBytes(file.subarray(0, at % (file.length + 1)), { prefix })
        // zlib's output of a cut file, flushed as far as it goes, is what the cut file holds
        const held = zlib(file.subarray(0, at % (file.length + 1)), { finishFlush: constants.Z_SYNC_FLUSH })
        return (
          E.isRight(whole) &&
          whole.right.length >= Math.min(prefix, bytes.length) &&
          sameBytes(whole.right, bytes.subarray(0, whole.right.length)) &&
          (E.isLeft(held) ||
            (E.isRight(cut) &&
              cut.right.length >= Math.min(prefix, held.right.length) &&
              sameBytes(cut.right, bytes.subarray(0, cut.right.length))))
        )
      }),
      { numRuns: 300 },
    )
  })
})
