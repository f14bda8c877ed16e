/**
 * A line chart as hand-written SVG, with no dependency: panels side by side,
 * each with axes, "nice" ticks (steps of 1, 2 or 5 × 10ᵏ), grid lines, axis
 * labels, a legend and a title. Used for the cost and accuracy per epoch of
 * a training run.
 *
 * @module
 */

/** One line of a panel: its name in the legend, its colour and its (x, y) points. */
export interface Series {
  readonly name: string
  readonly color: string
  readonly points: ReadonlyArray<readonly [number, number]>
  readonly dashed?: boolean
}

/** One panel: a title, axis labels, its lines, and how to print y ticks. */
export interface Panel {
  readonly title: string
  readonly xLabel: string
  readonly yLabel: string
  readonly series: ReadonlyArray<Series>
  readonly yFormat?: (y: number) => string
  /** Keep x ticks on whole numbers (epochs). */
  readonly integerX?: boolean
  /** Vertical lines across the plot area at these x, each with a label at its top (the best epoch, say). */
  readonly marks?: ReadonlyArray<Mark>
}

/** A vertical line at `x` with a label. */
export interface Mark {
  readonly x: number
  readonly label: string
}

/** Size of the whole picture in pixels. */
export interface PlotOptions {
  readonly width?: number
  readonly height?: number
}

const FONT = 'DejaVu Sans, Verdana, Arial, Helvetica, sans-serif'

/** Escapes text for SVG. */
export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Ticks covering [lo, hi] at a step of 1, 2 or 5 × 10ᵏ, about `count` of them. */
export const niceTicks = (
  lo: number,
  hi: number,
  count: number = 5,
  integer: boolean = false,
): ReadonlyArray<number> => {
  const span = hi - lo
  if (!(span > 0) || !Number.isFinite(span)) return [lo]
  const raw = span / Math.max(1, count)
  const mag = 10 ** Math.floor(Math.log10(raw))
  const norm = raw / mag
  const nice = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag
  const step = integer ? Math.max(1, Math.round(nice)) : nice
  const first = Math.ceil(lo / step - 1e-9) * step
  const n = Math.floor((hi - first) / step + 1e-9)
  return Array.from({ length: n + 1 }, (_, i) => Number((first + i * step).toPrecision(12)))
}

/** A domain that contains all values, padded a little, never empty. */
const domainOf = (values: ReadonlyArray<number>, pad: number): readonly [number, number] => {
  const finite = values.filter(Number.isFinite)
  if (finite.length === 0) return [0, 1]
  const lo = Math.min(...finite)
  const hi = Math.max(...finite)
  if (hi === lo) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1
    return [lo - d, hi + d]
  }
  const p = (hi - lo) * pad
  return [lo - p, hi + p]
}

const defaultFormat = (y: number): string => String(Number(y.toPrecision(4)))

const panelSvg = (panel: Panel, x0: number, y0: number, width: number, height: number): string => {
  const margin = { left: 70, right: 18, top: 34, bottom: 52 }
  const left = x0 + margin.left
  const top = y0 + margin.top
  const w = width - margin.left - margin.right
  const h = height - margin.top - margin.bottom
  const xs = panel.series.flatMap((s) => s.points.map(([x]) => x))
  const ys = panel.series.flatMap((s) => s.points.map(([, y]) => y))
  const [xlo0, xhi0] = domainOf(xs, 0)
  const xpad = Math.max((xhi0 - xlo0) * 0.03, panel.integerX === true && xhi0 - xlo0 < 1 ? 0.5 : 0)
  const [xlo, xhi] = [xlo0 - xpad, xhi0 + xpad]
  const [ylo, yhi] = domainOf(ys, 0.08)
  const sx = (x: number): number => left + ((x - xlo) / (xhi - xlo)) * w
  const sy = (y: number): number => top + h - ((y - ylo) / (yhi - ylo)) * h
  const fmt = panel.yFormat ?? defaultFormat
  const xTicks = niceTicks(xlo, xhi, 6, panel.integerX === true).filter((x) => x >= xlo && x <= xhi)
  const yTicks = niceTicks(ylo, yhi, 5).filter((y) => y >= ylo && y <= yhi)
  const n = (v: number): string => v.toFixed(2)
  const grid = [
    ...yTicks.map(
      (y) =>
        `<line x1="${n(left)}" y1="${n(sy(y))}" x2="${n(left + w)}" y2="${n(sy(y))}" stroke="#e6e6e6" stroke-width="1"/>` +
        `<text x="${n(left - 8)}" y="${n(sy(y) + 4)}" text-anchor="end" font-size="12" fill="#333">${escapeXml(fmt(y))}</text>`,
    ),
    ...xTicks.map(
      (x) =>
        `<line x1="${n(sx(x))}" y1="${n(top + h)}" x2="${n(sx(x))}" y2="${n(top + h + 5)}" stroke="#333" stroke-width="1"/>` +
        `<text x="${n(sx(x))}" y="${n(top + h + 19)}" text-anchor="middle" font-size="12" fill="#333">${escapeXml(String(x))}</text>`,
    ),
  ]
  const lines = panel.series.map((s) => {
    const pts = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
    const path = pts.map(([x, y]) => `${n(sx(x))},${n(sy(y))}`).join(' ')
    const markers =
      pts.length <= 60
        ? pts.map(([x, y]) => `<circle cx="${n(sx(x))}" cy="${n(sy(y))}" r="3" fill="${s.color}"/>`).join('')
        : ''
    const dash = s.dashed === true ? ' stroke-dasharray="6 4"' : ''
    return `<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>${markers}`
  })
  const marks = (panel.marks ?? [])
    .filter((m) => Number.isFinite(m.x) && m.x >= xlo && m.x <= xhi)
    .map(
      (m) =>
        `<line x1="${n(sx(m.x))}" y1="${n(top)}" x2="${n(sx(m.x))}" y2="${n(top + h)}" stroke="#777" stroke-width="1" stroke-dasharray="2 3"/>` +
        // the label on the side of the line with room for it
        (sx(m.x) > left + w - 70
          ? `<text x="${n(sx(m.x) - 4)}" y="${n(top + h - 6)}" text-anchor="end" font-size="11" fill="#555">${escapeXml(m.label)}</text>`
          : `<text x="${n(sx(m.x) + 4)}" y="${n(top + h - 6)}" font-size="11" fill="#555">${escapeXml(m.label)}</text>`),
    )
  // the legend goes in the corner of the plot area that the lines cross least
  const boxW = 152
  const boxH = panel.series.length * 18 + 6
  const corners = [
    [left + w - boxW - 6, top + 2],
    [left + w - boxW - 6, top + h - boxH - 6],
    [left + 8, top + 2],
    [left + 8, top + h - boxH - 6],
  ] as const
  const crossings = (bx: number, by: number): number =>
    panel.series.reduce(
      (c, s) =>
        c +
        s.points.filter(([x, y]) => {
          const px = sx(x)
          const py = sy(y)
          return px >= bx - 6 && px <= bx + boxW + 6 && py >= by - 6 && py <= by + boxH + 6
        }).length,
      0,
    )
  const [bx, by] = corners.reduce((best, c) => (crossings(c[0], c[1]) < crossings(best[0], best[1]) ? c : best))
  const legend = panel.series.map((s, i) => {
    const ly = by + 16 + i * 18
    const lx = bx + 8
    const dash = s.dashed === true ? ' stroke-dasharray="6 4"' : ''
    return (
      `<line x1="${n(lx)}" y1="${n(ly - 4)}" x2="${n(lx + 24)}" y2="${n(ly - 4)}" stroke="${s.color}" stroke-width="2"${dash}/>` +
      `<text x="${n(lx + 30)}" y="${n(ly)}" font-size="12" fill="#222">${escapeXml(s.name)}</text>`
    )
  })
  const legendBox =
    panel.series.length > 0
      ? `<rect x="${n(bx)}" y="${n(by)}" width="${String(boxW)}" height="${n(boxH)}" fill="white" fill-opacity="0.85" stroke="#ccc"/>`
      : ''
  return [
    `<text x="${n(left + w / 2)}" y="${n(y0 + 22)}" text-anchor="middle" font-size="15" font-weight="bold" fill="#111">${escapeXml(panel.title)}</text>`,
    ...grid,
    `<line x1="${n(left)}" y1="${n(top)}" x2="${n(left)}" y2="${n(top + h)}" stroke="#333" stroke-width="1"/>`,
    `<line x1="${n(left)}" y1="${n(top + h)}" x2="${n(left + w)}" y2="${n(top + h)}" stroke="#333" stroke-width="1"/>`,
    ...marks,
    ...lines,
    legendBox,
    ...legend,
    `<text x="${n(left + w / 2)}" y="${n(top + h + 42)}" text-anchor="middle" font-size="13" fill="#222">${escapeXml(panel.xLabel)}</text>`,
    `<text transform="translate(${n(x0 + 18)} ${n(top + h / 2)}) rotate(-90)" text-anchor="middle" font-size="13" fill="#222">${escapeXml(panel.yLabel)}</text>`,
  ].join('\n')
}

/**
 * An SVG document: a title above the panels, which sit side by side.
 * Deterministic: the same input always gives the same text.
 */
export const plotSvg = (title: string, panels: ReadonlyArray<Panel>, options: PlotOptions = {}): string => {
  const width = options.width ?? 1100
  const height = options.height ?? 440
  const head = 36
  const pw = width / Math.max(1, panels.length)
  const body = panels.map((p, i) => panelSvg(p, i * pw, head, pw, height - head)).join('\n')
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(width)}" height="${String(height)}" viewBox="0 0 ${String(width)} ${String(height)}" font-family="${FONT}">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${String(width / 2)}" y="24" text-anchor="middle" font-size="17" fill="#111">${escapeXml(title)}</text>`,
    body,
    `</svg>`,
    '',
  ].join('\n')
}
