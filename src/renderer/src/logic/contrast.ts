/**
 * WCAG 2.x contrast arithmetic on CSS colours (#rgb, #rrggbb, #rrggbbaa, rgb(), rgba()): the theme's
 * test checks the override colours with it, and e2e/contrast.spec.ts checks focus rings.
 */
export type Rgba = readonly [r: number, g: number, b: number, a: number]

export function parseColor(css: string): Rgba {
  const s = css.trim().toLowerCase()
  const hex = /^#([0-9a-f]{3,8})$/.exec(s)?.[1]
  if (hex) {
    const full =
      hex.length <= 4
        ? hex
            .split('')
            .map((c) => c + c)
            .join('')
        : hex
    const byte = (k: number) => parseInt(full.slice(k * 2, k * 2 + 2), 16)
    return [byte(0), byte(1), byte(2), full.length === 8 ? byte(3) / 255 : 1]
  }
  const fn = /^rgba?\(([^)]+)\)$/.exec(s)?.[1]
  if (fn) {
    const parts = fn
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number)
    const [r = NaN, g = NaN, b = NaN, a = 1] = parts
    if ([r, g, b, a].every(Number.isFinite)) return [r, g, b, a]
  }
  throw new Error(`Not a colour this module reads: ${css}`)
}

/** `top` painted over the opaque `bottom` (its alpha applied). */
export function composite(bottom: string | Rgba, top: string | Rgba): Rgba {
  const [br, bg, bb] = typeof bottom === 'string' ? parseColor(bottom) : bottom
  const [tr, tg, tb, ta] = typeof top === 'string' ? parseColor(top) : top
  const mix = (t: number, b: number) => Math.round(t * ta + b * (1 - ta))
  return [mix(tr, br), mix(tg, bg), mix(tb, bb), 1]
}

/** Relative luminance, 0 (black) … 1 (white). */
export function luminance(color: string | Rgba): number {
  const [r, g, b] = typeof color === 'string' ? parseColor(color) : color
  const lin = (c: number) => {
    const v = c / 255
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/**
 * Contrast ratio (1 … 21) of a colour on an opaque background; a translucent foreground is first
 * painted over that background, as the screen shows it.
 */
export function contrastRatio(foreground: string | Rgba, background: string | Rgba): number {
  const bg = typeof background === 'string' ? parseColor(background) : background
  const fg = composite(bg, foreground)
  const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}
