// The hidden codes of an encoder network over training as an SVG picture, for the docs' gallery:
// one small panel per input, with a line for each hidden unit's value (0 to 1) against the epoch.

export interface CodeSnapshot {
  readonly epoch: number
  /** Row i: the hidden values for input i. */
  readonly codes: ReadonlyArray<ReadonlyArray<number>>
}

const PANEL_W = 138
const PANEL_H = 90
const GAP = 14
const COLUMNS = 4
const TOP = 18
const INK = ['#2f6fad', '#c8630c', '#3a8f3a'] as const

/** Draws the snapshots (in order of epoch; at least two) as panels, `title` below them. */
export const encoderSvg = (snapshots: ReadonlyArray<CodeSnapshot>, title: string): string => {
  const first = snapshots[0]
  const lastEpoch = snapshots[snapshots.length - 1]?.epoch ?? 0
  if (first === undefined || snapshots.length < 2 || lastEpoch <= first.epoch) {
    throw new RangeError('encoderSvg: needs at least two snapshots at increasing epochs')
  }
  const inputs = first.codes.length
  const units = first.codes[0]?.length ?? 0
  const rows = Math.ceil(inputs / COLUMNS)
  const width = COLUMNS * PANEL_W + (COLUMNS + 1) * GAP
  const height = rows * (PANEL_H + TOP + GAP) + GAP + 40
  const x = (epoch: number): number => ((epoch - first.epoch) / (lastEpoch - first.epoch)) * PANEL_W
  const y = (v: number): number => (1 - v) * PANEL_H
  const panels = Array.from({ length: inputs }, (_, i) => {
    const left = GAP + (i % COLUMNS) * (PANEL_W + GAP)
    const top = GAP + Math.floor(i / COLUMNS) * (PANEL_H + TOP + GAP) + TOP
    const pattern = Array.from({ length: inputs }, (__, k) => (k === i ? '1' : '0')).join('')
    const lines = Array.from({ length: units }, (__, u) => {
      const points = snapshots
        .map((s) => `${x(s.epoch).toFixed(1)},${y(s.codes[i]?.[u] ?? Number.NaN).toFixed(1)}`)
        .join(' ')
      return `<polyline points="${points}" fill="none" stroke="${INK[u % INK.length] ?? '#333'}" stroke-width="1.5"/>`
    }).join('')
    return (
      `<g transform="translate(${String(left)},${String(top)})">` +
      `<rect width="${String(PANEL_W)}" height="${String(PANEL_H)}" fill="#f7f7f7" stroke="#ccc"/>` +
      `<line x1="0" x2="${String(PANEL_W)}" y1="${String(PANEL_H / 2)}" y2="${String(PANEL_H / 2)}" stroke="#ddd" stroke-dasharray="3 3"/>` +
      lines +
      `<text x="0" y="-5" font-family="monospace" font-size="11" fill="#333">${pattern}</text></g>`
    )
  }).join('')
  const legendY = height - 30
  const legend = Array.from(
    { length: units },
    (_, u) =>
      `<line x1="${String(GAP + u * 120)}" x2="${String(GAP + u * 120 + 20)}" y1="${String(legendY)}" y2="${String(legendY)}" stroke="${INK[u % INK.length] ?? '#333'}" stroke-width="2"/>` +
      `<text x="${String(GAP + u * 120 + 26)}" y="${String(legendY + 4)}" font-family="sans-serif" font-size="11" fill="#333">hidden unit ${String(u + 1)}</text>`,
  ).join('')
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(width)}" height="${String(height)}" viewBox="0 0 ${String(width)} ${String(height)}" role="img" aria-label="${title}">` +
    `<rect width="100%" height="100%" fill="#fff"/>${panels}${legend}` +
    `<text x="${String(width / 2)}" y="${String(height - 8)}" text-anchor="middle" font-family="sans-serif" font-size="13" fill="#333">${title}</text></svg>\n`
  )
}
