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
 * never return part of a file.
 *
 * @module
 */
/// <reference types="node" />
import { either as E } from 'fp-ts'
import { pipe } from 'fp-ts/lib/function.js'
import { gunzipSync } from 'node:zlib'
import type { Matrix } from '../matrix/Matrix.js'
import { fromBuffer } from '../matrix/internal.js'
import { errorMessage, gunzipOptions } from './internal.js'
import { imagesToColumns } from './kernels.js'

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
 * gzip data is a `Left` naming the file.
 *
 * @category IDX
 */
export const gunzipIfGzipped = (bytes: Uint8Array, name: string): E.Either<string, Uint8Array> =>
  isGzip(bytes)
    ? E.tryCatch(
        () => gunzipSync(bytes, gunzipOptions(bytes)),
        (e) => `${name}: corrupt gzip data (${errorMessage(e)})`,
      )
    : E.right(bytes)

/**
 * Parses an IDX file of images (magic `0x00000803`), plain or gzipped, into
 * a (rows·cols)×count matrix with one image per column and pixels scaled to
 * [0, 1]. `name` is used in error messages.
 *
 * Every problem is a `Left` naming the file: corrupt gzip, a file that is
 * not IDX, the wrong magic number (e.g. a label file), an element type other
 * than unsigned bytes, a truncated header or body, extra trailing bytes,
 * empty images.
 *
 * @category IDX
 */
export const parseIdxImages = (bytes: Uint8Array, name: string): E.Either<string, IdxImages> =>
  pipe(
    gunzipIfGzipped(bytes, name),
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
    gunzipIfGzipped(bytes, name),
    E.chain((raw) => parseIdxLabelsRaw(raw, name, options)),
  )

/** {@link parseIdxImages} of bytes that are already decompressed (gzip is not detected). @category IDX */
export const parseIdxImagesRaw = (bytes: Uint8Array, name: string): E.Either<string, IdxImages> =>
  pipe(
    readHeader(bytes, name, { magic: IDX_IMAGES_MAGIC, what: 'images' }),
    E.chain(({ dims, offset }) => {
      const [count = 0, rows = 0, cols = 0] = dims
      if (rows === 0 || cols === 0) return E.left(`${name}: the header gives empty images of ${rows}×${cols} pixels`)
      const pixels = rows * cols
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
    readHeader(bytes, name, { magic: IDX_LABELS_MAGIC, what: 'labels' }),
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

interface Header {
  readonly dims: ReadonlyArray<number>
  /** Where the elements start: 4 + 4·dimensions. */
  readonly offset: number
}

const elementTypes: Readonly<Record<number, string>> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`

const describeMagic = (magic: number): string =>
  magic === IDX_IMAGES_MAGIC ? ' (IDX images)' : magic === IDX_LABELS_MAGIC ? ' (IDX labels)' : ''

const uint32 = (b: Uint8Array, o: number): number =>
  (b[o] ?? 0) * 0x1000000 + (b[o + 1] ?? 0) * 0x10000 + (b[o + 2] ?? 0) * 0x100 + (b[o + 3] ?? 0)

/**
 * Checks the magic number and that the file holds exactly the elements its
 * header promises (one byte each), and returns the sizes.
 */
const readHeader = (bytes: Uint8Array, name: string, expected: Expected): E.Either<string, Header> => {
  const wanted = `expected ${hex(expected.magic)}${describeMagic(expected.magic)}`
  if (bytes.length < 4) {
    return E.left(`${name}: truncated file: ${bytes.length} bytes, too short for the 4-byte IDX magic number`)
  }
  const magic = uint32(bytes, 0)
  const type = bytes[2] ?? 0
  const rank = bytes[3] ?? 0
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    return E.left(`${name}: not an IDX file: wrong magic number ${hex(magic)}, ${wanted}`)
  }
  if (type !== 0x08) {
    const typeName = elementTypes[type] ?? 'unknown'
    return E.left(
      `${name}: wrong element type 0x${type.toString(16).padStart(2, '0')} (${typeName}) in magic number ${hex(magic)}: ` +
        `only unsigned bytes (0x08) are supported, ${wanted}`,
    )
  }
  if (magic !== expected.magic) {
    return E.left(`${name}: wrong magic number ${hex(magic)}${describeMagic(magic)}, ${wanted}`)
  }
  const offset = 4 + 4 * rank
  if (bytes.length < offset) {
    return E.left(`${name}: truncated file: ${bytes.length} bytes, the header alone needs ${offset}`)
  }
  const dims = Array.from({ length: rank }, (_, k) => uint32(bytes, 4 + 4 * k))
  const total = offset + dims.reduce((a, b) => a * b, 1)
  const promise = `the header promises ${expected.what} of size ${dims.join('×')}, which is ${total} bytes`
  if (bytes.length < total) {
    return E.left(`${name}: truncated file: ${promise}, but the file has only ${bytes.length}`)
  }
  if (bytes.length > total) {
    return E.left(`${name}: ${bytes.length - total} extra trailing bytes: ${promise}, but the file has ${bytes.length}`)
  }
  return E.right({ dims, offset })
}
