/**
 * `/v1/preview/<token>/…`: where the widget talks when a page was opened with a studio preview link
 * (widget/core/runtime.ts puts every request under this prefix). Under it the proxy's own routes run
 * unchanged, on the site the token names, with the form's current draft in place of its live
 * version; submissions are checked exactly as real ones and answered as accepted, but go to a
 * delivery that keeps nothing, so nothing is stored and nothing reaches Braze. Any other call (an
 * analytics beacon) is answered 204 and dropped. A bad or expired token, or one for another site,
 * is refused with the reason.
 */
import { Hono } from 'hono/tiny';
import type { Delivery } from '../delivery/types.ts';
import { HttpError } from '../errors.ts';
import { siteCors } from '../http/cors.ts';
import type { ProxyEnv } from '../http/env.ts';
import type { ResolvedOptions } from '../options.ts';
import { formsRoutes } from '../routes/forms.ts';
import { submissionRoutes } from '../routes/submissions.ts';
import type { SiteEntry } from '../site-index.ts';

/** Accepts every submission and keeps none: the preview's sign-ups go nowhere. */
const nowhere: Delivery = { submit: async () => ({ status: 'accepted' }) };

export interface PreviewSource {
  /** The sites as the token's holder sees them (the draft in place), or why the token is refused. */
  previewSites(token: string): Promise<{ sites: Map<string, SiteEntry>; site: string } | { refused: 'invalid' | 'expired' }>;
}

export function previewRoutes(source: PreviewSource, options: ResolvedOptions) {
  return new Hono<ProxyEnv>().all('/:token{[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+}/*', async (c) => {
    const token = c.req.param('token');
    const found = await source.previewSites(token);
    if ('refused' in found) {
      throw found.refused === 'expired'
        ? new HttpError(401, 'unauthorized', 'This preview link has expired (they last an hour): make a new one in the studio.')
        : new HttpError(401, 'unauthorized', 'This preview link is not valid: make a new one in the studio.');
    }
    const inner = new Hono<ProxyEnv>();
    inner.onError((error) => (error instanceof HttpError ? error.toResponse() : new HttpError(500, 'internal_error', 'The preview failed inside the proxy; nothing was kept.').toResponse()));
    inner.use('*', siteCors());
    // Site-bound: the token's site only; another site's forms are not in its map.
    const sites = async () => found.sites;
    inner.use('/v1/sites/:site/*', async (c2, next) => {
      if (c2.req.param('site') !== found.site) throw new HttpError(403, 'forbidden', `This preview link is for site "${found.site}".`);
      await next();
      c2.header('cache-control', 'no-store');
    });
    inner.route('/v1/sites', formsRoutes(sites));
    inner.route('/v1/submissions', submissionRoutes(options, nowhere, sites));
    inner.all('*', (c2) => (c2.req.method === 'POST' ? new Response(null, { status: 204 }) : new HttpError(404, 'not_found', 'Nothing here in a preview.').toResponse()));
    const url = new URL(c.req.url);
    url.pathname = url.pathname.slice(url.pathname.indexOf(token) + token.length) || '/';
    const method = c.req.method;
    const body = method === 'GET' || method === 'HEAD' ? undefined : await c.req.arrayBuffer();
    return inner.fetch(new Request(url, { method, headers: c.req.raw.headers, body }), c.env);
  });
}
