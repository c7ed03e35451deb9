/**
 * The site config: server-only. Never sent to a browser.
 */
import * as z from 'zod';

export const SiteConfig = z
  .object({
    /** Origins allowed to call the API: exact (`https://shop.example.com`) or wildcard subdomains (`https://*.example.com`). */
    origins: z.array(z.string().regex(/^(https?:\/\/(\*\.)?[^/\s*]+|\*)$/, 'an origin is scheme://host[:port] with no path, e.g. "https://shop.example.com"')).min(1),
  })
  .strict();
export type SiteConfig = z.infer<typeof SiteConfig>;
