// The decision regions of a two-input classifier as an SVG picture, for the docs' gallery: each
// cell of a grid over the plane is coloured by the class the network gives its centre, and the
// data points are drawn on top in the colour of their label.
import { Matrix, feedforward, type Network } from '../src/index.js'

export interface DecisionPicture {
  readonly network: Network
  readonly points: ReadonlyArray<readonly [number, number]>
  readonly labels: ReadonlyArray<number>
  readonly title: string
}

const CELLS = 48
const SIZE = 240
const LOW = -0.25
const HIGH = 1.25
const FILL = ['#dbe9f6', '#fbe3c9'] as const
const INK = ['#2f6fad', '#c8630c'] as const

const toPixel = (v: number): number => ((v - LOW) / (HIGH - LOW)) * SIZE

export const decisionSvg = ({ network, points, labels, title }: DecisionPicture): string => {
  const centre = (k: number): number => LOW + ((k + 0.5) / CELLS) * (HIGH - LOW)
  const grid = Matrix.generate(2, CELLS * CELLS, (i, j) =>
    i === 0 ? centre(j % CELLS) : centre(Math.floor(j / CELLS)),
  )
  const out = feedforward(network)(grid).as.at(-1) as Matrix
  const classes = Matrix.argmaxCols(out)
  const cell = SIZE / CELLS
  const cells = classes
    .map((c, j) => {
      const x = (j % CELLS) * cell
      const y = SIZE - (Math.floor(j / CELLS) + 1) * cell
      return `<rect x="${x.toFixed(2)}" y="${y.toFixed(2)}" width="${cell.toFixed(2)}" height="${cell.toFixed(2)}" fill="${FILL[c === 1 ? 1 : 0]}"/>`
    })
    .join('')
  const dots = points
    .map(
      ([a, b], i) =>
        `<circle cx="${toPixel(a).toFixed(1)}" cy="${(SIZE - toPixel(b)).toFixed(1)}" r="7" fill="${INK[labels[i] === 1 ? 1 : 0]}" stroke="#fff" stroke-width="2"/>`,
    )
    .join('')
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(SIZE)}" height="${String(SIZE + 24)}" viewBox="0 0 ${String(SIZE)} ${String(SIZE + 24)}" role="img" aria-label="${title}">` +
    `<g shape-rendering="crispEdges">${cells}</g>${dots}` +
    `<text x="${String(SIZE / 2)}" y="${String(SIZE + 17)}" text-anchor="middle" font-family="sans-serif" font-size="13" fill="#333">${title}</text></svg>\n`
  )
}
