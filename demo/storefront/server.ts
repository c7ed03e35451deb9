/**
 * Serves the demo storefront. Pages carry `%INLET_URL%` where a site owner would write their
 * proxy's host, so the demo works on any port.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type RunningServer } from '../../proxy/adapters/node/server.ts';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript' };

export function storefrontHandler(inletUrl: string, root = ROOT) {
  return async (request: Request): Promise<Response> => {
    let path = normalize(decodeURIComponent(new URL(request.url).pathname)).replace(/^([/\\]|\.\.)+/, '');
    if (path === '' || path.endsWith('/')) path += 'index.html';
    if (!(extname(path) in TYPES)) return new Response('Not found', { status: 404 });
    const body = await readFile(join(root, path), 'utf8').catch(() => null);
    if (body === null) return new Response('Not found', { status: 404 });
    return new Response(body.replaceAll('%INLET_URL%', inletUrl), { headers: { 'content-type': TYPES[extname(path)]!, 'cache-control': 'no-store' } });
  };
}

export function startStorefront(options: { inletUrl: string; port?: number; root?: string }): Promise<RunningServer> {
  return serve(storefrontHandler(options.inletUrl, options.root), { port: options.port, portSetting: 'DEMO_PORT' });
}
