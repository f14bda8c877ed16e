/**
 * Laws of IDX readers (the MNIST file format): whatever is done to a valid
 * file — a byte flipped, the file cut short, bytes inserted or appended
 * (100,000 of them: a small gzip that inflates far past its header), a
 * dimension or the element type changed, plain or gzipped, before or after
 * compression — the readers return a `Left` or exactly the file's contents,
 * never throw, and never inflate more than the header declares.
 *
 * The readers are parameters (with nabla they are `parseIdxImages`,
 * `parseIdxLabels` and `gunzipIdx` from `nabla/data`, and `gzipSync` from
 * `node:zlib`), so this module needs no Node built-in.
 *
 * @module
 */
import * as fc from 'fast-check'
import { either as E } from 'fp-ts'
import { Matrix } from '../../src/index.js'
import type { IdxImages } from '../../src/data/idx.js'
import type { Law } from '../law.js'

/**
 * The IDX readers under test, and a gzip compressor to make gzipped files.
 *
 * @category IDX laws
 */
export interface IdxReaders {
  /** Parses an IDX images file, plain or gzipped (nabla: `parseIdxImages`). */
  readonly parseImages: (bytes: Uint8Array, name: string) => E.Either<string, IdxImages>
  /** Parses an IDX labels file, plain or gzipped (nabla: `parseIdxLabels`). */
  readonly parseLabels: (bytes: Uint8Array, name: string) => E.Either<string, ReadonlyArray<number>>
  /** The decompressed bytes of an IDX file (nabla: `gunzipIdx`). */
  readonly inflate: (bytes: Uint8Array, name: string) => E.Either<string, Uint8Array>
  /** Compresses bytes with gzip (e.g. `gzipSync` of `node:zlib`). */
  readonly gzip: (bytes: Uint8Array) => Uint8Array
}

/**
 * An IDX file: the big-endian magic number `0x0000TTDD`, one big-endian
 * 32-bit size per dimension, then the body.
 *
 * @category IDX laws
 */
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

/** The size in bytes of an element of each IDX type, by its code. */
const elementBytes: ReadonlyMap<number, number> = new Map([
  [0x08, 1],
  [0x09, 1],
  [0x0b, 2],
  [0x0c, 4],
  [0x0d, 4],
  [0x0e, 8],
])

/** The largest IDX header: the magic number and 255 dimensions. */
const LONGEST_HEADER = 4 + 4 * 255

/**
 * The size of the file that IDX bytes declare in their header (4 + 4·rank
 * + dims product × element size), or the longest header (1024 bytes) if
 * they do not start with a whole IDX header of a known element type.
 *
 * @category IDX laws
 */
export const declaredSize = (bytes: Uint8Array): number => {
  const size = elementBytes.get(bytes[2] ?? -1)
  const offset = 4 + 4 * (bytes[3] ?? 0)
  if (bytes.length < offset || bytes[0] !== 0 || bytes[1] !== 0 || size === undefined) return LONGEST_HEADER
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const dims = Array.from({ length: (offset - 4) / 4 }, (_, k) => view.getUint32(4 + 4 * k))
  return offset + dims.reduce((a, b) => a * b, 1) * size
}

/** An edited IDX file: the bytes given to the readers, the contents they hold, and what was done. @category IDX laws */
export interface EditedIdx {
  readonly bytes: Uint8Array
  /** The file the bytes hold once decompressed: the plain file, edited; gzip-level edits leave it alone or break it. */
  readonly contents: Uint8Array
  readonly gzipped: boolean
  readonly edit: string
}

type ByteEdit = (bytes: Uint8Array) => readonly [Uint8Array, string]

const splice = (bytes: Uint8Array, at: number, remove: number, insert: ArrayLike<number>): Uint8Array => {
  const k = Math.min(at, bytes.length)
  return Uint8Array.from([...bytes.subarray(0, k), ...Array.from(insert), ...bytes.subarray(k + remove)])
}

/** Edits that apply to any bytes: flip one, cut short, insert, append (up to 100,000 bytes). */
const byteEdits = (): fc.Arbitrary<ByteEdit> =>
  fc.oneof(
    fc.constant<ByteEdit>((b) => [b, 'unchanged']),
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(
      ([at, mask]): ByteEdit =>
        (b) =>
          b.length === 0
            ? [b, 'unchanged']
            : [splice(b, at % b.length, 1, [(b[at % b.length] ?? 0) ^ mask]), `byte ${at % b.length} flipped`],
    ),
    fc.nat().map((at): ByteEdit => (b) => [b.subarray(0, at % (b.length + 1)), `cut to ${at % (b.length + 1)} bytes`]),
    fc
      .tuple(fc.nat(), fc.integer({ min: 0, max: 255 }))
      .map(([at, x]): ByteEdit => (b) => [
        splice(b, at % (b.length + 1), 0, [x]),
        `byte inserted at ${at % (b.length + 1)}`,
      ]),
    fc
      .tuple(fc.constantFrom(1, 100, 100_000), fc.integer({ min: 0, max: 255 }))
      .map(([n, x]): ByteEdit => (b) => [splice(b, b.length, 0, new Uint8Array(n).fill(x)), `${n} bytes appended`]),
  )

/** Edits of an IDX header: a dimension set to an edge value, the element type or the rank changed. */
const headerEdits = (): fc.Arbitrary<ByteEdit> =>
  fc.oneof(
    fc.tuple(fc.nat({ max: 3 }), fc.constantFrom(0, 1, 2, 0x10000, 0xffffffff)).map(([k, v]): ByteEdit => (b) => {
      if (b.length < 8 + 4 * k) return [b, 'unchanged']
      const copy = b.slice()
      new DataView(copy.buffer).setUint32(4 + 4 * k, v)
      return [copy, `dimension ${k} set to ${v}`]
    }),
    fc
      .tuple(fc.constantFrom(2, 3), fc.integer({ min: 0, max: 255 }))
      .map(([at, x]): ByteEdit => (b) => [splice(b, at, 1, [x]), `${at === 2 ? 'element type' : 'rank'} set to ${x}`]),
  )

/** Small valid IDX files: 0 to 4 images of 1–3 × 1–3 pixels, or 0 to 8 labels in 0…9. */
const validIdx = (): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    fc
      .record({ count: fc.nat({ max: 4 }), rows: fc.integer({ min: 1, max: 3 }), cols: fc.integer({ min: 1, max: 3 }) })
      .chain(({ count, rows, cols }) =>
        fc
          .uint8Array({ minLength: count * rows * cols, maxLength: count * rows * cols })
          .map((body) => idxFile(0x00000803, [count, rows, cols], body)),
      ),
    fc.array(fc.nat({ max: 9 }), { maxLength: 8 }).map((labels) => idxFile(0x00000801, [labels.length], labels)),
  )

/**
 * Valid IDX files after an edit of their bytes or header, plain or
 * gzipped, and, for gzipped ones, possibly a second edit of the
 * compressed bytes.
 *
 * @category IDX laws
 */
export const editedIdxFiles = (gzip: (bytes: Uint8Array) => Uint8Array): fc.Arbitrary<EditedIdx> =>
  fc
    .record({
      file: validIdx(),
      edit: fc.oneof(byteEdits(), headerEdits()),
      gzipped: fc.boolean(),
      gzipEdit: byteEdits(),
    })
    .map(({ file, edit, gzipped, gzipEdit }) => {
      const [contents, what] = edit(file)
      if (!gzipped) return { bytes: contents, contents, gzipped, edit: what }
      const [bytes, how] = gzipEdit(gzip(contents))
      return { bytes, contents, gzipped, edit: `${what}, gzipped, then ${how}` }
    })

/** Whether bytes are a whole IDX file with this magic number: its header, and exactly the body it declares. */
const isWhole = (contents: Uint8Array, magic: number): boolean =>
  contents.length >= 4 &&
  new DataView(contents.buffer, contents.byteOffset, 4).getUint32(0) === magic &&
  declaredSize(contents) === contents.length

/** Whether parsed images are exactly those of an images file: its sizes, and pixel p of image i = byte/255. */
const sameImages = (images: IdxImages, contents: Uint8Array): boolean => {
  const pixels = images.rows * images.cols
  const body = contents.subarray(16)
  if (!isWhole(contents, 0x00000803) || body.length !== images.count * pixels) return false
  if (images.x.rows !== pixels || images.x.cols !== images.count) return false
  const rows = Matrix.toRows(images.x)
  return Array.from(body).every((v, k) => rows[k % pixels]?.[Math.floor(k / pixels)] === v / 255)
}

/** Whether parsed labels are exactly those of a labels file. */
const sameLabels = (labels: ReadonlyArray<number>, contents: Uint8Array): boolean =>
  isWhole(contents, 0x00000801) &&
  labels.length === contents.length - 8 &&
  labels.every((l, i) => l === contents[8 + i])

/** A Left that names the file, on one line. */
const namesFile = (message: string, name: string): boolean => message.startsWith(`${name}: `) && !message.includes('\n')

const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b

/**
 * Whatever is done to a valid IDX file (see `editedIdxFiles`), the readers
 * return instead of throwing: a `Left` naming the file, or exactly the
 * contents of the file — sizes from its header, every pixel and label — and
 * only when it is a whole file of the kind asked for.
 *
 * @category IDX laws
 */
export const idxReadersNeverThrow = (readers: IdxReaders): Law<EditedIdx> => ({
  name: 'idxReadersNeverThrow',
  arbitrary: editedIdxFiles(readers.gzip),
  holds: ({ bytes, contents }) => {
    const images = readers.parseImages(bytes, 'f.idx')
    const labels = readers.parseLabels(bytes, 'f.idx')
    return (
      (E.isLeft(images) ? namesFile(images.left, 'f.idx') : sameImages(images.right, contents)) &&
      (E.isLeft(labels) ? namesFile(labels.left, 'f.idx') : sameLabels(labels.right, contents))
    )
  },
})

/**
 * Decompressing an edited IDX file (see `editedIdxFiles`) never gives more
 * bytes than the header of what it gives declares (see {@link declaredSize}),
 * however much more the compressed data holds: a gzip that inflates far past
 * its header is refused, not inflated. Plain bytes come back as they are.
 *
 * @category IDX laws
 */
export const idxInflationIsBoundedByTheHeader = (readers: IdxReaders): Law<EditedIdx> => ({
  name: 'idxInflationIsBoundedByTheHeader',
  arbitrary: editedIdxFiles(readers.gzip),
  holds: ({ bytes }) => {
    const out = readers.inflate(bytes, 'f.idx')
    if (E.isLeft(out)) return isGzip(bytes) && namesFile(out.left, 'f.idx')
    return isGzip(bytes)
      ? out.right.length <= declaredSize(out.right)
      : out.right.length === bytes.length && out.right.every((b, i) => b === bytes[i])
  },
})

/** Both IDX laws. @category IDX laws */
export const idxLaws = (readers: IdxReaders): ReadonlyArray<Law<never>> =>
  [idxReadersNeverThrow(readers), idxInflationIsBoundedByTheHeader(readers)] as unknown as ReadonlyArray<Law<never>>
