import * as z from 'zod';

/**
 * A link or media URL shown on customers' sites: `https:` or a path on the site itself (`/privacy`).
 * `javascript:`, `data:` and plain `http:` are refused, since a published form renders on every page.
 */
export const SafeUrl = z
  .string()
  .max(2048)
  .superRefine((value, ctx) => {
    const fail = (why: string) => ctx.addIssue({ code: 'custom', message: `${why}; use an https:// URL or a site-relative path such as "/privacy"` });
    if (/^\/(?!\/)/.test(value)) {
      if (/[\s\\]/.test(value)) fail(`"${value}" contains spaces or backslashes`);
      return;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return fail(`"${value.slice(0, 60)}" is not a URL`);
    }
    if (url.protocol !== 'https:') fail(`${url.protocol} URLs are not allowed here`);
  });
