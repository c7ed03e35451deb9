/**
 * Serves the built widget (dist/widget) from disk for the Node runtime.
 * Hashed chunks are immutable; `inlet.js` itself stays short-lived so a deploy reaches pages quickly.
 * Each file is read once per process: every page view asks for `inlet.js`, and a build is deployed by
 * restarting the proxy, so the loader and the chunks it names always come from the same build.
 */
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json' };

export function fileAssets(dir: string): (path: string) => Promise<Response | null> {
  const files = new Map<string, Promise<Buffer<ArrayBuffer> | null>>();
  return async (path) => {
    const name = normalize(path).replace(/^[/\\]+/, '');
    if (!/^[\w.-]+\.m?js$/.test(name)) return null;
    // Misses are not remembered: unknown names cost a failed read, not memory.
    let read = files.get(name);
    if (!read) {
      read = readFile(join(dir, name)).catch(() => null);
      files.set(name, read);
      read.then((body) => body ?? files.delete(name));
    }
    const body = await read;
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
