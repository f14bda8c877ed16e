/**
 * `nabla/laws`: fast-check arbitraries for nabla's types and the laws nabla
 * itself is tested with, as values you can run in your own test suite
 * (`test.prop([law.arbitrary])(law.name, law.holds)` with
 * `@fast-check/vitest`, or `assertLaw(law)` with plain fast-check).
 *
 * Needs the optional peer dependency `fast-check`.
 *
 * @module nabla/laws
 */
export * from './law.js'
export * from './arbitraries/matrix.js'
export * from './arbitraries/json.js'
export * from './codec.js'
export * from './matrix/algebra.js'
export * from './matrix/codec.js'
export * from './matrix/instances.js'
export * from './matrix/operations.js'
export * from './matrix/random.js'
export * from './ad/index.js'
export * from './backprop/index.js'
export * from './matrix/reductions.js'
export * from './matrix/immutability.js'
export * from './train/index.js'
export * from './data/idx.js'
export * from './data/csv.js'
export * from './matrix/backends.js'
