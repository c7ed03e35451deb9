/** `GET /v1/sites/:site/forms`: the published manifest, revalidated cheaply with its ETag. */
import { Hono } from 'hono/tiny';
import { HttpError } from '../errors.ts';
import { checkOrigin, methodNotAllowed } from '../http/cors.ts';
import type { ProxyEnv } from '../http/env.ts';
import type { SiteEntry } from '../site-index.ts';

/** The sites as they are now: fixed by the config file, or the studio's live versions (they change on publish). */
export type SitesSource = () => Promise<Map<string, SiteEntry>>;

/**
 * How long a browser may keep the manifest: fresh for `MAX_AGE`, then served stale at most once more
 * while it revalidates within `STALE`. So a page view more than MAX_AGE + STALE seconds after a
 * publish reached the proxy gets the new forms (docs/studio.md, "When a publish reaches visitors").
 */
export const MANIFEST_MAX_AGE_SECONDS = 30;
export const MANIFEST_STALE_SECONDS = 30;

export function formsRoutes(sites: SitesSource) {
  return new Hono<ProxyEnv>().all('/:site{[a-z0-9-]{1,64}}/forms', async (c) => {
    const id = c.req.param('site');
    const site = (await sites()).get(id);
    if (!site) throw new HttpError(404, 'unknown_site', `No site "${id}" is configured.`);
    c.set('site', site);
    checkOrigin(site, c.req.header('origin'));
    if (c.req.method === 'OPTIONS') return new Response(null, { status: 204 });
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') throw methodNotAllowed('GET');
    return serveForms(site, c.req.raw);
  });
}

export function serveForms(site: SiteEntry, request: Request): Response {
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    etag: site.etag,
    // Short freshness so a publish reaches visitors within a minute; the ETag makes revalidation a 304.
    'cache-control': `public, max-age=${MANIFEST_MAX_AGE_SECONDS}, stale-while-revalidate=${MANIFEST_STALE_SECONDS}`,
  };
  if (request.headers.get('if-none-match') === site.etag) return new Response(null, { status: 304, headers });
  return new Response(site.manifest, { status: 200, headers });
}
