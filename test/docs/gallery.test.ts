import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The gallery pages print tables of numbers in markdown, next to the snippet that computes them
// and asserts them: this keeps each table equal to what its snippet computes.
const page = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../docs/gallery/${name}.md`, import.meta.url)), 'utf8')

/** The cells of the markdown table rows that start with `first` (a regular expression). */
const rows = (text: string, first: RegExp): ReadonlyArray<ReadonlyArray<string>> =>
  text
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .map((l) =>
      l
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    )
    .filter((cells) => first.test(cells[0] ?? ''))

describe('docs/gallery/encoder.md', () => {
  it('its table of hidden codes is the one the snippet trains, to two decimals and in bits', async () => {
    const { codes } = await import('../../docs/snippets/encoder.js')
    const table = rows(page('encoder'), /^[01]{8}$/)
    expect(table.map((cells) => cells[0])).toEqual(
      codes.map((_, i) => Array.from({ length: 8 }, (__, k) => (k === i ? '1' : '0')).join('')),
    )
    expect(table.map((cells) => cells[1])).toEqual(codes.map((code) => code.map((v) => v.toFixed(2)).join(' ')))
    expect(table.map((cells) => cells[2])).toEqual(codes.map((code) => code.map((v) => (v > 0.5 ? '1' : '0')).join('')))
  })
})
