import type { Matrix } from 'nabla'
import { Matrix as M } from 'nabla'
import type { ShapeMismatch } from '../../src/matrix/ShapeMismatch.js'

/** The reason a parameter type refuses its argument, as "op: message", or `never` if it refuses nothing. */
export type Refusal<P> = P extends ShapeMismatch<infer Op, infer Message> ? `${Op}: ${Message}` : never

/**
 * The compile-time refusal `R`, spelled out: the argument must be exactly
 * the one literal string `R` is (a wider `R` or `never` does not compile).
 */
export const refusal = <R extends string>(message: string extends R ? never : R): string => message

/** The message `f` throws, or a test failure if it throws nothing. */
export const thrown = (f: () => unknown): string => {
  try {
    f()
  } catch (e) {
    return e instanceof Error ? e.message : String(e)
  }
  throw new Error('expected a throw, got none')
}

/** A rows×cols matrix whose shape the compiler does not know, so that the run time decides. */
export const plain = (rows: number, cols: number): Matrix => M.zeros(rows, cols)

/** A number whose value the compiler does not know. */
export const size = (n: number): number => n
