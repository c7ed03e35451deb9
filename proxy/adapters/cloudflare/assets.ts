/**
 * The widget files from the Workers static-assets binding, with the headers the host page needs:
 * CORS for module chunks fetched cross-origin, and long caching only for hashed names.
 */
import type { Fetcher } from './types.ts';

export function workerAssets(binding: Fetcher): (path: string) => Promise<Response | null> {
  return async (path) => {
    if (!/^\/[\w.-]+\.m?js$/.test(path)) return null;
    const found = await binding.fetch(new Request(new URL(path, 'https://assets.inlet.invalid')));
    if (!found.ok) return null;
    const headers = new Headers(found.headers);
    const hashed = /-[\w-]{8}\.m?js$/.test(path);
    headers.set('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    headers.set('access-control-allow-origin', '*');
    return new Response(found.body, { status: 200, headers });
  };
}

/** The built studio (`/studio/*` under the same static assets), following the assets' HTML redirects. */
export function workerStudioAssets(binding: Fetcher): (path: string) => Promise<Response | null> {
  return async (path) => {
    if (!/^\/studio\/[\w./-]+$/.test(path) || path.includes('..')) return null;
    let url = new URL(path, 'https://assets.inlet.invalid');
    for (let hop = 0; hop < 3; hop++) {
      const found = await binding.fetch(new Request(url, { redirect: 'manual' }));
      const location = found.headers.get('location');
      if (found.status >= 300 && found.status < 400 && location) {
        url = new URL(location, url);
        continue;
      }
      if (!found.ok) return null;
      const headers = new Headers(found.headers);
      headers.set('cache-control', path.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable');
      return new Response(found.body, { status: 200, headers });
    }
    return null;
  };
}
