/**
 * Threefry-4×32-20 against the known-answer vectors that ship with
 * Random123, the library of the paper that defines it (Salmon et al.,
 * SC 2011; `tests/kat_vectors`, lines `threefry4x32 20 …`): counter, key,
 * expected block, each as four 32-bit words.
 */
import { describe, expect, it } from 'vitest'
import { keySchedule, threefry4x32 } from '../../src/matrix/threefry.js'

type Words = readonly [number, number, number, number]

const encrypt = (counter: Words, key: Words): Words => {
  const out = new Uint32Array(4)
  threefry4x32(keySchedule(...key), ...counter, out)
  return [out[0]!, out[1]!, out[2]!, out[3]!]
}

const ones = 0xffffffff
const vectors: ReadonlyArray<{ readonly counter: Words; readonly key: Words; readonly expected: Words }> = [
  { counter: [0, 0, 0, 0], key: [0, 0, 0, 0], expected: [0x9c6ca96a, 0xe17eae66, 0xfc10ecd4, 0x5256a7d8] },
  {
    counter: [ones, ones, ones, ones],
    key: [ones, ones, ones, ones],
    expected: [0x2a881696, 0x57012287, 0xf6c7446e, 0xa16a6732],
  },
  {
    // the digits of π
    counter: [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    key: [0xa4093822, 0x299f31d0, 0x082efa98, 0xec4e6c89],
    expected: [0x59cd1dbb, 0xb8879579, 0x86b5d00c, 0xac8b6d84],
  },
]

describe('threefry4x32', () => {
  it.each(vectors)('matches Random123 for counter $counter and key $key', ({ counter, key, expected }) => {
    expect(encrypt(counter, key)).toEqual(expected)
  })

  it('takes key words as signed or unsigned 32-bit integers alike', () => {
    expect(encrypt([1, 2, 3, 4], [-1, -2, 5, 6])).toEqual(encrypt([1, 2, 3, 4], [ones, ones - 1, 5, 6]))
  })
})
