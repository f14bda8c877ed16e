import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Matrix } from 'nabla'
import {
  FASHION_MNIST_CLASSES,
  loadFashionMnist,
  loadMnistLike,
  mnistFileNames,
  readIdxFile,
  readMaybeGzipped,
  readMnistDir,
} from 'nabla/node'
import { labelCounts, type Dataset, type TrainTest } from 'nabla/dataset'
import { gzip, idxFile, imagesFile, labelsFile, threeImages } from './idxFixtures.js'
import { left, right } from '../helpers/either.js'
import { fashionMnist, needs } from '../helpers/system.js'

// Each test writes its own tiny MNIST-like directory under one temporary root.
let root = ''
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'nabla-data-'))
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

const writeDir = async (name: string, files: Readonly<Record<string, Uint8Array>>): Promise<string> => {
  const dir = join(root, name)
  await mkdir(dir, { recursive: true })
  await Promise.all(Object.entries(files).map(([file, bytes]) => writeFile(join(dir, file), bytes)))
  return dir
}

const trainImages = threeImages
const trainLabels = [4, 0, 9]
const testImages = [
  [9, 8, 7, 6],
  [10, 20, 30, 40],
]
const testLabels = [1, 1]

/** A complete directory: train files plain, test files gzipped. */
const goodFiles = (): Record<string, Uint8Array> => ({
  'train-images-idx3-ubyte': imagesFile(trainImages, 2, 2),
  'train-labels-idx1-ubyte': labelsFile(trainLabels),
  't10k-images-idx3-ubyte.gz': gzip(imagesFile(testImages, 2, 2)),
  't10k-labels-idx1-ubyte.gz': gzip(labelsFile(testLabels)),
})

const columnOf = (d: Dataset, i: number): ReadonlyArray<number> =>
  Array.from({ length: d.x.rows }, (_, p) => Matrix.get(d.x, p, i) * 255)

describe('loadMnistLike', () => {
  it('loads both halves from the standard file names, plain or gzipped', async () => {
    const dir = await writeDir('good', goodFiles())
    const { train, test } = right(await loadMnistLike(dir, { name: 'tiny' })())
    expect(train.name).toBe('tiny/train')
    expect(test.name).toBe('tiny/test')
    expect(Matrix.shape(train.x)).toEqual([4, 3])
    expect(Matrix.shape(test.x)).toEqual([4, 2])
    expect(train.labels).toEqual(trainLabels)
    expect(test.labels).toEqual(testLabels)
    expect(train.classes).toBe(10)
    trainImages.forEach((img, i) => {
      expect(columnOf(train, i).map(Math.round)).toEqual(img)
    })
    testImages.forEach((img, i) => {
      expect(columnOf(test, i).map(Math.round)).toEqual(img)
    })
  })

  it('names the data set after its directory by default, and takes class names', async () => {
    const dir = await writeDir('named', goodFiles())
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']
    const train = right(await readMnistDir(dir, { kind: 'train', classNames: names })())
    expect(train.name).toBe('named/train')
    expect(train.classNames).toEqual(names)
  })

  it("accepts the dotted spelling of some mirrors ('train-images.idx3-ubyte')", async () => {
    const dir = await writeDir('dotted', {
      'train-images.idx3-ubyte': imagesFile(trainImages, 2, 2),
      'train-labels.idx1-ubyte.gz': gzip(labelsFile(trainLabels)),
    })
    expect(right(await readMnistDir(dir, { kind: 'train' })()).labels).toEqual(trainLabels)
  })

  it('knows the standard file names', () => {
    expect(mnistFileNames('train')).toEqual({ images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' })
    expect(mnistFileNames('test')).toEqual({ images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' })
  })
})

describe('loadMnistLike failures are a Left naming the file', () => {
  it('a missing file', async () => {
    const rest = Object.fromEntries(Object.entries(goodFiles()).filter(([f]) => f !== 't10k-labels-idx1-ubyte.gz'))
    const dir = await writeDir('missing', rest)
    expect(left(await loadMnistLike(dir)())).toBe(
      `missing file ${join(dir, 't10k-labels-idx1-ubyte')} (also looked for t10k-labels-idx1-ubyte.gz, ` +
        't10k-labels.idx1-ubyte and t10k-labels.idx1-ubyte.gz)',
    )
  })

  it('a directory that does not exist', async () => {
    const dir = join(root, 'no-such-dir')
    expect(left(await loadMnistLike(dir)())).toMatch(
      new RegExp(`^missing file ${dir}/train-images-idx3-ubyte .*; the directory ${dir} does not exist\\)$`),
    )
  })

  it('image and label files of different lengths', async () => {
    const dir = await writeDir('mismatch', { ...goodFiles(), 'train-labels-idx1-ubyte': labelsFile([1, 2]) })
    expect(left(await readMnistDir(dir, { kind: 'train' })())).toBe(
      `${join(dir, 'train-images-idx3-ubyte')} has 3 images but ${join(dir, 'train-labels-idx1-ubyte')} has 2 labels: ` +
        'they must have one label per image',
    )
  })

  it('a label out of range', async () => {
    const dir = await writeDir('range', { ...goodFiles(), 'train-labels-idx1-ubyte': labelsFile([1, 12, 2]) })
    expect(left(await loadMnistLike(dir)())).toBe(
      `${join(dir, 'train-labels-idx1-ubyte')}: label 12 of item 1 is out of range (expected 0…9)`,
    )
  })

  it('a truncated file and a corrupt gzip file', async () => {
    const truncated = imagesFile(trainImages, 2, 2).subarray(0, 20)
    const dir1 = await writeDir('truncated', { ...goodFiles(), 'train-images-idx3-ubyte': truncated })
    expect(left(await loadMnistLike(dir1)())).toMatch(
      new RegExp(`^${join(dir1, 'train-images-idx3-ubyte')}: truncated file: `),
    )
    const packed = gzip(labelsFile(testLabels))
    const dir2 = await writeDir('corrupt', { ...goodFiles(), 't10k-labels-idx1-ubyte.gz': packed.subarray(0, 12) })
    expect(left(await loadMnistLike(dir2)())).toMatch(
      new RegExp(`^${join(dir2, 't10k-labels-idx1-ubyte.gz')}: corrupt gzip data \\(`),
    )
  })

  it('the wrong kind of file under an images name', async () => {
    const dir = await writeDir('swapped', { ...goodFiles(), 'train-images-idx3-ubyte': labelsFile([1, 2, 3]) })
    expect(left(await loadMnistLike(dir)())).toBe(
      `${join(dir, 'train-images-idx3-ubyte')}: wrong magic number 0x00000801 (IDX labels), expected 0x00000803 (IDX images)`,
    )
  })

  it('a gzip bomb (a valid header, then 16 MB of zeros in 16 KB) is refused once its header is passed', async () => {
    const plain = new Uint8Array(16 + 16 * 1024 * 1024)
    plain.set(imagesFile([[1, 2, 3, 4]], 2, 2))
    const bomb = gzip(plain)
    expect(bomb.length).toBeLessThan(32 * 1024)
    const dir = await writeDir('bomb', { ...goodFiles(), 't10k-images-idx3-ubyte.gz': bomb })
    const path = join(dir, 't10k-images-idx3-ubyte.gz')
    expect(left(await loadMnistLike(dir)())).toBe(
      `${path}: the gzip data inflates to more than the 20 bytes its IDX header declares (extra trailing data)`,
    )
    expect(left(await readIdxFile(path)())).toMatch(/inflates to more than the 20 bytes/)
    expect(left(await readMaybeGzipped(path, 1000)())).toBe(`${path}: the gzip data inflates to more than 1000 bytes`)
  })

  it('a gzipped header that promises more than its file can hold is refused without inflating the rest', async () => {
    const huge = gzip(idxFile(0x00000801, [0xffffffff], new Uint8Array(2000)))
    const dir = await writeDir('huge', { ...goodFiles(), 'train-labels-idx1-ubyte': huge })
    expect(left(await loadMnistLike(dir)())).toMatch(
      /train-labels-idx1-ubyte: truncated file: the header promises labels of size 4294967295, which is 4294967303 bytes, but \d+ bytes of gzip data cannot inflate to more than \d+$/,
    )
  })

  it('an unreadable file', async () => {
    const dir = await writeDir('unreadable', {})
    expect(left(await readMaybeGzipped(dir)())).toMatch(new RegExp(`^${dir}: cannot read the file \\(EISDIR`))
    expect(left(await readMaybeGzipped(join(dir, 'nothing'))())).toMatch(/cannot read the file \(ENOENT/)
  })

  it('loadFashionMnist adds an install hint to a missing-file message', async () => {
    const message = left(await loadFashionMnist(join(root, 'no-fashion'))())
    expect(message).toMatch(/^missing file .*train-images-idx3-ubyte/)
    expect(message).toMatch(/install the Debian package dataset-fashion-mnist/)
  })
})

// The real data set: Debian's dataset-fashion-mnist package installs it in FASHION_MNIST_DIR
// (NABLA_FASHION_MNIST_DIR points the tests elsewhere). Without it the real-data test is skipped,
// saying so, or fails with NABLA_REQUIRE_SYSTEM=1. (What the loader says of a missing directory is
// tested above, on a directory that never exists.)
describe('the real Fashion-MNIST', () => {
  needs(fashionMnist)

  it(`loads Fashion-MNIST: 784×60000 and 784×10000, 10 balanced classes, pixels in [0, 1]`, async () => {
    const { train, test }: TrainTest = right(await loadFashionMnist(fashionMnist.path)())
    expect(Matrix.shape(test.x)).toEqual([784, 10000])
    expect(Matrix.shape(train.x)).toEqual([784, 60000])
    expect(test.classes).toBe(10)
    expect(test.classNames).toEqual(FASHION_MNIST_CLASSES)
    expect(test.name).toBe('fashion-mnist/test')
    // Fashion-MNIST is balanced: 1,000 test and 6,000 training images per class.
    expect(labelCounts(test)).toEqual(Array.from({ length: 10 }, () => 1000))
    expect(labelCounts(train)).toEqual(Array.from({ length: 10 }, () => 6000))
    const data = Matrix.toFloat64Array(test.x)
    const range = data.reduce<readonly [number, number]>(
      ([lo, hi], v) => [Math.min(lo, v), Math.max(hi, v)],
      [Infinity, -Infinity],
    )
    expect(range).toEqual([0, 1])
    // every pixel is a byte value divided by 255
    expect(data.every((v) => Math.abs(v * 255 - Math.round(v * 255)) < 1e-9)).toBe(true)
  })
})
