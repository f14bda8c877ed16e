// The progress line of `nabla train` and the plot it draws in the terminal.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Output } from '../../src/cli/io.js'
import { barLine, duration, makeProgress, plainLine } from '../../src/cli/progress.js'
import { textChart } from '../../src/cli/terminalPlot.js'

/** An output that records what is written, and a clock the test moves by hand. */
const recorder = (isTTY: boolean): { readonly out: Output; readonly written: string[] } => {
  const written: string[] = []
  return { out: { isTTY, write: (s) => written.push(s) }, written }
}

const ERASE = '\r\x1b[K'

describe('the progress line', () => {
  it('on a terminal: a bar redrawn in place at most every 100 ms, and the last one, then erased', () => {
    const { out, written } = recorder(true)
    let t = 0
    const progress = makeProgress(out, 10, { now: () => t })
    progress.start(50, 3)
    for (let done = 1; done <= 50; done++) {
      t += 30 // 50 mini-batches of 30 ms: 1.5 s
      progress.update(done, 0.5)
    }
    progress.stop()
    const bars = written.filter((w) => w.startsWith(ERASE) && w.length > ERASE.length)
    // one redraw per 100 ms: the first update, then every fourth (120 ms apart), and the last one
    expect(bars.length).toBe(14)
    expect(bars.every((b) => b.startsWith(`${ERASE}epoch 3/10 [`))).toBe(true)
    expect(bars.at(-1)).toBe(`${ERASE}${barLine('3/10', 50, 50, 0.5, 1500)}`)
    expect(bars.at(-1)).toMatch(/\] 100% 50\/50 mini-batches · cost 0\.5000 · eta 0s$/)
    expect(written.at(-1)).toBe(ERASE)
    expect(written.join('')).not.toContain('\n')
  })

  it('on a pipe: nothing for an epoch shorter than 2 s, a plain line every 5 s after that, never a bar', () => {
    const { out, written } = recorder(false)
    let t = 0
    const progress = makeProgress(out, 2, { now: () => t })
    progress.start(100, 1)
    for (let done = 1; done <= 100; done++) {
      t += 10 // 1 s in all
      progress.update(done, 1)
    }
    progress.stop()
    expect(written).toEqual([])
    progress.start(100, 2)
    for (let done = 1; done <= 100; done++) {
      t += 200 // 20 s in all: lines at 2 s, 7 s, 12 s, 17 s
      progress.update(done, 0.25)
    }
    progress.stop()
    expect(written).toEqual([
      `${plainLine('2/2', 10, 100, 0.25, 2000)}\n`,
      `${plainLine('2/2', 35, 100, 0.25, 7000)}\n`,
      `${plainLine('2/2', 60, 100, 0.25, 12000)}\n`,
      `${plainLine('2/2', 85, 100, 0.25, 17000)}\n`,
    ])
    expect(written[0]).toBe('epoch 2/2: 10/100 mini-batches (10%), cost 0.2500, eta 18s\n')
  })

  it('the bar always has the same width, its percentage never passes what is done', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.nat(), fc.double(), (total, k, cost) => {
        const done = k % (total + 1)
        const bar = /\[([█░]+)\] +(\d+)%/.exec(barLine('1/1', done, total, cost, 1000))
        return bar !== null && bar[1]!.length === 24 && Number(bar[2]) === Math.floor((100 * done) / total)
      }),
    )
  })

  it('durations: seconds, minutes and seconds, hours and minutes', () => {
    expect([0, 59.4, 60, 185, 3599, 3600, 7321, Number.NaN].map(duration)).toEqual([
      '0s',
      '59s',
      '1m00s',
      '3m05s',
      '59m59s',
      '1h00m',
      '2h02m',
      '?',
    ])
  })
})

describe('the plot in the terminal', () => {
  it('draws each point in its cell, highest value on top, with the axes labelled (by hand)', () => {
    const lines = textChart({
      title: 't',
      xLabel: 'epoch',
      width: 10,
      height: 4,
      series: [
        {
          name: 'a',
          marker: '●',
          points: [
            [1, 4],
            [2, 3],
            [3, 2],
            [4, 1],
          ],
        },
        {
          name: 'b',
          marker: '○',
          points: [
            [1, 4],
            [4, 2],
          ],
        },
      ],
    })
    // x = 1…4 on columns 0, 3, 6, 9; y = 4, 3, 2, 1 on rows 0…3; a and b meet at (1, 4)
    expect(lines).toEqual([
      't (● a, ○ b, ◉ several)',
      '4 ┤◉',
      '3 ┤   ●',
      '  │      ●  ○',
      '1 ┤         ●',
      '  └──────────',
      '   1        4  epoch',
    ])
  })

  it('rows follow values: a larger y is never drawn below a smaller one, and every line fits', () => {
    const points = fc.array(
      fc.tuple(fc.integer({ min: 1, max: 100 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
      {
        minLength: 1,
        maxLength: 40,
      },
    )
    fc.assert(
      fc.property(points, fc.integer({ min: 2, max: 12 }), fc.integer({ min: 5, max: 70 }), (ps, height, width) => {
        // one series per point, each with a marker of its own, so that every point can be found again
        const markers = ps.map((_, i) => String.fromCharCode(0x4e00 + i))
        const lines = textChart({
          title: 'p',
          xLabel: 'x',
          width,
          height,
          series: ps.map((p, i) => ({ name: String(i), marker: markers[i]!, points: [p] })),
        })
        const body = lines.slice(1, 1 + height)
        const rowOf = (m: string): number => body.findIndex((l) => l.includes(m))
        const drawn = ps.map((_, i) => rowOf(markers[i]!))
        const visible = drawn.map((r, i) => [r, ps[i]![1]] as const).filter(([r]) => r >= 0)
        const labelWidth = lines[1 + height]!.indexOf('└') - 1
        return (
          lines.length === height + 3 &&
          visible.length > 0 &&
          visible.every(([r, y]) => visible.every(([r2, y2]) => !(y > y2 && r > r2))) &&
          body.every((l) => Array.from(l).length <= labelWidth + 2 + width)
        )
      }),
      { numRuns: 200 },
    )
  })

  it('leaves out non-finite points, and draws nothing without a finite one', () => {
    const series = (points: ReadonlyArray<readonly [number, number]>) => [{ name: 's', marker: '●', points }]
    expect(textChart({ title: 't', xLabel: 'x', series: series([[1, Number.NaN]]) })).toEqual([])
    const lines = textChart({
      title: 't',
      xLabel: 'x',
      height: 3,
      width: 5,
      series: series([
        [1, Infinity],
        [2, 7],
      ]),
    })
    // the title's legend shows the marker too: count the chart's rows only
    expect(lines.slice(1).join('\n').match(/●/g)).toHaveLength(1)
  })
})
