/**
 * Loading MNIST-like data sets (MNIST, Fashion-MNIST, Kuzushiji-MNIST, …)
 * from a directory holding the four standard IDX files, plain or gzipped.
 *
 * @module
 */
/// <reference types="node" />
import { either as E, taskEither as TE, function as F } from 'fp-ts'
import { readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { promisify } from 'node:util'
import { gunzip, type ZlibOptions } from 'node:zlib'
import { constants as bufferConstants } from 'node:buffer'
import { dataset, type Dataset, type TrainTest } from './Dataset.js'
import {
  IDX_IMAGES_MAGIC,
  IDX_LABELS_MAGIC,
  idxGunzipLimit,
  isGzip,
  parseIdxImagesRaw,
  parseIdxLabelsRaw,
} from './idx.js'
import { MAX_INFLATION, errorMessage, inflateMessage } from './internal.js'

const { pipe } = F

/**
 * Where Debian's package `dataset-fashion-mnist` installs Fashion-MNIST:
 * the four files `train-images-idx3-ubyte.gz`, `train-labels-idx1-ubyte.gz`,
 * `t10k-images-idx3-ubyte.gz` and `t10k-labels-idx1-ubyte.gz`.
 *
 * @category MNIST
 */
export const FASHION_MNIST_DIR: string = '/usr/share/datasets/fashion-mnist'

/**
 * The names of Fashion-MNIST's ten classes, by label
 * (from the data set's README, Zalando Research).
 *
 * @category MNIST
 */
export const FASHION_MNIST_CLASSES: ReadonlyArray<string> = Object.freeze([
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
])

/** Which half of an MNIST-like data set: the 60,000-image training set or the 10,000-image test set. @category MNIST */
export type MnistKind = 'train' | 'test'

/**
 * Options of the MNIST-like loaders.
 *
 * - `name`: the data set's name (default: the directory's base name); the
 *   two halves are named `<name>/train` and `<name>/test`.
 * - `classes`: the number of classes (default 10); a label ≥ `classes` is an error.
 * - `classNames`: one name per class (default `'0'` … ).
 *
 * @category MNIST
 */
export interface MnistOptions {
  readonly name?: string
  readonly classes?: number
  readonly classNames?: ReadonlyArray<string>
}

/**
 * The standard file names of one half of an MNIST-like data set, without
 * the optional `.gz`: `train-images-idx3-ubyte` and `train-labels-idx1-ubyte`,
 * or `t10k-images-idx3-ubyte` and `t10k-labels-idx1-ubyte`.
 *
 * @category MNIST
 */
export const mnistFileNames = (kind: MnistKind): { readonly images: string; readonly labels: string } => {
  const prefix = kind === 'train' ? 'train' : 't10k'
  return { images: `${prefix}-images-idx3-ubyte`, labels: `${prefix}-labels-idx1-ubyte` }
}

/**
 * Reads a whole file and decompresses it if it is gzipped (in the libuv
 * thread pool, so that several files decompress in parallel), inflating at
 * most `maxBytes` (default: as much as a buffer can hold). An unreadable
 * file, corrupt gzip data or more than `maxBytes` of it is a `Left` naming
 * the file. For IDX files, {@link readIdxFile} bounds the inflation by the
 * header instead.
 *
 * @category MNIST
 */
export const readMaybeGzipped = (path: string, maxBytes: number = MAX_INFLATION): TE.TaskEither<string, Uint8Array> =>
  pipe(
    readBytes(path),
    TE.chain((bytes) =>
      isGzip(bytes) ? inflate(bytes, path, maxBytes, `more than ${maxBytes} bytes`) : TE.right(bytes),
    ),
  )

/**
 * Reads an IDX file, plain or gzipped, and decompresses it if it is
 * gzipped without inflating more than its header declares (see
 * `idxGunzipLimit`): a small file that would inflate to gigabytes is
 * refused after its header has been read. The header must carry
 * `expectedMagic` (e.g. {@link IDX_IMAGES_MAGIC}) when it is given.
 *
 * @category MNIST
 */
export const readIdxFile = (path: string, expectedMagic?: number): TE.TaskEither<string, Uint8Array> =>
  pipe(
    readBytes(path),
    TE.chain((bytes) =>
      isGzip(bytes)
        ? pipe(
            TE.fromEither(idxGunzipLimit(bytes, path, expectedMagic)),
            TE.chain((limit) =>
              inflate(bytes, path, limit, `more than the ${limit} bytes its IDX header declares (extra trailing data)`),
            ),
          )
        : TE.right(bytes),
    ),
  )

const readBytes = (path: string): TE.TaskEither<string, Uint8Array> =>
  TE.tryCatch(
    () => readFile(path),
    (e) => `${path}: cannot read the file (${errorMessage(e)})`,
  )

/** Decompresses with Node's zlib, in the libuv thread pool: several files inflate in parallel, natively. */
const inflate = (bytes: Uint8Array, path: string, limit: number, beyond: string): TE.TaskEither<string, Uint8Array> =>
  TE.tryCatch(
    () => gunzipAsync(bytes, gunzipOptions(bytes, limit)),
    (e) =>
      inflateMessage(
        (e as { readonly code?: unknown } | undefined)?.code === 'ERR_BUFFER_TOO_LARGE'
          ? { kind: 'too large' }
          : { kind: 'corrupt', message: errorMessage(e) },
        path,
        beyond,
      ),
  )

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
const gunzipOptions = (bytes: Uint8Array, limit: number): ZlibOptions => {
  const n = bytes.length
  const isize =
    n < 18
      ? 0
      : (bytes[n - 4] ?? 0) +
        (bytes[n - 3] ?? 0) * 0x100 +
        (bytes[n - 2] ?? 0) * 0x10000 +
        (bytes[n - 1] ?? 0) * 0x1000000
  const most = Math.min(limit + 1, 1032 * n, bufferConstants.MAX_LENGTH)
  return {
    chunkSize: Math.max(64, Math.min(isize + 1, most)),
    maxOutputLength: Math.min(limit, bufferConstants.MAX_LENGTH),
  }
}

/**
 * Loads one half (`kind`) of an MNIST-like data set from a directory: its
 * images and labels files under their standard names (see
 * {@link mnistFileNames}), each plain or with `.gz` (also accepted: the
 * `train-images.idx3-ubyte` spelling of some mirrors). Inputs are 784×n
 * (for 28×28 images) with pixels in [0, 1], one image per column.
 *
 * Every problem is a `Left` naming the file: a missing file, an unreadable
 * one, any format error of `parseIdxImages` / `parseIdxLabels` (`nabla/data`),
 * or image and label files of different lengths.
 *
 * @category MNIST
 */
export const readMnistDir = (
  dir: string,
  options: MnistOptions & { readonly kind: MnistKind },
): TE.TaskEither<string, Dataset> => {
  const files = mnistFileNames(options.kind)
  const name = `${options.name ?? basename(dir)}/${options.kind}`
  const classes = options.classes ?? 10
  const load = (
    base: string,
    magic: number,
  ): TE.TaskEither<string, { readonly path: string; readonly bytes: Uint8Array }> =>
    pipe(
      findFile(dir, base),
      TE.chain((path) =>
        pipe(
          readIdxFile(path, magic),
          TE.map((bytes) => ({ path, bytes })),
        ),
      ),
    )
  return pipe(
    TE.Do,
    TE.apS('images', load(files.images, IDX_IMAGES_MAGIC)),
    TE.apS('labels', load(files.labels, IDX_LABELS_MAGIC)),
    TE.chainEitherK(({ images, labels }) =>
      pipe(
        E.Do,
        E.apS('pixels', parseIdxImagesRaw(images.bytes, images.path)),
        E.apS('classes', parseIdxLabelsRaw(labels.bytes, labels.path, { classes })),
        E.chain(({ pixels, classes: labelled }) =>
          pixels.count === labelled.length
            ? dataset({
                name,
                x: pixels.x,
                labels: labelled,
                classes,
                ...(options.classNames === undefined ? {} : { classNames: options.classNames }),
              })
            : E.left(
                `${images.path} has ${pixels.count} images but ${labels.path} has ${labelled.length} labels: ` +
                  'they must have one label per image',
              ),
        ),
      ),
    ),
  )
}

/**
 * Loads both halves of an MNIST-like data set from a directory (see
 * {@link readMnistDir}), in parallel.
 *
 * @example
 * const result = await loadMnistLike('/data/mnist')()
 * if (E.isRight(result)) console.log(summary(result.right.train))
 * @category MNIST
 */
export const loadMnistLike = (dir: string, options: MnistOptions = {}): TE.TaskEither<string, TrainTest> =>
  pipe(
    TE.Do,
    TE.apS('train', readMnistDir(dir, { ...options, kind: 'train' })),
    TE.apS('test', readMnistDir(dir, { ...options, kind: 'test' })),
  )

/**
 * Loads Fashion-MNIST (Xiao, Rasul and Vollgraf, Zalando Research, 2017):
 * 60,000 training and 10,000 test images of 28×28 pixels in 10 classes of
 * clothing, with the class names of {@link FASHION_MNIST_CLASSES}. The
 * default directory is {@link FASHION_MNIST_DIR}, where Debian's package
 * `dataset-fashion-mnist` puts it; a missing file's message says so.
 *
 * @category MNIST
 */
export const loadFashionMnist = (dir: string = FASHION_MNIST_DIR): TE.TaskEither<string, TrainTest> =>
  pipe(
    loadMnistLike(dir, { name: 'fashion-mnist', classes: 10, classNames: FASHION_MNIST_CLASSES }),
    TE.mapLeft((message) =>
      message.startsWith('missing file')
        ? `${message}\n(Fashion-MNIST: install the Debian package dataset-fashion-mnist, which puts it in ${FASHION_MNIST_DIR}, ` +
          'or pass the directory holding the four IDX files)'
        : message,
    ),
  )

const gunzipAsync: (bytes: Uint8Array, options: ZlibOptions) => Promise<Uint8Array> = promisify(gunzip)

/**
 * The first of `base`, `base.gz` (and the dotted spelling `train-images.idx3-ubyte`
 * of some mirrors, plain or gzipped) that is a file in `dir`.
 */
const findFile = (dir: string, base: string): TE.TaskEither<string, string> => {
  const dotted = base.replace(/-(idx\d-ubyte)$/, '.$1')
  const candidates = [base, `${base}.gz`, dotted, `${dotted}.gz`].map((f) => join(dir, f))
  return pipe(
    () => Promise.all([...candidates.map(isFile), isDirectory(dir)]),
    TE.fromTask,
    TE.chain((found) => {
      const index = found.slice(0, candidates.length).findIndex((ok) => ok)
      const path = candidates[index]
      return path !== undefined
        ? TE.right(path)
        : TE.left(
            `missing file ${join(dir, base)} (also looked for ${base}.gz, ${dotted} and ${dotted}.gz` +
              (found[candidates.length] === true ? ')' : `; the directory ${dir} does not exist)`),
          )
    }),
  )
}

const isFile = (path: string): Promise<boolean> =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  )

const isDirectory = (path: string): Promise<boolean> =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  )
