import assert from 'node:assert/strict'
import { Matrix, ShapeError } from 'nabla'

const a = Matrix.fromRows([
  [1, 2, 3],
  [4, 5, 6],
]) // Matrix<2, 3>
const b = Matrix.column([1, 0, -1]) // Matrix<3, 1>

const ab = Matrix.matmul(a, b) // Matrix<2, 1>
assert.equal(Matrix.Show.show(ab), 'Matrix 2×1 [[-2], [-2]]')

// operations return new matrices and leave their inputs as they were
const twice = Matrix.scale(a, 2)
assert.deepEqual(Matrix.toRows(twice), [
  [2, 4, 6],
  [8, 10, 12],
])
assert.deepEqual(Matrix.toRows(a), [
  [1, 2, 3],
  [4, 5, 6],
])

// literal shapes that cannot agree do not compile…
// @ts-expect-error: a 2×3 times a 2×3 (inner dimensions 3 and 2)
assert.throws(() => Matrix.matmul(a, a), ShapeError)

// …and shapes known only at run time throw a ShapeError that names the
// operation and both shapes
const n: number = 2
assert.throws(() => Matrix.matmul(a, Matrix.ones(n, 1)), {
  name: 'ShapeError',
  message:
    'matmul: cannot multiply: inner dimensions 3 and 2 differ ' +
    '(shapes 2×3 and 2×1)',
})

// the compiler's message says what is wrong, in the words of the ShapeError:
// ShapeMismatch<"add", "shapes must be equal (shapes 2×3 and 3×2)">
// @ts-expect-error: a 2×3 plus a 3×2
assert.throws(() => Matrix.add(a, Matrix.transpose(a)), ShapeError)

// rows of different lengths are refused too, at compile time when they are literal
// @ts-expect-error: ShapeMismatch<"fromRows", "row 1 has 1 entries, row 0 has 2 (shapes 1×2 and 1×1)">
assert.throws(() => Matrix.fromRows([[1, 2], [3]]), ShapeError)
