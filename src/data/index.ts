/**
 * `nabla/data`: labelled data sets with the examples as **columns**
 * (Nielsen's matrix form: `x` is features×n) as the `Dataset` namespace —
 * construction and checks, one-hot targets, seeded splits and shuffles,
 * batches, conversion from batch-first arrays, regression data sets
 * (real-valued targets) with max-abs scaling and CSV input, the IDX format of MNIST and
 * Fashion-MNIST parsed from bytes (plain or gzipped), and the embedded UCI
 * digits (1,797 8×8 images, ~50 KB).
 *
 * It is kept out of the package root because of the embedded data; it loads
 * no Node built-in and bundles for a browser. Reading data sets from a
 * directory is `nabla/node`.
 *
 * @example
 * import { Dataset } from 'nabla/data'
 * const split = Dataset.digitsSplit() // Either<string, { train, test }>
 *
 * @module nabla/data
 */
import * as DatasetModule from './namespace.js'
import type { Dataset as DatasetInterface } from './Dataset.js'

/**
 * The Dataset module (`Dataset.split`, `Dataset.oneHot`, `Dataset.loadDigits`,
 * `Dataset.parseIdxImages`, …), and, as a type, a labelled data set whose
 * examples are the columns of `x`. The same module is `nabla/dataset`, to
 * import name by name.
 */
export const Dataset: typeof DatasetModule = DatasetModule
/** A labelled data set, examples as the columns of `x` (the type of `nabla/dataset`). */
export type Dataset = DatasetInterface

export type {
  DatasetFields,
  ExamplesFields,
  RegressionFields,
  Split,
  SplitOptions,
  TrainTest,
  ValidationSplit,
} from './Dataset.js'
export type { CsvOptions } from './csv.js'
export type { Scaling } from './scaling.js'
export type { IdxImages, IdxLabelsOptions } from './idx.js'
export type { Matrix } from '../matrix/index.js'
