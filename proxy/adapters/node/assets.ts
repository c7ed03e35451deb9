/**
 * Serves the built widget (dist/widget) from disk, with the brotli or gzip copy `npm run build` wrote
 * beside each file when the browser accepts it. Each file is read once per process: every page view
 * asks for `inlet.js`, and a build is deployed by restarting the proxy, so the loader and the chunks
 * it names always come from the same build.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { acceptedEncodings, assetHeaders, widgetFileName } from '../../http/assets.ts';
import type { Assets } from '../../options.ts';

const SUFFIX = { br: '.br', gzip: '.gz' } as const;

export function fileAssets(dir: string): Assets {
  const files = new Map<string, Promise<Buffer<ArrayBuffer> | null>>();
  const read = (name: string) => {
    // Misses are not remembered: unknown names cost a failed read, not memory.
    let body = files.get(name);
    if (!body) {
      body = readFile(join(dir, name)).catch(() => null);
      files.set(name, body);
      body.then((b) => b ?? files.delete(name));
    }
    return body;
  };
  return async (path, request) => {
    const name = widgetFileName(path);
    if (!name) return null;
    const plain = await read(name);
    if (!plain) return null;
    const headers = assetHeaders(name);
    headers.set('vary', 'accept-encoding');
    for (const encoding of acceptedEncodings(request)) {
      const encoded = await read(name + SUFFIX[encoding]);
      if (!encoded) continue;
      headers.set('content-encoding', encoding);
      return new Response(encoded, { headers });
    }
    return new Response(plain, { headers });
  };
}
