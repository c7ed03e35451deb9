/**
 * How a form looks: layout and theme tokens. Published to browsers.
 */
import * as z from 'zod';

export const Layout = z.enum(['modal', 'slide-in', 'bar', 'fullscreen', 'inline']);
export type Layout = z.infer<typeof Layout>;

export const Theme = z
  .object({
    accent: z.string().optional(),
    background: z.string().optional(),
    text: z.string().optional(),
    radius: z.number().min(0).max(48).optional(),
    /** `"inherit"` uses the host page's font; fonts must be declared by the host page (shadow roots ignore @font-face). */
    font: z.string().optional(),
    width: z.number().min(200).max(1200).optional(),
    image: z.url().optional(),
    css: z.string().max(20_000).optional(),
  })
  .strict();
export type Theme = z.infer<typeof Theme>;
