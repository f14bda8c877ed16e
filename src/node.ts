/**
 * `nabla/node`: everything that touches the file system, for Node.js only.
 * Checkpoint files written atomically (a temporary file, fsync, rename) and
 * read back with a report naming the file, the atomic write itself and the
 * clean-up of the temporaries a killed process leaves, and MNIST-like data
 * sets read from a directory of IDX files (Fashion-MNIST from Debian's
 * `dataset-fashion-mnist`). Every function returns a `TaskEither`: nothing
 * throws, every failure is one readable line.
 *
 * @example
 * import { loadFashionMnist, readCheckpointFile } from 'nabla/node'
 * const data = await loadFashionMnist()() // Either<string, { train, test }>
 *
 * @module nabla/node
 */
export {
  readCheckpointFile,
  removeStaleTemporaries,
  writeCheckpointFile,
  writeFileAtomic,
  type AtomicWriteHooks,
  type WritableFile,
} from './train/checkpointFile.js'
export {
  FASHION_MNIST_CLASSES,
  FASHION_MNIST_DIR,
  loadFashionMnist,
  loadMnistLike,
  mnistFileNames,
  readIdxFile,
  readMaybeGzipped,
  readMnistDir,
  type MnistKind,
  type MnistOptions,
} from './data/mnist.js'
export type { Dataset, TrainTest } from './data/Dataset.js'
export type { Checkpoint } from './train/Checkpoint.js'
