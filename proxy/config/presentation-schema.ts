/**
 * How a form looks: layout, placement, teaser and theme tokens. Published to browsers.
 */
import * as z from 'zod';
import { LocalizedText } from './text.ts';
import { SafeUrl } from './safe-url.ts';
import { contrast, over, parseColour, type Rgba } from './contrast.ts';

/**
 * - `modal`: centred dialog in the top layer (a bottom sheet or full screen on phones);
 * - `slide-in`: non-modal card in a corner; `bar`: non-modal strip at the top or bottom;
 * - `fullscreen`: modal covering the viewport; `inline`: rendered inside `presentation.target`.
 */
export const Layout = z.enum(['modal', 'slide-in', 'bar', 'fullscreen', 'inline']);
export type Layout = z.infer<typeof Layout>;

/** Corners apply to slide-ins, `top`/`bottom` to bars; other layouts ignore it. */
export const Position = z.enum(['bottom-right', 'bottom-left', 'top-right', 'top-left', 'top', 'bottom']);
export type Position = z.infer<typeof Position>;

export const Teaser = z
  .object({
    /** Label of the tab that reopens the form after the visitor closed it. */
    text: LocalizedText,
    position: z.enum(['bottom-left', 'bottom-right', 'left', 'right']).default('bottom-left'),
  })
  .strict();
export type Teaser = z.infer<typeof Teaser>;

export const Presentation = z
  .object({
    position: Position.optional(),
    /** Inline layout: CSS selector of the element the form renders into (e.g. `"#newsletter"`). */
    target: z.string().min(1).max(200).optional(),
    /** What a modal becomes on narrow screens (≤ 600 px wide). */
    mobile: z.enum(['sheet', 'fullscreen']).default('sheet'),
    teaser: Teaser.optional(),
    /** Name of the form for assistive technology when its first step has no title. */
    label: LocalizedText.optional(),
    /** Also push show/step/submit/close to `window.dataLayer` (`{ event: "inlet_submit", inlet: {…} }`) for tag managers. */
    dataLayer: z.boolean().optional(),
    /** An image beside, above or behind the form. */
    media: z.lazy(() => Media).optional(),
    /** How field labels show: above the control, floating inside it, or hidden (still announced). */
    labels: z.enum(['visible', 'floating', 'hidden']).default('visible'),
    /** How required fields are marked: a symbol (`*`), the word "required" in the visitor's language, or not at all. */
    requiredMark: z.enum(['symbol', 'word', 'none']).default('symbol'),
    /** "Step 1 of 2" above the title of forms with more than one field step. */
    progress: z.boolean().default(false),
    /** An urgency countdown under the title: to a date, or for N minutes after the visitor first saw the form. */
    countdown: z.lazy(() => Countdown).optional(),
  })
  .strict();
export type Presentation = z.output<typeof Presentation>;

const COLOUR_HINT = 'use a CSS colour such as "#0b6b50", "rgb(11 107 80)" or "hsl(160 80% 23%)" (contrast is checked, so named colours other than white and black are not accepted)';
export const Colour = z.string().max(64).refine((v) => parseColour(v) !== undefined, COLOUR_HINT);

const Media = z
  .object({
    src: SafeUrl,
    /** What the image shows, for people who cannot see it; required (write what a sighted visitor would take from it). */
    alt: LocalizedText.refine((t) => (typeof t === 'string' ? t.trim() : Object.values(t).every((v) => v.trim())), 'alt text is required: describe the image, e.g. "Folded linen shirts in sand and olive"'),
    /** Intrinsic size in pixels, so the space is reserved before the image arrives (no layout shift). */
    width: z.number().int().min(1).max(4000),
    height: z.number().int().min(1).max(4000),
    /** `start`/`end` follow the form's direction: left/right in English, right/left in Arabic. */
    placement: z.enum(['top', 'start', 'end', 'background']).default('top'),
    /** On screens ≤ 600 px: keep it (as a cropped band above the form) or hide it. */
    mobile: z.enum(['crop', 'hide']).default('crop'),
    /** Background placement: colour laid over the image so text stays readable, e.g. "rgb(0 0 0 / 55%)". */
    overlay: Colour.optional(),
  })
  .strict();

const Countdown = z
  .object({
    /** End time as an ISO 8601 date-time with an offset, e.g. "2026-12-01T00:00:00Z". */
    until: z.iso.datetime({ offset: true }).optional(),
    /** Or: minutes after the visitor first saw the form. */
    minutes: z.number().int().min(1).max(7 * 24 * 60).optional(),
    label: LocalizedText.optional(),
  })
  .strict()
  .refine((c) => (c.until === undefined) !== (c.minutes === undefined), 'set exactly one of "until" and "minutes"');

/** Colours of one scheme; the dark variant applies when the visitor's system prefers a dark scheme. */
const colours = {
  accent: Colour.optional(),
  /** Text on the accent colour (buttons); it needs a 4.5:1 contrast against `accent`. */
  accentText: Colour.optional(),
  background: Colour.optional(),
  text: Colour.optional(),
};
const Scheme = z.object(colours).strict();

const FontFamily = z.string().regex(/^[^;{}<>:()]{1,200}$/, 'a CSS font-family list such as "Inter, sans-serif", or "inherit"');

export const Theme = z
  .object({
    ...colours,
    dark: Scheme.optional(),
    radius: z.number().min(0).max(48).optional(),
    /** `"inherit"` uses the host page's font; any other value is a font-family list. */
    font: FontFamily.optional(),
    /** A web font for the form: a stylesheet URL (e.g. Google Fonts CSS) and the family it defines. The host page's CSP must allow it (style-src and font-src). */
    webFont: z
      .object({ family: FontFamily, url: SafeUrl })
      .strict()
      .optional(),
    /** Heading and body sizes from a small scale, and the heading's weight. */
    heading: z.object({ size: z.enum(['s', 'm', 'l', 'xl']).default('m'), weight: z.union([z.literal(400), z.literal(500), z.literal(600), z.literal(700), z.literal(800)]).default(700) }).strict().optional(),
    body: z.object({ size: z.enum(['s', 'm', 'l']).default('m') }).strict().optional(),
    /** Submit button: filled with the accent, outlined in it, or a filled pill. */
    button: z.enum(['filled', 'outline', 'pill']).optional(),
    buttonCase: z.enum(['none', 'uppercase']).optional(),
    /** Close button corner, in the form's direction (`end` is top-right in English). */
    close: z.enum(['end', 'start']).optional(),
    /** Backdrop of modal forms: colour and blur in pixels. */
    overlay: z.object({ colour: Colour.optional(), blur: z.number().min(0).max(20).optional() }).strict().optional(),
    /** Entrance animation; visitors who ask for reduced motion get none. */
    animation: z.enum(['fade', 'slide', 'zoom', 'none']).optional(),
    width: z.number().min(200).max(1200).optional(),
    /** Decorative image shown above the form (https URL); prefer `presentation.media`, which carries alt text and size. */
    image: SafeUrl.optional(),
    /** Extra CSS, applied inside the form's shadow root only: it cannot reach the host page. */
    css: z.string().max(20_000).optional(),
  })
  .strict()
  .superRefine((theme, ctx) => {
    checkScheme(theme, LIGHT, [], theme.button ?? 'filled', ctx);
    if (theme.dark) checkScheme(theme.dark, { ...DARK, accent: theme.accent ?? DARK.accent, accentText: theme.accentText ?? DARK.accentText }, ['dark'], theme.button ?? 'filled', ctx);
  });
export type Theme = z.output<typeof Theme>;

/** The widget's own colours (widget/ui/styles.css; the dark ones in widget/ui/theme.ts), used where a theme sets only one side of a pair. */
export const LIGHT = { accent: '#0b6b50', accentText: '#ffffff', background: '#ffffff', text: '#1d1d1f' };
export const DARK = { accent: '#5fd4ae', accentText: '#0b1f18', background: '#1c1c1e', text: '#f5f5f7' };

type Scheme = z.infer<typeof Scheme>;

function checkScheme(scheme: Scheme, defaults: Required<Scheme>, at: string[], button: string, ctx: z.RefinementCtx) {
  const c = { ...defaults, ...Object.fromEntries(Object.entries(scheme).filter(([k, v]) => v !== undefined && k in defaults)) } as Required<Scheme>;
  const pair = (fg: keyof Scheme, bg: keyof Scheme, need: number, what: string) => {
    const [f, b] = [parseColour(c[fg]), parseColour(c[bg])];
    // An unparseable colour has its own issue already.
    if (!f || !b) return;
    const ratio = contrast(f, b);
    if (ratio + 1e-9 >= need) return;
    const blame: keyof Scheme = scheme[fg] !== undefined ? fg : bg;
    ctx.addIssue({
      code: 'custom',
      path: [...at, blame],
      message: `${what}: "${fg}" ${c[fg]} on "${bg}" ${c[bg]} has a contrast of ${ratio.toFixed(2)}:1, under the ${need}:1 WCAG AA asks; make one of them darker or lighter`,
    });
  };
  pair('text', 'background', 4.5, 'text would be hard to read');
  if (button === 'outline') pair('accent', 'background', 4.5, 'the outline button\'s text would be hard to read');
  else {
    pair('accentText', 'accent', 4.5, 'button text would be hard to read');
    pair('accent', 'background', 3, 'the button would not stand out from the form');
  }
}

/** Text over a background image: readable over any image only if the overlay alone gives the contrast over black and over white. */
export function checkOverlay(media: { overlay?: string; placement: string } | undefined, theme: { text?: string; dark?: { text?: string } } | undefined, ctx: z.RefinementCtx, path: (string | number)[]) {
  if (!media || media.placement !== 'background') return;
  const textColour = parseColour(theme?.text ?? LIGHT.text);
  if (!textColour) return;
  const layer = media.overlay ? parseColour(media.overlay) : undefined;
  const worst = layer ? Math.min(...([[0, 0, 0, 1], [255, 255, 255, 1]] as Rgba[]).map((image) => contrast(textColour, over(layer, image)))) : 1;
  if (worst + 1e-9 >= 4.5) return;
  ctx.addIssue({
    code: 'custom',
    path: [...path, 'overlay'],
    message: layer
      ? `text over the image could be unreadable: with overlay ${media.overlay} it reaches only ${worst.toFixed(2)}:1 on some images (4.5:1 needed); make the overlay more opaque (e.g. "rgb(0 0 0 / 65%)" with white text)`
      : `a background image needs an "overlay" colour so the text stays readable on any image, e.g. "rgb(0 0 0 / 60%)" with theme.text "#ffffff"`,
  });
}
