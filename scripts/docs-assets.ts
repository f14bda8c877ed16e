// Pictures the docs site shows that nabla computes, generated at docs build time (npm run docs:build)
// into docs/public/generated/, which is not committed: the page always shows what the code gives.
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { mazurGraphSvg } from '../src/backprop/mazur.js'
import { decisionSvg } from './decisionSvg.js'
import { encoderSvg } from './encoderSvg.js'

const dir = fileURLToPath(new URL('../docs/public/generated/', import.meta.url))
mkdirSync(dir, { recursive: true })
writeFileSync(`${dir}mazur-graph.svg`, mazurGraphSvg())

// the XOR gallery: the decision regions of the networks its snippet trains
const { singleLayer, hidden, stuck } = await import('../docs/snippets/xor.js')
const points = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
] as const
const labels = [0, 1, 1, 0]
const pictures = [
  ['xor-single-layer.svg', singleLayer, 'no hidden layer: 2 of 4'],
  ['xor-hidden.svg', hidden, 'three hidden units: 4 of 4'],
  ['xor-stuck.svg', stuck, 'a local minimum: 3 of 4'],
] as const
pictures.forEach(([file, network, title]) => {
  writeFileSync(`${dir}${file}`, decisionSvg({ network, points, labels, title }))
})

// the 8-3-8 encoder gallery: its hidden codes over training
const { snapshots } = await import('../docs/snippets/encoder.js')
const lastEpoch = snapshots[snapshots.length - 1]?.epoch ?? 0
writeFileSync(
  `${dir}encoder-codes.svg`,
  encoderSvg(snapshots, `hidden values of each input, epochs 0–${String(lastEpoch)}`),
)
