/**
 * SVG → PNG with @resvg/resvg-js, an optional dependency loaded with a
 * dynamic `import()` only when the command line writes a plot. Without it,
 * or if it fails, the caller keeps the SVG and says the PNG was skipped.
 *
 * @module
 */
import { existsSync, readdirSync } from 'node:fs'
import { messageOf } from '../matrix/json.js'

interface Resvg {
  render(): { asPng(): Uint8Array }
}

interface ResvgModule {
  readonly Resvg: new (svg: string, options: Readonly<Record<string, unknown>>) => Resvg
}

/** The PNG bytes, or the reason there are none. */
export type PngResult =
  | { readonly ok: true; readonly png: Uint8Array; readonly note?: string }
  | { readonly ok: false; readonly reason: string }

const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', '/System/Library/Fonts', 'C:\\Windows\\Fonts']

const hasSystemFonts = (): boolean =>
  FONT_DIRS.some((dir) => {
    try {
      return existsSync(dir) && readdirSync(dir).length > 0
    } catch {
      return false
    }
  })

/** Renders an SVG document to PNG at `scale` times its size, on a white background. */
export const svgToPng = async (svg: string, scale: number = 1): Promise<PngResult> => {
  // A computed specifier, so that TypeScript and bundlers leave the optional dependency alone.
  const name = '@resvg/resvg-js'
  const loaded = await import(name).then(
    (m: unknown) => m as Partial<ResvgModule> & { readonly default?: Partial<ResvgModule> },
    () => undefined,
  )
  const Resvg = loaded?.Resvg ?? loaded?.default?.Resvg
  if (Resvg === undefined) {
    return { ok: false, reason: '@resvg/resvg-js (an optional dependency) is not installed' }
  }
  try {
    const png = new Resvg(svg, {
      background: 'white',
      fitTo: { mode: 'zoom', value: scale },
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    })
      .render()
      .asPng()
    return hasSystemFonts()
      ? { ok: true, png }
      : { ok: true, png, note: 'no system fonts found, so the PNG has no text (install fonts-dejavu-core)' }
  } catch (e) {
    return { ok: false, reason: `resvg failed: ${messageOf(e)}` }
  }
}
