/**
 * `nabla/dataset`: the `Dataset` namespace of `nabla/data`, to import name by
 * name. Labelled data sets with the examples as columns, their helpers,
 * regression data sets, their scaling and CSV input, the
 * IDX parser of MNIST-like files (from bytes, plain or gzipped) and the
 * embedded UCI digits. No Node built-in: it bundles for a browser.
 *
 * @module nabla/dataset
 */
export * from './Dataset.js'
export * from './idx.js'
export * from './digits.js'
export * from './csv.js'
export * from './scaling.js'
