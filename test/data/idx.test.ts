import { describe, expect, it, test } from 'vitest'
import { fc, test as fcTest } from '@fast-check/vitest'
import { either as E } from 'fp-ts'
import { Matrix } from 'nabla'
import { gzipSync } from 'node:zlib'
import {
  IDX_IMAGES_MAGIC,
  IDX_LABELS_MAGIC,
  gunzipIdx,
  gunzipIfGzipped,
  idxGunzipLimit,
  isGzip,
  parseIdxImages,
  parseIdxLabels,
  type IdxImages,
} from 'nabla/dataset'
import {
  checkLaw,
  declaredSize,
  idxInflationIsBoundedByTheHeader,
  idxLaws,
  type EditedIdx,
  type IdxReaders,
} from 'nabla/laws'
import { gzip, idxFile, imagesFile, labelsFile, threeImages } from './idxFixtures.js'
import { left, right } from '../helpers/either.js'
import { testLaw } from '../matrix/prop.js'

const readers: IdxReaders = {
  parseImages: parseIdxImages,
  parseLabels: parseIdxLabels,
  inflate: gunzipIdx,
  gzip: (bytes) => new Uint8Array(gzipSync(bytes)),
}

describe('the IDX laws', () => {
  idxLaws(readers).forEach((law) => {
    testLaw(law, 300)
  })

  it('an inflater without a limit breaks idxInflationIsBoundedByTheHeader, on a file with bytes appended', () => {
    const report = checkLaw(
      idxInflationIsBoundedByTheHeader({ ...readers, inflate: (b, name) => gunzipIfGzipped(b, name) }),
      {
        numRuns: 300,
      },
    )
    expect(report.failed).toBe(true)
    // the shrunk case: a file whose contents go on past the size its header declares
    const { contents } = report.counterexample?.[0] as EditedIdx
    expect(contents.length).toBeGreaterThan(declaredSize(contents))
  })
})

describe('a gzip bomb is refused after its header, not inflated', () => {
  // 28 bytes of three 2×2 images, then 64 MB of zeros: about 64 KB of gzip
  const plain = new Uint8Array(28 + 64 * 1024 * 1024)
  plain.set(imagesFile(threeImages, 2, 2))
  const bomb = gzip(plain)

  it('is refused at the size its header declares (28 bytes), with the file named', () => {
    expect(bomb.length).toBeLessThan(100 * 1024)
    expect(right(idxGunzipLimit(bomb, 'bomb.gz'))).toBe(28)
    expect(left(parseIdxImages(bomb, 'bomb.gz'))).toBe(
      'bomb.gz: the gzip data inflates to more than the 28 bytes its IDX header declares (extra trailing data)',
    )
    expect(left(gunzipIdx(bomb, 'bomb.gz'))).toMatch(/^bomb\.gz: the gzip data inflates to more than the 28 bytes/)
  })

  it('a header that promises more than the gzip data can hold is refused before inflating anything else', () => {
    const huge = gzip(idxFile(IDX_IMAGES_MAGIC, [0xffffffff, 0xffffffff, 0xffffffff], [1, 2, 3]))
    expect(left(parseIdxImages(huge, 'huge.gz'))).toMatch(
      /^huge\.gz: truncated file: the header promises images of size 4294967295×4294967295×4294967295, which is .* bytes, but \d+ bytes of gzip data cannot inflate to more than \d+$/,
    )
  })

  it('a gzipped file that is not IDX, or of the wrong kind, says so as the plain one does', () => {
    const text = new TextEncoder().encode('hello, world'.repeat(200))
    expect(left(parseIdxImages(gzip(text), 'notes.gz'))).toBe(
      'notes.gz: not an IDX file: wrong magic number 0x68656c6c, expected 0x00000803 (IDX images)',
    )
    const labels = labelsFile(Array.from({ length: 2000 }, (_, i) => i % 10))
    expect(left(parseIdxImages(gzip(labels), 'l.gz'))).toBe(left(parseIdxImages(labels, 'l.gz')))
    expect(left(gunzipIdx(gzip(text), 'notes.gz'))).toBe('notes.gz: not an IDX file: wrong magic number 0x68656c6c')
  })

  it('a valid gzipped file larger than the header peek still reads in full', () => {
    const images = Array.from({ length: 300 }, (_, i) => Array.from({ length: 784 }, (_, p) => (i * 7 + p) % 256))
    const plain = imagesFile(images, 28, 28)
    expect(Buffer.from(right(gunzipIdx(gzip(plain), 'big.gz'))).equals(plain)).toBe(true)
  })
})

describe('parseIdxImages on good files', () => {
  it('puts image i in column i, pixel p in row p, scaled by 1/255', () => {
    const images = right(parseIdxImages(imagesFile(threeImages, 2, 2), 'imgs'))
    expect([images.count, images.rows, images.cols]).toEqual([3, 2, 2])
    expect(Matrix.shape(images.x)).toEqual([4, 3])
    threeImages.forEach((img, i) => {
      img.forEach((v, p) => {
        expect(Matrix.get(images.x, p, i)).toBe(v / 255)
      })
    })
    expect(Matrix.get(images.x, 0, 2)).toBe(1)
    expect(Matrix.get(images.x, 1, 2)).toBe(0)
  })

  it('reads a gzipped file to the same matrix as the plain one', () => {
    const plain = imagesFile(threeImages, 2, 2)
    const packed = gzip(plain)
    expect(isGzip(packed)).toBe(true)
    expect(isGzip(plain)).toBe(false)
    const a = right(parseIdxImages(plain, 'plain'))
    const b = right(parseIdxImages(packed, 'packed.gz'))
    expect(Matrix.Eq.equals(a.x, b.x)).toBe(true)
  })

  it('reads a gzipped file bigger than one 64 KB zlib chunk (200 images of 28×28) like the plain one', () => {
    const images = Array.from({ length: 200 }, (_, i) => Array.from({ length: 784 }, (_, p) => (i * 31 + p * 7) % 256))
    const plain = imagesFile(images, 28, 28)
    const a = right(parseIdxImages(plain, 'plain'))
    const b = right(parseIdxImages(gzip(plain), 'packed.gz'))
    expect(Matrix.shape(b.x)).toEqual([784, 200])
    expect(Matrix.Eq.equals(a.x, b.x)).toBe(true)
    expect(Matrix.get(b.x, 783, 199)).toBe(((199 * 31 + 783 * 7) % 256) / 255)
  })

  it('accepts a file of zero images (an empty 784×0 matrix)', () => {
    const images = right(parseIdxImages(imagesFile([], 28, 28), 'empty'))
    expect(Matrix.shape(images.x)).toEqual([784, 0])
  })

  it('leaves the input bytes untouched', () => {
    const bytes = imagesFile(threeImages, 2, 2)
    const copy = bytes.slice()
    right(parseIdxImages(bytes, 'f'))
    expect(bytes).toEqual(copy)
  })
})

describe('parseIdxLabels on good files', () => {
  it('reads labels, plain and gzipped', () => {
    const labels = [3, 0, 9, 9, 1]
    expect(right(parseIdxLabels(labelsFile(labels), 'l'))).toEqual(labels)
    expect(right(parseIdxLabels(gzip(labelsFile(labels)), 'l.gz'))).toEqual(labels)
  })

  it('accepts labels below a custom number of classes', () => {
    expect(right(parseIdxLabels(labelsFile([0, 25, 12]), 'letters', { classes: 26 }))).toEqual([0, 25, 12])
  })
})

describe('bad IDX files are a Left naming the file and the problem', () => {
  const good = imagesFile(threeImages, 2, 2)

  it('wrong magic number: a labels file read as images, and the other way round', () => {
    expect(left(parseIdxImages(labelsFile([1, 2]), 'train-labels'))).toBe(
      'train-labels: wrong magic number 0x00000801 (IDX labels), expected 0x00000803 (IDX images)',
    )
    expect(left(parseIdxLabels(good, 'train-images'))).toBe(
      'train-images: wrong magic number 0x00000803 (IDX images), expected 0x00000801 (IDX labels)',
    )
  })

  it('not an IDX file at all', () => {
    const text = new TextEncoder().encode('hello, world')
    expect(left(parseIdxImages(text, 'notes.txt'))).toBe(
      'notes.txt: not an IDX file: wrong magic number 0x68656c6c, expected 0x00000803 (IDX images)',
    )
  })

  it('wrong element type (float32 images)', () => {
    const floats = idxFile(0x00000d03, [1, 1, 1], [0, 0, 0, 0])
    expect(left(parseIdxImages(floats, 'f32'))).toBe(
      'f32: wrong element type 0x0d (float32) in magic number 0x00000d03: only unsigned bytes (0x08) are supported, ' +
        'expected 0x00000803 (IDX images)',
    )
    expect(left(parseIdxLabels(idxFile(0x00000c01, [1], [0, 0, 0, 1]), 'i32'))).toMatch(
      /^i32: wrong element type 0x0c \(int32\)/,
    )
  })

  it('truncated body: fewer bytes than the header promises', () => {
    expect(left(parseIdxImages(good.subarray(0, good.length - 1), 'short'))).toBe(
      'short: truncated file: the header promises images of size 3×2×2, which is 28 bytes, but the file has only 27',
    )
    expect(left(parseIdxLabels(labelsFile([1, 2, 3]).subarray(0, 9), 'short-labels'))).toBe(
      'short-labels: truncated file: the header promises labels of size 3, which is 11 bytes, but the file has only 9',
    )
  })

  it('truncated header', () => {
    expect(left(parseIdxImages(good.subarray(0, 10), 'h'))).toBe(
      'h: truncated file: 10 bytes, the header alone needs 16',
    )
    expect(left(parseIdxImages(good.subarray(0, 3), 'tiny'))).toBe(
      'tiny: truncated file: 3 bytes, too short for the 4-byte IDX magic number',
    )
    expect(left(parseIdxLabels(new Uint8Array(0), 'empty'))).toMatch(/^empty: truncated file: 0 bytes/)
  })

  it('extra trailing bytes', () => {
    const longer = new Uint8Array([...good, 0, 0])
    expect(left(parseIdxImages(longer, 'long'))).toBe(
      'long: 2 extra trailing bytes: the header promises images of size 3×2×2, which is 28 bytes, but the file has 30',
    )
    expect(left(parseIdxLabels(new Uint8Array([...labelsFile([1]), 5]), 'long-labels'))).toMatch(
      /^long-labels: 1 extra trailing bytes/,
    )
  })

  it('a header that claims far more data than the file has is truncated, not an allocation', () => {
    const huge = idxFile(IDX_IMAGES_MAGIC, [0xffffffff, 0xffffffff, 0xffffffff], [1, 2, 3])
    expect(left(parseIdxImages(huge, 'huge'))).toMatch(/^huge: truncated file: the header promises images of size/)
  })

  it('image sizes beyond the limits of a matrix: more than 2³¹ − 1 pixels, or no images of more than 2²⁰', () => {
    expect(left(parseIdxImages(idxFile(IDX_IMAGES_MAGIC, [0, 0xffffffff, 2], []), 'wide'))).toBe(
      'wide: images of 4294967295×2 pixels are too large (at most 2147483647 pixels)',
    )
    expect(left(parseIdxImages(idxFile(IDX_IMAGES_MAGIC, [0, 2048, 1024], []), 'none'))).toBe(
      'none: no images, of 2048×1024 pixels: an empty matrix may have at most 1048576 rows',
    )
    expect(Matrix.shape(right(parseIdxImages(idxFile(IDX_IMAGES_MAGIC, [0, 1024, 1024], []), 'ok')).x)).toEqual([
      1048576, 0,
    ])
  })

  it('empty images (0 rows or columns)', () => {
    expect(left(parseIdxImages(idxFile(IDX_IMAGES_MAGIC, [2, 0, 28], []), 'flat'))).toBe(
      'flat: the header gives empty images of 0×28 pixels',
    )
  })

  it('corrupt gzip: a damaged byte, a truncated stream, a bare gzip magic', () => {
    const packed = gzip(good)
    const damaged = packed.slice()
    damaged[packed.length - 6] = (damaged[packed.length - 6] ?? 0) ^ 0xff // inside the CRC-32
    expect(left(parseIdxImages(damaged, 'd.gz'))).toMatch(/^d\.gz: corrupt gzip data \(.+\)$/)
    expect(left(parseIdxImages(packed.subarray(0, packed.length - 10), 't.gz'))).toBe(
      't.gz: corrupt gzip data (unexpected end of file)',
    )
    expect(left(gunzipIfGzipped(new Uint8Array([0x1f, 0x8b]), 'm.gz'))).toMatch(/^m\.gz: corrupt gzip data/)
  })

  it('labels out of range: ≥ 10 by default, ≥ classes when given', () => {
    expect(left(parseIdxLabels(labelsFile([0, 9, 10, 3]), 'train-labels'))).toBe(
      'train-labels: label 10 of item 2 is out of range (expected 0…9)',
    )
    expect(left(parseIdxLabels(labelsFile([0, 1, 2, 3]), 'three', { classes: 3 }))).toBe(
      'three: label 3 of item 3 is out of range (expected 0…2)',
    )
    expect(left(parseIdxLabels(labelsFile([0]), 'bad-classes', { classes: 0 }))).toMatch(
      /^bad-classes: the number of classes must be a positive integer/,
    )
  })

  it('the magic constants are the documented ones', () => {
    expect([IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC]).toEqual([0x803, 0x801])
  })
})

/** Small image sets: count 0–6 images of 1–5 × 1–5 pixels with arbitrary bytes. */
const imageSets = fc
  .record({ rows: fc.integer({ min: 1, max: 5 }), cols: fc.integer({ min: 1, max: 5 }) })
  .chain(({ rows, cols }) =>
    fc.record({
      rows: fc.constant(rows),
      cols: fc.constant(cols),
      images: fc.array(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: rows * cols, maxLength: rows * cols }), {
        maxLength: 6,
      }),
    }),
  )

const sameAsSource = (parsed: IdxImages, images: ReadonlyArray<ReadonlyArray<number>>): boolean =>
  images.every((img, i) => img.every((v, p) => Matrix.get(parsed.x, p, i) === v / 255))

describe('IDX properties', () => {
  fcTest.prop([imageSets, fc.boolean()])(
    'valid files round-trip, plain or gzipped',
    ({ rows, cols, images }, packed) => {
      const file = imagesFile(images, rows, cols)
      const parsed = right(parseIdxImages(packed ? gzip(file) : file, 'f'))
      expect(Matrix.shape(parsed.x)).toEqual([rows * cols, images.length])
      expect(sameAsSource(parsed, images)).toBe(true)
    },
  )

  fcTest.prop([imageSets, fc.boolean(), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })])(
    'any truncation of a valid image file is a Left and never throws',
    ({ rows, cols, images }, packed, at) => {
      const plain = imagesFile(images, rows, cols)
      const file = packed ? gzip(plain) : plain
      const cut = file.subarray(0, Math.floor(at * file.length))
      expect(E.isLeft(parseIdxImages(cut, 'cut'))).toBe(true)
    },
  )

  fcTest.prop([fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 20 }), fc.boolean(), fc.nat()])(
    'any truncation of a valid labels file is a Left and never throws',
    (labels, packed, at) => {
      const plain = labelsFile(labels)
      const file = packed ? gzip(plain) : plain
      expect(E.isLeft(parseIdxLabels(file.subarray(0, at % file.length), 'cut'))).toBe(true)
    },
  )

  fcTest.prop([fc.uint8Array({ maxLength: 300 })])('random bytes never throw', (bytes) => {
    const images = parseIdxImages(bytes, 'random')
    const labels = parseIdxLabels(bytes, 'random')
    expect(E.isLeft(images) || E.isRight(images)).toBe(true)
    expect(E.isLeft(labels) || E.isRight(labels)).toBe(true)
    // Random bytes are almost never an IDX file; when they are a labels file, they read back exactly.
    if (E.isRight(labels)) expect(labels.right).toEqual(Array.from(bytes.subarray(8)))
  })

  fcTest.prop([
    fc.constantFrom(IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, 0x00000d03, 0x00000802),
    fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }),
    fc.uint8Array({ maxLength: 120 }),
    fc.boolean(),
  ])(
    'random bodies behind plausible headers never throw, and a Right always matches its header',
    (magic, dims, body, packed) => {
      const plain = idxFile(magic, dims, body)
      const file = packed ? gzip(plain) : plain
      const images = parseIdxImages(file, 'r')
      const labels = parseIdxLabels(file, 'r')
      // A Right reads the 16-byte header and then exactly count·rows·cols pixel bytes (whatever `dims` we wrote).
      if (E.isRight(images)) {
        const { count, rows, cols, x } = images.right
        expect(magic).toBe(IDX_IMAGES_MAGIC)
        expect(Matrix.shape(x)).toEqual([rows * cols, count])
        expect(plain.length).toBe(16 + count * rows * cols)
        const pixels = Array.from({ length: count * rows * cols }, (_, k) =>
          Matrix.get(x, k % (rows * cols), Math.floor(k / (rows * cols))),
        )
        expect(pixels).toEqual(Array.from(plain.subarray(16), (v) => v / 255))
      }
      // A Right reads the 8-byte header and then one label per byte.
      if (E.isRight(labels)) {
        expect(magic).toBe(IDX_LABELS_MAGIC)
        expect(labels.right).toEqual(Array.from(plain.subarray(8)))
      }
    },
  )

  fcTest.prop([imageSets, fc.nat(), fc.integer({ min: 1, max: 255 })])(
    'flipping any byte of a gzipped file is a Left or the intact data, never a throw',
    ({ rows, cols, images }, where, mask) => {
      const packed = gzip(imagesFile(images, rows, cols))
      const damaged = packed.slice()
      const k = where % damaged.length
      damaged[k] = (damaged[k] ?? 0) ^ mask
      const result = parseIdxImages(damaged, 'flip.gz')
      // A few header bytes (flags, mtime, OS) are not covered by the CRC; any change to the data is.
      if (E.isRight(result)) expect(sameAsSource(result.right, images)).toBe(true)
    },
  )
})

test('a parsed matrix is frozen', () => {
  const images = right(parseIdxImages(imagesFile(threeImages, 2, 2), 'f'))
  expect(Object.isFrozen(images.x)).toBe(true)
})
