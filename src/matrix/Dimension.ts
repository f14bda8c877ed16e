/**
 * Arithmetic on literal dimensions, in the types only: the number of rows of
 * two matrices stacked, of a slice, whether a range fits. A dimension is a
 * natural number written in decimal; the sums and differences are computed
 * digit by digit (least significant first, with a carry or a borrow), so
 * their cost grows with the number of digits, not with the size.
 *
 * Every operation gives plain `number` as soon as an operand is not a
 * literal natural number (plain `number`, a fraction, a negative number),
 * so code whose sizes are known only at run time is never refused.
 *
 * @module
 */

type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9'

/** A digit as that many units (a tuple of its length). */
interface Units {
  '0': []
  '1': [1]
  '2': [1, 1]
  '3': [1, 1, 1]
  '4': [1, 1, 1, 1]
  '5': [1, 1, 1, 1, 1]
  '6': [1, 1, 1, 1, 1, 1]
  '7': [1, 1, 1, 1, 1, 1, 1]
  '8': [1, 1, 1, 1, 1, 1, 1, 1]
  '9': [1, 1, 1, 1, 1, 1, 1, 1, 1]
}

type Ten = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]

/** The carry (or borrow) of one digit: none or one. */
type Carry = [] | [1]

/** The decimal digits of S, least significant first; `never` if S is not a string of digits. */
type Reversed<S extends string, Acc extends string = ''> = S extends `${infer D extends Digit}${infer Rest}`
  ? Reversed<Rest, `${D}${Acc}`>
  : S extends ''
    ? Acc
    : never

/** The lowest digit of reversed digits (0 past the end), and the digits above it. */
type Low<S extends string> = S extends `${infer D extends Digit}${string}` ? D : '0'
type High<S extends string> = S extends `${Digit}${infer Rest}` ? Rest : ''

/** A + B on reversed digits, written the usual way round. */
type AddDigits<
  A extends string,
  B extends string,
  C extends Carry = [],
  Acc extends string = '',
> = `${A}${B}` extends ''
  ? `${C['length'] extends 1 ? '1' : ''}${Acc}`
  : [...Units[Low<A>], ...Units[Low<B>], ...C] extends [...Ten, ...infer R extends Array<1>]
    ? AddDigits<High<A>, High<B>, [1], `${R['length']}${Acc}`>
    : [...Units[Low<A>], ...Units[Low<B>], ...C] extends infer R extends Array<1>
      ? AddDigits<High<A>, High<B>, [], `${R['length']}${Acc}`>
      : never

/** A − B on reversed digits, written the usual way round with leading zeros; `never` if B > A. */
type SubDigits<A extends string, B extends string, C extends Carry = [], Acc extends string = ''> = A extends ''
  ? `${B}${C['length']}` extends '0'
    ? Acc
    : never
  : Units[Low<A>] extends [...Units[Low<B>], ...C, ...infer R extends Array<1>]
    ? SubDigits<High<A>, High<B>, [], `${R['length']}${Acc}`>
    : [...Ten, ...Units[Low<A>]] extends [...Units[Low<B>], ...C, ...infer R extends Array<1>]
      ? SubDigits<High<A>, High<B>, [1], `${R['length']}${Acc}`>
      : never

type WithoutLeadingZeros<S extends string> = S extends `0${infer Rest extends `${Digit}${string}`}`
  ? WithoutLeadingZeros<Rest>
  : S

/** The number a string of digits spells. */
type Parse<S extends string> = WithoutLeadingZeros<S> extends `${infer N extends number}` ? N : never

/** Whether N is a literal natural number (0, 1, 2, …), as opposed to `number`, a fraction or a negative number. */
export type IsNatural<N extends number> = number extends N ? false : [Reversed<`${N}`>] extends [never] ? false : true

/** A + B for literal natural numbers; `number` otherwise. */
export type Plus<A extends number, B extends number> = [IsNatural<A>, IsNatural<B>] extends [true, true]
  ? Parse<AddDigits<Reversed<`${A}`>, Reversed<`${B}`>>>
  : number

/** A − B for literal natural numbers with A ≥ B, `never` for A < B; `number` unless both are literal. */
export type Minus<A extends number, B extends number> = [IsNatural<A>, IsNatural<B>] extends [true, true]
  ? Parse<SubDigits<Reversed<`${A}`>, Reversed<`${B}`>>>
  : number

/** `true` if A ≤ B is certain to fail (both literal, A > B), `false` otherwise. */
export type Exceeds<A extends number, B extends number> = [Minus<B, A>] extends [never] ? true : false

/** The sum of a tuple of dimensions (0 for none); `number` for an array of unknown length or any plain entry. */
export type Total<Ds extends ReadonlyArray<number>> = number extends Ds['length']
  ? number
  : Ds extends readonly [infer D extends number, ...infer Rest extends ReadonlyArray<number>]
    ? Plus<D, Total<Rest>>
    : 0
