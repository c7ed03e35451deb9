/**
 * WCAG 2.2 contrast ratios between CSS colours (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio),
 * so a form whose text or buttons would be unreadable is refused when the config loads.
 */
export type Rgba = [r: number, g: number, b: number, a: number];

const NAMED: Record<string, Rgba> = { white: [255, 255, 255, 1], black: [0, 0, 0, 1] };

/** Parses `#rgb[a]`, `#rrggbb[aa]`, `rgb[a](…)`, `hsl[a](…)`, `white` and `black`; undefined otherwise. */
export function parseColour(input: string): Rgba | undefined {
  const s = input.trim().toLowerCase();
  if (NAMED[s]) return NAMED[s];
  const hex = /^#([0-9a-f]{3,8})$/.exec(s)?.[1];
  if (hex) {
    if (hex.length === 5 || hex.length === 7) return undefined;
    const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
    const n = (i: number) => parseInt(full.slice(i, i + 2), 16);
    return [n(0), n(2), n(4), full.length === 8 ? n(6) / 255 : 1];
  }
  const fn = /^(rgb|hsl)a?\(([^)]*)\)$/.exec(s);
  if (!fn) return undefined;
  const parts = fn[2]!.split(/[\s,/]+/).filter(Boolean);
  if (parts.length < 3 || parts.length > 4) return undefined;
  const num = (p: string, scale: number) => (p.endsWith('%') ? (parseFloat(p) / 100) * scale : parseFloat(p));
  const alpha = parts[3] === undefined ? 1 : num(parts[3], 1);
  if (fn[1] === 'rgb') {
    const [r, g, b] = parts.slice(0, 3).map((p) => num(p, 255));
    return [r, g, b, alpha].some((v) => !Number.isFinite(v)) ? undefined : [r!, g!, b!, alpha];
  }
  const h = parseFloat(parts[0]!) / 360;
  const sat = num(parts[1]!, 1);
  const l = num(parts[2]!, 1);
  if (![h, sat, l, alpha].every(Number.isFinite)) return undefined;
  const q = l < 0.5 ? l * (1 + sat) : l + sat - l * sat;
  const p = 2 * l - q;
  const channel = (t: number) => {
    t = ((t % 1) + 1) % 1;
    const v = t < 1 / 6 ? p + (q - p) * 6 * t : t < 1 / 2 ? q : t < 2 / 3 ? p + (q - p) * (2 / 3 - t) * 6 : p;
    return v * 255;
  };
  return [channel(h + 1 / 3), channel(h), channel(h - 1 / 3), alpha];
}

/** `top` painted over an opaque `bottom`. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Contrast ratio of a foreground over a background (both composited onto white when translucent). */
export function contrast(fg: Rgba, bg: Rgba): number {
  const base = over(bg, [255, 255, 255, 1]);
  const a = luminance(over(fg, base));
  const b = luminance(base);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
