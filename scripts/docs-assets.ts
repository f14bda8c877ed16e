// Pictures the docs site shows that nabla computes, generated at docs build time (npm run docs:build)
// into docs/public/generated/, which is not committed: the page always shows what the code gives.
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { mazurGraphSvg } from '../src/backprop/mazur.js'

const dir = fileURLToPath(new URL('../docs/public/generated/', import.meta.url))
mkdirSync(dir, { recursive: true })
writeFileSync(`${dir}mazur-graph.svg`, mazurGraphSvg())
