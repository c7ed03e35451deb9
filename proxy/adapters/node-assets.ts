/**
 * Serves the built widget (dist/widget) from disk for the Node runtime.
 * Hashed chunks are immutable; `inlet.js` itself stays short-lived so a deploy reaches pages quickly.
 */
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json' };

export function fileAssets(dir: string): (path: string) => Promise<Response | null> {
  return async (path) => {
    const name = normalize(path).replace(/^[/\\]+/, '');
    if (!/^[\w.-]+\.m?js$/.test(name)) return null;
    const body = await readFile(join(dir, name)).catch(() => null);
    if (!body) return null;
    const hashed = /-[\w-]{8}\.m?js$/.test(name);
    return new Response(body, {
      headers: {
        'content-type': TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream',
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
        // The loader and chunks are fetched cross-origin by the host page (module scripts need CORS).
        'access-control-allow-origin': '*',
      },
    });
  };
}
