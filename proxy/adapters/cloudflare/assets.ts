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
