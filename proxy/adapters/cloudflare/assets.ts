/** The widget files from the Workers static-assets binding, with the same headers as on every runtime. */
import type { Fetcher } from './cf.ts';
import { assetHeaders, widgetFileName } from '../../http/assets.ts';
import type { Assets } from '../../options.ts';

export function workerAssets(binding: Fetcher): Assets {
  return async (path, request) => {
    const name = widgetFileName(path);
    if (!name) return null;
    // Cloudflare compresses for the browser itself; the request's accept-encoding passes along.
    const found = await binding.fetch(new URL(path, 'https://assets.inlet.invalid'), { headers: { 'accept-encoding': request.headers.get('accept-encoding') ?? '' } });
    if (!found.ok) return null;
    const headers = assetHeaders(name);
    const encoding = found.headers.get('content-encoding');
    if (encoding) headers.set('content-encoding', encoding);
    return new Response(found.body as ReadableStream, { status: 200, headers });
  };
}

/** The built studio (`/studio/*` under the same static assets), following the assets' HTML redirects. */
export function workerStudioAssets(binding: Fetcher): (path: string) => Promise<Response | null> {
  return async (path) => {
    if (!/^\/studio\/[\w./-]+$/.test(path) || path.includes('..')) return null;
    let url = new URL(path, 'https://assets.inlet.invalid');
    for (let hop = 0; hop < 3; hop++) {
      const found = await binding.fetch(url, { redirect: 'manual' });
      const location = found.headers.get('location');
      if (found.status >= 300 && found.status < 400 && location) {
        url = new URL(location, url);
        continue;
      }
      if (!found.ok) return null;
      const headers = new Headers(found.headers);
      headers.set('cache-control', path.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable');
      return new Response(found.body as ReadableStream, { status: 200, headers });
    }
    return null;
  };
}
