/**
 * A line chart drawn with text, for the terminal: the cost and accuracy per
 * epoch that `plot.svg` shows, printed at the end of a run. Each series has
 * a marker; a cell where points of different series meet shows ◉. The y
 * axis is labelled at its top, middle and bottom rows with the values those
 * rows stand for, the x axis at its ends.
 *
 * @module
 */

/** One line of a chart: its name in the legend, its marker and its (x, y) points. */
export interface TextSeries {
  readonly name: string
  readonly marker: string
  readonly points: ReadonlyArray<readonly [number, number]>
}

/** A chart: its title, axis label, series, and how y values are printed. */
export interface TextChart {
  readonly title: string
  readonly xLabel: string
  readonly series: ReadonlyArray<TextSeries>
  readonly yFormat?: (y: number) => string
  /** The plotting area, in characters (default 60×8). */
  readonly width?: number
  readonly height?: number
}

/** The marker of a cell where points of different series meet. */
const BOTH = '◉'

/** A number with 4 significant digits, as the axis shows it. */
const short = (y: number): string => String(Number(y.toPrecision(4)))

/**
 * The chart as lines of text, or no lines when there is nothing to draw
 * (no finite point). Points with a non-finite coordinate are left out.
 */
export const textChart = (chart: TextChart): ReadonlyArray<string> => {
  const width = chart.width ?? 60
  const height = chart.height ?? 8
  const fmt = chart.yFormat ?? short
  const finite = chart.series.map((s) => s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)))
  const all = finite.flat()
  if (all.length === 0) return []
  const xs = all.map(([x]) => x)
  const ys = all.map(([, y]) => y)
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)]
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)]
  const column = (x: number): number => (x1 === x0 ? 0 : Math.round(((x - x0) / (x1 - x0)) * (width - 1)))
  // row 0 is the top; equal values all sit on the middle row
  const row = (y: number): number =>
    y1 === y0 ? Math.floor(height / 2) : height - 1 - Math.round(((y - y0) / (y1 - y0)) * (height - 1))
  const key = (r: number, c: number): string => `${String(r)},${String(c)}`
  const cells = new Map<string, string>()
  finite.forEach((points, s) => {
    const marker = chart.series[s]?.marker ?? '*'
    points.forEach(([x, y]) => {
      const k = key(row(y), column(x))
      const there = cells.get(k)
      cells.set(k, there === undefined || there === marker ? marker : BOTH)
    })
  })
  // labels at the top, middle and bottom rows, each the value its row stands for (one label if all are equal)
  const valueAt = (r: number): number => y1 - (r / (height - 1)) * (y1 - y0)
  const labelled = y1 === y0 ? [Math.floor(height / 2)] : [0, Math.floor((height - 1) / 2), height - 1]
  const yLabels = new Map(labelled.map((r) => [r, fmt(y1 === y0 ? y0 : valueAt(r))] as const))
  const labelWidth = Math.max(...[...yLabels.values()].map((l) => l.length))
  const body = Array.from({ length: height }, (_, r) => {
    const label = yLabels.get(r)
    const line = Array.from({ length: width }, (_, c) => cells.get(key(r, c)) ?? ' ').join('')
    return `${(label ?? '').padStart(labelWidth)} ${label === undefined ? '│' : '┤'}${line}`.trimEnd()
  })
  const first = short(x0)
  const last = short(x1)
  const axis = `${' '.repeat(labelWidth)} └${'─'.repeat(width)}`
  const ticks = `${' '.repeat(labelWidth + 2)}${first}${last.padStart(Math.max(1, width - first.length))}  ${chart.xLabel}`
  const overlaps = [...cells.values()].includes(BOTH) ? [`${BOTH} several`] : []
  const legend = [...chart.series.map((s) => `${s.marker} ${s.name}`), ...overlaps].join(', ')
  return [
    `${chart.title} (${legend})`,
    ...body,
    axis,
    x1 === x0 ? `${' '.repeat(labelWidth + 2)}${first}  ${chart.xLabel}` : ticks,
  ]
}
