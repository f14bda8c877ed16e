/**
 * The `data` layer: labelled data sets with the examples as columns
 * (Nielsen's matrix form), their helpers (one-hot targets, seeded splits,
 * batches), the IDX reader of MNIST and Fashion-MNIST, and the embedded UCI
 * digits set.
 *
 * This barrel is separate from the package root on purpose: it pulls in
 * `node:` built-ins and the ~77 KB embedded digits data.
 *
 * @module data
 */
export * from './Dataset.js'
export * from './idx.js'
export * from './mnist.js'
export * from './digits.js'
