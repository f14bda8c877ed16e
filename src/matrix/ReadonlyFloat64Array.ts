/**
 * A read-only view of a `Float64Array`: the reading half of its interface,
 * without `set`, `fill`, `sort`, `reverse`, `copyWithin` or `subarray` (which
 * would hand out a writable alias of the same buffer).
 *
 * A `Float64Array` is assignable to it; the converse needs a copy
 * (`Float64Array.from(view)` or `view.slice()`), which is the point.
 *
 * @category model
 */
export interface ReadonlyFloat64Array extends Iterable<number> {
  readonly [index: number]: number
  readonly length: number
  readonly BYTES_PER_ELEMENT: number
  at(index: number): number | undefined
  every(predicate: (value: number, index: number) => boolean): boolean
  some(predicate: (value: number, index: number) => boolean): boolean
  includes(searchElement: number, fromIndex?: number): boolean
  indexOf(searchElement: number, fromIndex?: number): number
  forEach(callbackfn: (value: number, index: number) => void): void
  reduce<U>(callbackfn: (acc: U, value: number, index: number) => U, initialValue: U): U
  join(separator?: string): string
  /** A fresh, writable copy of a range; the view itself is untouched. */
  slice(start?: number, end?: number): Float64Array
  entries(): IterableIterator<[number, number]>
  keys(): IterableIterator<number>
  values(): IterableIterator<number>
}
