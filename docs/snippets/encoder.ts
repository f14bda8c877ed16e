import assert from 'node:assert/strict'
import {
  Matrix,
  Random,
  feedforward,
  initNetwork,
  quadraticCost,
  sgdBackpropStep,
  sigmoidActivation,
  type Network,
} from 'nabla'

// the eight one-hot inputs, one per column; the targets are the inputs
const x = Matrix.identity(8)
const [initial] = initNetwork([8, 3, 8], sigmoidActivation, Random.seed(0))

// an epoch is one step of gradient descent, η = 5, on the quadratic cost
// of all eight examples (their mean)
const epoch = (n: Network): Network =>
  sgdBackpropStep(n, quadraticCost, 5)(x, x)[1]

// the hidden layer's three values for each input: row i is input i's code
type Codes = ReadonlyArray<ReadonlyArray<number>>
const hiddenCodes = (n: Network): Codes =>
  Matrix.toRows(Matrix.transpose(feedforward(n)(x).as[1]!))
// a code rounded to bits, as text: (0.98, 0.02, 0.61) → '101'
const bits = (codes: Codes): ReadonlyArray<string> =>
  codes.map((code) => code.map((v) => (v > 0.5 ? '1' : '0')).join(''))
const distinct = (codes: Codes): number => new Set(bits(codes)).size

// 5000 epochs; the codes every 50 epochs (the docs build draws them), and
// the last epoch at which two inputs still rounded to the same bits
export const snapshots: Array<{ epoch: number; codes: Codes }> = [
  { epoch: 0, codes: hiddenCodes(initial) },
]
let network: Network = initial
let lastShared = 0
for (let e = 1; e <= 5000; e++) {
  network = epoch(network)
  const codes = hiddenCodes(network)
  if (distinct(codes) < 8) lastShared = e
  if (e % 50 === 0) snapshots.push({ epoch: e, codes })
}
export const codes = hiddenCodes(network)

// the table of the page: the codes to two decimals, and rounded to bits
export const table = [
  ['0.99', '0.32', '0.98'],
  ['0.88', '0.02', '0.04'],
  ['0.34', '0.00', '0.83'],
  ['0.04', '0.97', '0.07'],
  ['0.02', '0.11', '0.01'],
  ['0.98', '0.97', '0.01'],
  ['0.00', '0.52', '0.91'],
  ['0.59', '1.00', '0.99'],
]
assert.deepEqual(
  codes.map((code) => code.map((v) => v.toFixed(2))),
  table,
)
assert.equal(bits(codes).join(' '), '101 100 001 010 000 110 011 111')

// rounded, the eight codes are the eight 3-bit numbers, from epoch 426 on;
// but only just: the seventh input's 011 would be the third's 001 but for
// a hidden value of 0.52
assert.equal(distinct(codes), 8)
assert.equal(lastShared, 425)
// 20 of the 24 values are within 0.2 of 0 or 1; the other four are not
const middle = codes.flat().filter((v) => v > 0.2 && v < 0.8)
assert.deepEqual(
  middle.map((v) => v.toFixed(2)),
  ['0.32', '0.34', '0.52', '0.59'],
)

// and the network reproduces its input: no output is further than 0.055
// from its target's 0 or 1
const out = feedforward(network)(x).as[2]!
const worst = Math.max(...Matrix.toArray(Matrix.sub(out, x)).map(Math.abs))
assert.equal(worst.toFixed(3), '0.055')

// how the codes formed: at the initial weights seven of the eight inputs
// round to the same bits, and after epoch 1000 no hidden value moves by
// more than 0.05
assert.equal(distinct(snapshots[0]!.codes), 2)
const at1000 = snapshots.find((s) => s.epoch === 1000)!.codes.flat()
const moved = codes.flat().map((v, i) => Math.abs(v - at1000[i]!))
assert.equal(Math.max(...moved).toFixed(2), '0.05')
