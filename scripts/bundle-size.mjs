#!/usr/bin/env node
// The size of nabla in a browser bundle: esbuild (--bundle --platform=browser --minify, no
// externals) of dist/, minified and gzipped, for `grad` alone and for each browser entry point
// whole. Run `npm run build` first.
//
// Usage: node scripts/bundle-size.mjs
import { build } from 'esbuild'
import console from 'node:console'
import { URL, fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = fileURLToPath(new URL('..', import.meta.url))
const cases = [
  ['grad from nabla', `export { grad } from './dist/src/index.js'`],
  ['nabla', `export * from './dist/src/index.js'`],
  ['nabla/train', `export * from './dist/src/train/index.js'`],
  ['nabla/data', `export * from './dist/src/data/index.js'`],
  ['nabla/extend', `export * from './dist/src/extend.js'`],
]

const kb = (n) => `${(n / 1024).toFixed(1)} KB`
for (const [name, contents] of cases) {
  const result = await build({
    stdin: { contents, resolveDir: root },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    logLevel: 'error',
  })
  const code = result.outputFiles[0].contents
  console.log(`${name.padEnd(16)} ${kb(code.length).padStart(9)} min ${kb(gzipSync(code).length).padStart(9)} gzip`)
}
