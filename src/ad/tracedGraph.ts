/**
 * A traced program as a computation graph, the way micrograd's `draw_dot`
 * shows one: a box per value with its value (and, after a pullback, its
 * gradient), a small node per operation, and arrows from operands to
 * results. `tracedAdjoints` computes the gradient at every value;
 * `tracedSvg` draws the picture as a standalone SVG document.
 *
 * @module
 */
/* eslint-disable functional/immutable-data -- the layout and the adjoints are maps filled in one call and never shared */
import { toRows } from '../matrix/construct.js'
import { add } from './ops/add.js'
import { shapeOfValue, type AnyValue, type Value } from './core.js'
import type { Atom, Equation, TracedProgram, Variable } from './traced.js'

/**
 * The adjoint ∂(⟨c, output⟩)/∂v of every variable v of a program, for a
 * cotangent c of its (single) output: the reverse sweep over its equations
 * with each primitive's VJP rules, on the values recorded when it was
 * traced. Variables the output does not depend on get no entry.
 *
 * @category traced programs
 */
export const tracedAdjoints = (program: TracedProgram, cotangent: Value): ReadonlyMap<number, Value> => {
  const out = program.outputs[0]
  const adj = new Map<number, Value>()
  if (out?.kind !== 'variable') return adj
  const accumulate = (id: number, c: AnyValue): void => {
    const had = adj.get(id)
    adj.set(id, had === undefined ? c : add(had, c))
  }
  accumulate(out.id, cotangent)
  const valueOf = (a: Atom): AnyValue => a.value
  ;[...program.equations].reverse().forEach((e: Equation) => {
    const g = adj.get(e.out.id)
    if (g === undefined) return
    const args = e.operands.map(valueOf)
    const parts =
      e.primitive.vjpAll !== undefined
        ? e.primitive.vjpAll(g, args, e.out.value, e.params)
        : e.operands.map((_, i) => e.primitive.vjp[i]?.(g, args, e.out.value, e.params))
    e.operands.forEach((a, i) => {
      const c = parts[i]
      if (a.kind === 'variable' && c !== undefined) accumulate(a.id, c)
    })
  })
  return adj
}

/** Options of the drawing. */
export interface TracedSvgOptions {
  /** The gradient at each variable, drawn under its value (from `tracedAdjoints`). */
  readonly adjoints?: ReadonlyMap<number, Value>
  /** Names for the inputs (default a, b, c, …), e.g. `['w¹', 'b¹', 'w²', 'b²']`. */
  readonly inputNames?: ReadonlyArray<string>
  /** Significant digits of the numbers shown (default 4). */
  readonly digits?: number
  /** A title above the graph. */
  readonly title?: string
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

const fmt = (x: number, digits: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(digits))

/** A value as the lines of text in its box: a number, a small matrix row by row, or a large one's shape. */
const valueLines = (v: Value, digits: number): ReadonlyArray<string> => {
  if (typeof v === 'number') return [fmt(v, digits)]
  const s = shapeOfValue(v) as readonly [number, number]
  if (s[0] * s[1] > 16) return [`${String(s[0])}×${String(s[1])} matrix`]
  return toRows(v).map((row) => row.map((x) => fmt(x, digits)).join('  '))
}

const nameOf = (id: number): string => {
  const letter = String.fromCharCode(97 + (id % 26))
  return id < 26 ? letter : `${letter}${String(Math.floor(id / 26))}`
}

interface Box {
  readonly id: number
  readonly column: number
  readonly label: string
  readonly lines: ReadonlyArray<string>
  readonly grad: ReadonlyArray<string>
}

const LINE = 14
const CHAR = 7
const GAP_X = 70
const GAP_Y = 18

/**
 * The program as an SVG computation graph: one box per variable (its
 * name, its value, and its gradient when `adjoints` are given), laid out
 * left to right by how many operations separate it from the inputs, with
 * each operation drawn as a labelled node between its operands and its
 * result. Constants are shown inside the operation's label. Pure: the
 * same program and options give the same text.
 *
 * @category traced programs
 */
export const tracedSvg = (program: TracedProgram, options: TracedSvgOptions = {}): string => {
  const digits = options.digits ?? 4
  const depth = new Map<number, number>()
  program.inputs.forEach((v) => depth.set(v.id, 0))
  program.equations.forEach((e) => {
    const d = Math.max(0, ...e.operands.map((a) => (a.kind === 'variable' ? (depth.get(a.id) ?? 0) : 0)))
    depth.set(e.out.id, d + 1)
  })
  const label = (v: Variable): string => options.inputNames?.[v.id] ?? nameOf(v.id)
  const boxOf = (v: Variable): Box => {
    const g = options.adjoints?.get(v.id)
    return {
      id: v.id,
      column: depth.get(v.id) ?? 0,
      label: label(v),
      lines: valueLines(v.value, digits),
      grad: g === undefined ? [] : valueLines(g, digits),
    }
  }
  const boxes = [...program.inputs, ...program.equations.map((e) => e.out)].map(boxOf)
  const height = (b: Box): number => LINE * (1 + b.lines.length + (b.grad.length === 0 ? 0 : 1 + b.grad.length)) + 10
  const width = (b: Box): number =>
    CHAR * Math.max(b.label.length + 2, ...b.lines.map((l) => l.length), ...b.grad.map((l) => l.length + 2)) + 16
  const columns = Math.max(0, ...boxes.map((b) => b.column)) + 1
  const colWidth = Array.from({ length: columns }, (_, c) =>
    Math.max(60, ...boxes.filter((b) => b.column === c).map(width)),
  )
  const opLabel = (e: Equation): string => {
    const constants = e.operands.filter((a) => a.kind === 'constant').map((a) => valueLines(a.value, digits).join('; '))
    return `${e.primitive.name}${constants.length === 0 ? '' : ` (${constants.join(', ')})`}`
  }
  const opWidth = (e: Equation): number => 12 + CHAR * opLabel(e).length
  // the gap before a column fits the widest operation that produces a value in it
  const gap = Array.from({ length: columns }, (_, c) =>
    Math.max(GAP_X, ...program.equations.filter((e) => depth.get(e.out.id) === c).map((e) => opWidth(e) + 30)),
  )
  const colX = colWidth.reduce<ReadonlyArray<number>>(
    (acc, w, c) => [...acc, (acc.at(-1) ?? 20) + w + (gap[c + 1] ?? GAP_X)],
    [20],
  )
  const title = options.title === undefined ? 0 : 30
  const placed = new Map<number, { readonly x: number; readonly y: number; readonly w: number; readonly h: number }>()
  Array.from({ length: columns }, (_, c) =>
    boxes
      .filter((b) => b.column === c)
      .reduce((y, b) => {
        placed.set(b.id, { x: colX[c] as number, y, w: colWidth[c] as number, h: height(b) })
        return y + height(b) + GAP_Y
      }, 20 + title),
  )
  const totalW = (colX.at(-1) ?? 0) + 20
  const totalH = Math.max(...[...placed.values()].map((p) => p.y + p.h)) + 20
  const boxSvg = (b: Box): string => {
    const p = placed.get(b.id) as { x: number; y: number; w: number; h: number }
    const text = (s: string, row: number, cls: string): string =>
      `<text x="${String(p.x + 8)}" y="${String(p.y + 16 + row * LINE)}" class="${cls}">${escape(s)}</text>`
    const rows = [
      text(b.label, 0, 'name'),
      ...b.lines.map((l, i) => text(l, i + 1, 'value')),
      ...(b.grad.length === 0
        ? []
        : [
            text('grad', b.lines.length + 1, 'gradlabel'),
            ...b.grad.map((l, i) => text(l, b.lines.length + 2 + i, 'grad')),
          ]),
    ]
    return `<g><rect x="${String(p.x)}" y="${String(p.y)}" width="${String(p.w)}" height="${String(p.h)}" rx="4" class="box"/>${rows.join('')}</g>`
  }
  const edges = program.equations.flatMap((e) => {
    const to = placed.get(e.out.id) as { x: number; y: number; w: number; h: number }
    const ox = to.x - (gap[depth.get(e.out.id) ?? 0] ?? GAP_X) / 2
    const oy = to.y + to.h / 2
    const label = opLabel(e)
    const lines = e.operands
      .filter((a): a is Variable => a.kind === 'variable')
      .map((a) => {
        const from = placed.get(a.id) as { x: number; y: number; w: number; h: number }
        const fx = from.x + from.w
        const fy = from.y + from.h / 2
        return `<path d="M${String(fx)},${String(fy)} C${String((fx + ox) / 2)},${String(fy)} ${String((fx + ox) / 2)},${String(oy)} ${String(ox)},${String(oy)}" class="edge"/>`
      })
    return [
      ...lines,
      `<line x1="${String(ox)}" y1="${String(oy)}" x2="${String(to.x)}" y2="${String(oy)}" class="edge" marker-end="url(#arrow)"/>`,
      `<ellipse cx="${String(ox)}" cy="${String(oy)}" rx="${String(opWidth(e) / 2)}" ry="9" class="op"/>`,
      `<text x="${String(ox)}" y="${String(oy + 4)}" class="oplabel">${escape(label)}</text>`,
    ]
  })
  const style =
    '<style>.box{fill:#fff;stroke:#555}.op{fill:#eef;stroke:#779}.edge{fill:none;stroke:#888}' +
    '.name{font:bold 12px monospace}.value{font:12px monospace}.grad{font:12px monospace;fill:#a33}' +
    '.gradlabel{font:italic 11px sans-serif;fill:#a33}.oplabel{font:11px sans-serif;text-anchor:middle}' +
    '.title{font:bold 14px sans-serif}</style>'
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(totalW)}" height="${String(totalH)}" viewBox="0 0 ${String(totalW)} ${String(totalH)}">`,
    style,
    '<defs><marker id="arrow" markerWidth="8" markerHeight="8" refX="7" refY="3" orient="auto"><path d="M0,0 L7,3 L0,6 z" fill="#888"/></marker></defs>',
    options.title === undefined ? '' : `<text x="20" y="24" class="title">${escape(options.title)}</text>`,
    ...edges,
    ...boxes.map(boxSvg),
    '</svg>',
  ].join('\n')
}
