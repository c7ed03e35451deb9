/**
 * The reference page and its variants, served on 127.0.0.1:
 *  - the demo storefront's home page, with its Inlet script tag swapped per variant;
 *  - a "CDN" origin serving the built widget and the Braze SDK bundle, compressed (brotli or gzip,
 *    whichever the browser accepts) with the cache headers a CDN would keep, and answering the Braze
 *    SDK's data requests (its `baseUrl` points here);
 *  - the Inlet proxy (manifest only: nothing is submitted) over a Braze sandbox.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createHandler } from '../../proxy/handler.ts';
import { serve, type RunningServer } from '../../proxy/adapters/node/server.ts';
import { startSandbox } from '../../demo/sandbox/server.ts';
import { benchConfig, IDLE_SITE, OPEN_SITE } from './bench-config.ts';
import type { BrazeBundle } from './braze-bundle.ts';

export const VARIANTS = ['none', 'inlet', 'inlet-open', 'braze'] as const;
export type Variant = (typeof VARIANTS)[number];

export const VARIANT_LABELS: Record<Variant, string> = {
  none: 'no widget',
  inlet: 'Inlet loader (before trigger)',
  'inlet-open': 'Inlet, pop-up open',
  braze: 'Braze Web SDK initialised',
};

const STOREFRONT = fileURLToPath(new URL('../../demo/storefront/', import.meta.url));
const INLET_TAG = /<script src="%INLET_URL%\/inlet\.js"[^>]*><\/script>/;
const BRAZE_KEY = '00000000-0000-4000-8000-00000000beef';

export interface PageFixtures {
  url(variant: Variant): string;
  cdn: string;
  proxy: string;
  /** Content-encodings the CDN served, with counts (to state what "bytes transferred" means). */
  encodings: Record<string, number>;
  /** Data requests the Braze SDK sent to its (local) endpoint. */
  brazeDataRequests(): number;
  close(): Promise<void>;
}

function scriptTag(variant: Variant, cdn: string, proxy: string, braze: BrazeBundle): string {
  switch (variant) {
    case 'none':
      return '';
    case 'inlet':
    case 'inlet-open':
      return `<script src="${cdn}/inlet.js" data-api="${proxy}" data-site="${variant === 'inlet' ? IDLE_SITE : OPEN_SITE}" async></script>`;
    case 'braze':
      return `<script src="${cdn}/${braze.name}" data-api-key="${BRAZE_KEY}" data-base-url="${cdn}" async></script>`;
  }
}

export async function startPageFixtures(options: { widgetDir: string; braze: BrazeBundle }): Promise<PageFixtures> {
  const encodings: Record<string, number> = {};
  const compressed = new Map<string, Uint8Array>();
  let dataRequests = 0;

  const fromCdn = async (request: Request, name: string): Promise<Response> => {
    const cors = { 'access-control-allow-origin': '*' };
    if (name === 'api/v3/data/' || name === 'api/v3/data') {
      if (request.method === 'OPTIONS') {
        return new Response(null, { status: 204, headers: { ...cors, 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST' } });
      }
      dataRequests += 1;
      await request.arrayBuffer();
      return Response.json({}, { headers: cors });
    }
    if (!/^[\w.-]+\.m?js$/.test(name)) return new Response('Not found', { status: 404 });
    const raw = name === options.braze.name ? options.braze.code : await readFile(join(options.widgetDir, name)).catch(() => null);
    if (!raw) return new Response('Not found', { status: 404 });
    const accept = request.headers.get('accept-encoding') ?? '';
    const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : 'identity';
    encodings[encoding] = (encodings[encoding] ?? 0) + 1;
    let body = raw;
    if (encoding !== 'identity') {
      const key = `${encoding}:${name}`;
      if (!compressed.has(key)) {
        compressed.set(key, encoding === 'br' ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(raw, { level: 9 }));
      }
      body = compressed.get(key)!;
    }
    const hashed = /-[\w-]{8}\.m?js$/.test(name);
    return new Response(body as BodyInit, {
      headers: {
        ...cors,
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
        vary: 'accept-encoding',
        ...(encoding !== 'identity' && { 'content-encoding': encoding }),
      },
    });
  };

  const sandbox = await startSandbox({ port: 0, apiKey: 'bench' });
  let handler: ((r: Request) => Promise<Response>) | undefined;
  const proxy = await serve((r) => handler!(r), { port: 0 });
  let cdnUrl = '';
  const cdn = await serve((r) => fromCdn(r, new URL(r.url).pathname.slice(1)), { port: 0 });
  cdnUrl = cdn.url;

  const page: RunningServer = await serve(async (request) => {
    const path = new URL(request.url).pathname;
    if (path === '/shop.css') {
      return new Response(await readFile(join(STOREFRONT, 'shop.css')), { headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-store' } });
    }
    const variant = /^\/(none|inlet|inlet-open|braze)\/$/.exec(path)?.[1] as Variant | undefined;
    if (!variant) return new Response('Not found', { status: 404 });
    const html = await readFile(join(STOREFRONT, 'index.html'), 'utf8');
    if (!INLET_TAG.test(html)) throw new Error('demo/storefront/index.html no longer has the Inlet script tag the bench swaps');
    return new Response(html.replace(INLET_TAG, scriptTag(variant, cdnUrl, proxy.url, options.braze)), {
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    });
  }, { port: 0 });

  handler = createHandler({ config: benchConfig({ origins: [page.url] }), braze: { endpoint: sandbox.url, apiKey: 'bench' } });

  return {
    url: (variant) => `${page.url}/${variant}/`,
    cdn: cdn.url,
    proxy: proxy.url,
    encodings,
    brazeDataRequests: () => dataRequests,
    async close() {
      await Promise.all([page.close(), cdn.close(), proxy.close(), sandbox.close()]);
    },
  };
}
