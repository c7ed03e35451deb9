import type { SiteEntry } from '../site-index.ts';

/**
 * How long a browser may keep the manifest: fresh for `MAX_AGE`, then served stale at most once more
 * while it revalidates within `STALE`. So a page view more than MAX_AGE + STALE seconds after a
 * publish reached the proxy gets the new forms (docs/studio.md, "When a publish reaches visitors").
 */
export const MANIFEST_MAX_AGE_SECONDS = 30;
export const MANIFEST_STALE_SECONDS = 30;

/** `GET /v1/sites/:site/forms`: the published manifest, revalidated cheaply with its ETag. */
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
