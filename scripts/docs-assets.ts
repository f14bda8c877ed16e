// Pictures the docs site shows that nabla computes, generated at docs build time (npm run docs:build)
// into docs/public/generated/, which is not committed: the page always shows what the code gives.
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { mazurGraphSvg } from '../src/backprop/mazur.js'
import { compareSvg, curvesSvg } from './curvesSvg.js'
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

// overfitting and weight decay: the learning curves of the runs its snippet makes, from epoch 10 on
// (the first epochs, where every curve falls from 2.3, would flatten the rest)
const { plain, decayed } = await import('../docs/snippets/overfitting.js')
const from10 = (h: typeof plain.last.history) => h.slice(9)
const curves = [
  ['overfitting-plain.svg', plain, 'without weight decay (λ = 0)'],
  ['overfitting-decay.svg', decayed, 'with weight decay λ = 0.1'],
] as const
curves.forEach(([file, run, title]) => {
  writeFileSync(
    `${dir}${file}`,
    curvesSvg(`64-30-10 on 200 digits, ${title}, epochs 10–100`, from10(run.last.history), run.best?.epoch),
  )
})
writeFileSync(
  `${dir}overfitting-validation.svg`,
  compareSvg('The validation cost of both runs, epochs 10–100', 'validationCost', 'validation cost', [
    { name: 'λ = 0', color: '#d62728', history: from10(plain.last.history) },
    { name: 'λ = 0.1', color: '#1f77b4', history: from10(decayed.last.history) },
  ]),
)
