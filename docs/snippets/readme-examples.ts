import { Matrix } from 'nabla'
import { Dataset } from 'nabla/data'

// three examples of two features each, one per row, as they come from most sources
const rows = [
  [0.2, 0.4],
  [1.0, -1.0],
  [0.5, 0.5],
]
const x = Dataset.examplesAsColumns(rows) // Matrix<2, 3>: example i is column i
console.log(Matrix.toRows(x)) // [[0.2, 1, 0.5], [0.4, -1, 0.5]]
