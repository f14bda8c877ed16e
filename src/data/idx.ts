/**
 * The IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/):
 * a big-endian header — a 4-byte magic number `0x0000TTDD` where `TT` is the
 * element type and `DD` the number of dimensions, then one 4-byte size per
 * dimension — followed by the elements, nothing else. MNIST-like data sets
 * use unsigned bytes: images are `0x00000803` (count×rows×cols) and labels
 * `0x00000801` (count).
 *
 * The parsers here take a whole file's bytes, plain or gzipped (recognized
 * by the gzip magic bytes 1f 8b), and return `Left` with a message naming the
 * file for anything that is not exactly such a file: they never throw and
 * never return part of a file. Gzipped data is never inflated beyond the
 * size its IDX header declares (see {@link gunzipIdx}), so a small file
 * that would inflate to gigabytes is refused after reading its header.
 *
 * @module
 */
import { either as E, function as F } from 'fp-ts'
import type { Matrix } from '../matrix/Matrix.js'
import { MAX_DIMENSION, MAX_EMPTY_DIMENSION } from '../matrix/codec.js'
import { fromBuffer } from '../matrix/internal.js'
import { gunzipBytes } from './inflate.js'
import { MAX_INFLATION, errorMessage, inflateMessage } from './internal.js'
import { imagesToColumns } from './kernels.js'

const { pipe } = F

/** The magic number of an IDX file of unsigned-byte images, count×rows×cols. @category IDX */
export const IDX_IMAGES_MAGIC: number = 0x00000803

/** The magic number of an IDX file of unsigned-byte labels, count. @category IDX */
export const IDX_LABELS_MAGIC: number = 0x00000801

/**
 * The images of an IDX file: `x` is (rows·cols)×count with one image per
 * column — entry (p, i) is pixel p (row-major within the image) of image i,
 * scaled from 0…255 to [0, 1].
 *
 * @category IDX
 */
export interface IdxImages {
  readonly count: number
  readonly rows: number
  readonly cols: number
  readonly x: Matrix
}

/** Options of {@link parseIdxLabels}: labels must be below `classes` (default 10). @category IDX */
export interface IdxLabelsOptions {
  readonly classes?: number
}

/** Whether bytes start with the gzip magic number 1f 8b. @category IDX */
export const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b

/**
 * The bytes themselves, or their decompression if they are gzipped; corrupt
 * gzip data is a `Left` naming the file. This knows nothing of IDX and
 * inflates whatever the data holds, up to `maxBytes` (default: as much as a
 * buffer can hold); for IDX files use {@link gunzipIdx}, which bounds the
 * inflation by the header.
 *
 * @category IDX
 */
export const gunzipIfGzipped = (
  bytes: Uint8Array,
  name: string,
  maxBytes: number = MAX_INFLATION,
): E.Either<string, Uint8Array> =>
  isGzip(bytes)
    ? pipe(
        gunzipBytes(bytes, { limit: maxBytes }),
        E.mapLeft((failure) => inflateMessage(failure, name, `more than ${maxBytes} bytes`)),
      )
    : E.right(bytes)

/**
 * The largest IDX header: the 4-byte magic number and up to 255 dimensions
 * of 4 bytes each.
 */
const MAX_HEADER = 4 + 4 * 255

/**
 * How many bytes gzipped IDX data may inflate to: the size its header
 * declares (4 + 4·rank + dims product × element size). The header is read
 * from the first kilobyte of output (decompression stops there, past at
 * most one stored block of 64 KB), and anything wrong with it is a `Left`
 * at once: not IDX, an
 * unknown element type, the wrong magic number (when `expectedMagic` is
 * given, e.g. {@link IDX_IMAGES_MAGIC}), or a size that `bytes.length` bytes
 * of deflate data cannot hold (deflate inflates at most 1032:1). Data that
 * ends inside its header may inflate to the largest header (1024 bytes),
 * for the parser to say it is truncated.
 *
 * @category IDX
 */
export const idxGunzipLimit = (bytes: Uint8Array, name: string, expectedMagic?: number): E.Either<string, number> =>
  pipe(
    gunzipBytes(bytes, { prefix: MAX_HEADER }),
    E.mapLeft((failure) => inflateMessage(failure, name, `more than ${MAX_INFLATION} bytes`)),
    E.chain((head) => {
      // The peek gives MAX_HEADER bytes unless the data ends first: then it ends inside its header,
      // and the parser of what little there is will say that the file is truncated.
      if (head.length < (head.length < 4 ? 4 : 4 + 4 * (head[3] ?? 0))) return E.right(MAX_HEADER)
      const expected = expectedMagic === undefined ? undefined : expectation(expectedMagic)
      return pipe(
        readHeaderFields(head, name, expected),
        E.chain((header) => {
          const most = Math.min(MAX_INFLATION, 1032 * bytes.length)
          return header.size <= most
            ? E.right(header.size)
            : E.left(
                `${name}: truncated file: ${promise(header, expected)}, but ${bytes.length} bytes of gzip data ` +
                  `cannot inflate to more than ${most}`,
              )
        }),
      )
    }),
  )

/**
 * The bytes of an IDX file, decompressed if they are gzipped, inflating no
 * more than the size its header declares (see {@link idxGunzipLimit}): data
 * that goes on beyond it is refused as soon as the limit is passed, with a
 * `Left` naming the file, and so is corrupt gzip data. Plain bytes are
 * returned as they are.
 *
 * @category IDX
 */
export const gunzipIdx = (bytes: Uint8Array, name: string, expectedMagic?: number): E.Either<string, Uint8Array> =>
  isGzip(bytes)
    ? pipe(
        idxGunzipLimit(bytes, name, expectedMagic),
        E.chain((limit) =>
          pipe(
            gunzipBytes(bytes, { limit }),
            E.mapLeft((failure) =>
              inflateMessage(
                failure,
                name,
                `more than the ${limit} bytes its IDX header declares (extra trailing data)`,
              ),
            ),
          ),
        ),
      )
    : E.right(bytes)

/**
 * Parses an IDX file of images (magic `0x00000803`), plain or gzipped, into
 * a (rows·cols)×count matrix with one image per column and pixels scaled to
 * [0, 1]. `name` is used in error messages.
 *
 * Every problem is a `Left` naming the file: corrupt gzip, a file that is
 * not IDX, the wrong magic number (e.g. a label file), an element type other
 * than unsigned bytes, a truncated header or body, extra trailing bytes
 * (gzipped data is inflated only as far as the header's size), empty
 * images, images of more than 2³¹ − 1 pixels, and a file of no images of
 * more than 2²⁰ pixels (the limits of `Matrix.codec`: no matrix whose shape
 * promises what its entries do not pay for).
 *
 * @category IDX
 */
export const parseIdxImages = (bytes: Uint8Array, name: string): E.Either<string, IdxImages> =>
  pipe(
    gunzipIdx(bytes, name, IDX_IMAGES_MAGIC),
    E.chain((raw) => parseIdxImagesRaw(raw, name)),
  )

/**
 * Parses an IDX file of labels (magic `0x00000801`), plain or gzipped, into
 * an array of class indices. Besides the format errors of
 * {@link parseIdxImages}, a label ≥ `classes` (default 10) is a `Left`.
 *
 * @category IDX
 */
export const parseIdxLabels = (
  bytes: Uint8Array,
  name: string,
  options: IdxLabelsOptions = {},
): E.Either<string, ReadonlyArray<number>> =>
  pipe(
    gunzipIdx(bytes, name, IDX_LABELS_MAGIC),
    E.chain((raw) => parseIdxLabelsRaw(raw, name, options)),
  )

/** {@link parseIdxImages} of bytes that are already decompressed (gzip is not detected). @category IDX */
export const parseIdxImagesRaw = (bytes: Uint8Array, name: string): E.Either<string, IdxImages> =>
  pipe(
    readHeader(bytes, name, expectation(IDX_IMAGES_MAGIC)),
    E.chain(({ dims, offset }) => {
      const [count = 0, rows = 0, cols = 0] = dims
      if (rows === 0 || cols === 0) return E.left(`${name}: the header gives empty images of ${rows}×${cols} pixels`)
      const pixels = rows * cols
      // The limits of Matrix.codec: a matrix's shape must not promise what its entries do not pay for.
      if (pixels > MAX_DIMENSION) {
        return E.left(`${name}: images of ${rows}×${cols} pixels are too large (at most ${MAX_DIMENSION} pixels)`)
      }
      if (count === 0 && pixels > MAX_EMPTY_DIMENSION) {
        return E.left(
          `${name}: no images, of ${rows}×${cols} pixels: an empty matrix may have at most ${MAX_EMPTY_DIMENSION} rows`,
        )
      }
      return pipe(
        // The only thing that can throw here is allocating the float64 buffer (8 bytes per pixel).
        E.tryCatch(
          () => imagesToColumns(bytes, offset, count, pixels),
          (e) =>
            `${name}: ${count} images of ${rows}×${cols} pixels are too many to hold as float64 (${errorMessage(e)})`,
        ),
        E.map((data) => ({ count, rows, cols, x: fromBuffer(pixels, count, data) })),
      )
    }),
  )

/** {@link parseIdxLabels} of bytes that are already decompressed (gzip is not detected). @category IDX */
export const parseIdxLabelsRaw = (
  bytes: Uint8Array,
  name: string,
  options: IdxLabelsOptions = {},
): E.Either<string, ReadonlyArray<number>> => {
  const classes = options.classes ?? 10
  if (!Number.isInteger(classes) || classes < 1) {
    return E.left(`${name}: the number of classes must be a positive integer (got ${classes})`)
  }
  return pipe(
    readHeader(bytes, name, expectation(IDX_LABELS_MAGIC)),
    E.chain(({ offset }) => {
      const values = bytes.subarray(offset)
      const bad = values.findIndex((v) => v >= classes)
      return bad >= 0
        ? E.left(`${name}: label ${String(values[bad])} of item ${bad} is out of range (expected 0…${classes - 1})`)
        : E.right(Object.freeze(Array.from(values)))
    }),
  )
}

interface Expected {
  readonly magic: number
  readonly what: string
}

const expectation = (magic: number): Expected => ({
  magic,
  what: magic === IDX_IMAGES_MAGIC ? 'images' : magic === IDX_LABELS_MAGIC ? 'labels' : 'elements',
})

interface Header {
  readonly dims: ReadonlyArray<number>
  /** Where the elements start: 4 + 4·dimensions. */
  readonly offset: number
  /** The size of the whole file the header declares: offset + dims product × element size. */
  readonly size: number
}

/** The element types of IDX: their names and sizes in bytes, by type code (the third byte of the magic number). */
const elementTypes: ReadonlyMap<number, { readonly name: string; readonly bytes: number }> = new Map([
  [0x08, { name: 'unsigned byte', bytes: 1 }],
  [0x09, { name: 'signed byte', bytes: 1 }],
  [0x0b, { name: 'int16', bytes: 2 }],
  [0x0c, { name: 'int32', bytes: 4 }],
  [0x0d, { name: 'float32', bytes: 4 }],
  [0x0e, { name: 'float64', bytes: 8 }],
])

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`

const describeMagic = (magic: number): string =>
  magic === IDX_IMAGES_MAGIC ? ' (IDX images)' : magic === IDX_LABELS_MAGIC ? ' (IDX labels)' : ''

const uint32 = (b: Uint8Array, o: number): number =>
  (b[o] ?? 0) * 0x1000000 + (b[o + 1] ?? 0) * 0x10000 + (b[o + 2] ?? 0) * 0x100 + (b[o + 3] ?? 0)

const promise = (header: Header, expected: Expected | undefined): string =>
  `the header promises ${expected?.what ?? 'elements'} of size ${header.dims.join('×')}, which is ${header.size} bytes`

/**
 * Reads and checks the header: the magic number (IDX, and the expected one
 * if given; only unsigned bytes when a magic number is expected, any known
 * element type otherwise) and that the bytes hold the whole header.
 */
const readHeaderFields = (
  bytes: Uint8Array,
  name: string,
  expected: Expected | undefined,
): E.Either<string, Header> => {
  const wanted = expected === undefined ? '' : `, expected ${hex(expected.magic)}${describeMagic(expected.magic)}`
  if (bytes.length < 4) {
    return E.left(`${name}: truncated file: ${bytes.length} bytes, too short for the 4-byte IDX magic number`)
  }
  const magic = uint32(bytes, 0)
  const type = bytes[2] ?? 0
  const rank = bytes[3] ?? 0
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    return E.left(`${name}: not an IDX file: wrong magic number ${hex(magic)}${wanted}`)
  }
  const element = elementTypes.get(type)
  if (element === undefined || (expected !== undefined && type !== 0x08)) {
    return E.left(
      `${name}: wrong element type 0x${type.toString(16).padStart(2, '0')} (${element?.name ?? 'unknown'}) in magic number ${hex(magic)}: ` +
        `only unsigned bytes (0x08) are supported${wanted}`,
    )
  }
  if (expected !== undefined && magic !== expected.magic) {
    return E.left(`${name}: wrong magic number ${hex(magic)}${describeMagic(magic)}${wanted}`)
  }
  const offset = 4 + 4 * rank
  if (bytes.length < offset) {
    return E.left(`${name}: truncated file: ${bytes.length} bytes, the header alone needs ${offset}`)
  }
  const dims = Array.from({ length: rank }, (_, k) => uint32(bytes, 4 + 4 * k))
  return E.right({ dims, offset, size: offset + dims.reduce((a, b) => a * b, 1) * element.bytes })
}

/**
 * Checks the magic number and that the file holds exactly the elements its
 * header promises (one byte each), and returns the sizes.
 */
const readHeader = (bytes: Uint8Array, name: string, expected: Expected): E.Either<string, Header> =>
  pipe(
    readHeaderFields(bytes, name, expected),
    E.chain((header) => {
      if (bytes.length < header.size) {
        return E.left(`${name}: truncated file: ${promise(header, expected)}, but the file has only ${bytes.length}`)
      }
      if (bytes.length > header.size) {
        return E.left(
          `${name}: ${bytes.length - header.size} extra trailing bytes: ${promise(header, expected)}, but the file has ${bytes.length}`,
        )
      }
      return E.right(header)
    }),
  )
