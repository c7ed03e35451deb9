/**
 * How a form looks: layout, placement, teaser and theme tokens. Published to browsers.
 */
import * as z from 'zod';
import { LocalizedText } from './text.ts';

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
  })
  .strict();
export type Presentation = z.output<typeof Presentation>;

const Colour = z.string().regex(/^(#[0-9a-fA-F]{3,8}|(rgb|hsl|oklch)a?\([0-9.,%\s/a-z-]+\)|[a-z]+)$/, 'use a CSS colour such as "#0b6b50" or "rgb(11 107 80)"');

export const Theme = z
  .object({
    accent: Colour.optional(),
    /** Text on the accent colour (buttons); pick one with a 4.5:1 contrast against `accent`. */
    accentText: Colour.optional(),
    background: Colour.optional(),
    text: Colour.optional(),
    radius: z.number().min(0).max(48).optional(),
    /** `"inherit"` uses the host page's font; fonts must be declared by the host page (shadow roots ignore @font-face). */
    font: z.string().regex(/^[^;{}<>]{1,200}$/, 'a CSS font-family list such as "Inter, sans-serif", or "inherit"').optional(),
    width: z.number().min(200).max(1200).optional(),
    /** Decorative image shown above the form (https URL). */
    image: z.url().optional(),
    /** Extra CSS, applied inside the form's shadow root only: it cannot reach the host page. */
    css: z.string().max(20_000).optional(),
  })
  .strict();
export type Theme = z.infer<typeof Theme>;
