import assert from 'node:assert/strict'
import { either as E } from 'fp-ts'
import { Matrix, checkBetweenOneSided, checkGrads, relu, sum } from 'nabla'

const f = (x: Matrix): number => sum(relu(x))
const atKink = Matrix.column([0, 1, -2])

// at x = 0 a central difference averages the two sides:
// (relu(h) − relu(−h)) / 2h = ½, no derivative of relu at all. nabla takes
// relu′(0) = 0, so the central-difference check fails there
const central = checkGrads(f, atKink, { order: 1, modes: ['reverse'] })
assert.ok(E.isLeft(central))

// what must hold at a kink: the derivative lies between the one-sided
// differences, here [0, 1]
const up = Matrix.column([1, 1, 1])
const down = Matrix.column([-1, 1, 1])
assert.ok(E.isRight(checkBetweenOneSided(f, atKink, up)))
assert.ok(E.isRight(checkBetweenOneSided(f, atKink, down)))
