/**
 * Serves the built studio (dist/widget/studio: index.html, preview.html, hashed assets) from disk.
 * Hashed files are immutable; the two pages are re-read on every request (they are tiny and name the hashes).
 */
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

export function studioFileAssets(dir: string): (path: string) => Promise<Response | null> {
  return async (path) => {
    if (!path.startsWith('/studio/')) return null;
    const name = normalize(path.slice('/studio/'.length));
    if (name.startsWith('..') || !/^[\w./-]+\.(js|css|html|json|svg|png)$/.test(name)) return null;
    const body = await readFile(join(dir, name)).catch(() => null);
    if (!body) return null;
    const ext = name.slice(name.lastIndexOf('.'));
    return new Response(body, { headers: { 'content-type': TYPES[ext]!, 'cache-control': ext === '.html' ? 'no-store' : 'public, max-age=31536000, immutable' } });
  };
}
