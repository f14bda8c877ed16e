import { either as E } from 'fp-ts'

/** The Right value, or a test failure that shows the Left. */
export const right = <A>(r: E.Either<string, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected Right, got Left: ${r.left}`)
  return r.right
}

/** The Left message, or a test failure. */
export const left = <A>(r: E.Either<string, A>): string => {
  if (E.isRight(r)) throw new Error('expected Left, got Right')
  return r.left
}
