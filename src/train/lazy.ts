/* eslint-disable functional/no-loop-statements, functional/no-let --
 * The one mutable cursor of a lazy sequence: each iterator keeps the last
 * state it produced in a local variable, which nothing else can see. The
 * states themselves are immutable values computed by pure functions.
 */
/**
 * Lazy sequences of immutable values: the shape of a training run, which a
 * caller consumes one state at a time (for progress, early stopping,
 * checkpoints) without callbacks.
 *
 * @module
 */

/**
 * The sequence s₁ = next(s₀), s₂ = next(s₁), … computed lazily, ending
 * when `next` returns undefined. s₀ itself is not included. Each iteration
 * of the returned iterable starts again from s₀ and gives the same states.
 *
 * @category lazy
 */
export const unfold = <S>(initial: S, next: (state: S) => S | undefined): Iterable<S> => ({
  *[Symbol.iterator]() {
    let state = next(initial)
    while (state !== undefined) {
      yield state
      state = next(state)
    }
  },
})

/** The values that satisfy the predicate, lazily. @category lazy */
export const filter = <S>(xs: Iterable<S>, keep: (x: S) => boolean): Iterable<S> => ({
  *[Symbol.iterator]() {
    for (const x of xs) if (keep(x)) yield x
  },
})

/** The values up to and including the first one that satisfies the predicate, lazily. @category lazy */
export const takeUntil = <S>(xs: Iterable<S>, stop: (x: S) => boolean): Iterable<S> => ({
  *[Symbol.iterator]() {
    for (const x of xs) {
      yield x
      if (stop(x)) return
    }
  },
})

/**
 * The running accumulation a₁ = f(a₀, x₁), a₂ = f(a₁, x₂), … of a sequence,
 * lazily (a₀ itself is not included).
 *
 * @category lazy
 */
export const scan = <S, A>(xs: Iterable<S>, initial: A, f: (acc: A, x: S) => A): Iterable<A> => ({
  *[Symbol.iterator]() {
    let acc = initial
    for (const x of xs) {
      acc = f(acc, x)
      yield acc
    }
  },
})

/** The last value of a finite sequence, or undefined if it is empty. Consumes the sequence. @category lazy */
export const last = <S>(xs: Iterable<S>): S | undefined => {
  let out: S | undefined
  for (const x of xs) out = x
  return out
}
