import type { SiteEntry } from '../site-index.ts';

/** `GET /v1/sites/:site/forms`: the published manifest, revalidated cheaply with its ETag. */
export function serveForms(site: SiteEntry, request: Request): Response {
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    etag: site.etag,
    // Short freshness so a publish reaches visitors within a minute; the ETag makes revalidation a 304.
    'cache-control': 'public, max-age=60, stale-while-revalidate=600',
  };
  if (request.headers.get('if-none-match') === site.etag) return new Response(null, { status: 304, headers });
  return new Response(site.manifest, { status: 200, headers });
}
