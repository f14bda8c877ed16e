import { describe, expectTypeOf, it } from 'vitest'
import type { Exceeds, IsNatural, Minus, Plus, Total } from '../../src/matrix/Dimension.js'

describe('arithmetic on literal dimensions', () => {
  it('adds with carries, across any number of digits', () => {
    expectTypeOf<Plus<2, 3>>().toEqualTypeOf<5>()
    expectTypeOf<Plus<0, 0>>().toEqualTypeOf<0>()
    expectTypeOf<Plus<999, 1>>().toEqualTypeOf<1000>()
    expectTypeOf<Plus<1, 999>>().toEqualTypeOf<1000>()
    expectTypeOf<Plus<60000, 784>>().toEqualTypeOf<60784>()
    expectTypeOf<Plus<9007199254740990, 1>>().toEqualTypeOf<9007199254740991>()
  })

  it('subtracts with borrows, and has no natural result below zero', () => {
    expectTypeOf<Minus<5, 3>>().toEqualTypeOf<2>()
    expectTypeOf<Minus<3, 3>>().toEqualTypeOf<0>()
    expectTypeOf<Minus<1000, 1>>().toEqualTypeOf<999>()
    expectTypeOf<Minus<100, 99>>().toEqualTypeOf<1>()
    expectTypeOf<Minus<60784, 784>>().toEqualTypeOf<60000>()
    expectTypeOf<Minus<3, 5>>().toBeNever()
    expectTypeOf<Minus<9, 10>>().toBeNever()
    expectTypeOf<Minus<10, 11>>().toBeNever()
  })

  it('compares, certain of a failure only for literals', () => {
    expectTypeOf<Exceeds<5, 3>>().toEqualTypeOf<true>()
    expectTypeOf<Exceeds<3, 3>>().toEqualTypeOf<false>()
    expectTypeOf<Exceeds<0, 10>>().toEqualTypeOf<false>()
    expectTypeOf<Exceeds<number, 3>>().toEqualTypeOf<false>()
    expectTypeOf<Exceeds<3, number>>().toEqualTypeOf<false>()
  })

  it('sums a tuple of dimensions', () => {
    expectTypeOf<Total<[2, 3, 4]>>().toEqualTypeOf<9>()
    expectTypeOf<Total<[]>>().toEqualTypeOf<0>()
    expectTypeOf<Total<[2, number]>>().toEqualTypeOf<number>()
    expectTypeOf<Total<number[]>>().toEqualTypeOf<number>()
  })

  it('gives plain number for anything that is not a literal natural number', () => {
    expectTypeOf<IsNatural<12>>().toEqualTypeOf<true>()
    expectTypeOf<IsNatural<number>>().toEqualTypeOf<false>()
    expectTypeOf<IsNatural<1.5>>().toEqualTypeOf<false>()
    expectTypeOf<IsNatural<-1>>().toEqualTypeOf<false>()
    expectTypeOf<IsNatural<1e21>>().toEqualTypeOf<false>()
    expectTypeOf<Plus<number, 3>>().toEqualTypeOf<number>()
    expectTypeOf<Plus<1.5, 3>>().toEqualTypeOf<number>()
    expectTypeOf<Minus<-1, 3>>().toEqualTypeOf<number>()
  })
})
