/**
 * Serves the demo storefront. Pages carry `%INLET_URL%` where a site owner would write their
 * proxy's host, so the demo works on any port.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type RunningServer } from '../../proxy/adapters/node/server.ts';
import { TEMPLATES } from '../../templates/index.ts';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const TEMPLATE_IMAGES = fileURLToPath(new URL('../../templates/images/', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../docs/design/', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript' };
const IMAGES: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.webp': 'image/webp', '.jpg': 'image/jpeg' };

/** The gallery's list: id, names, description and layout of each template. */
const galleryList = () =>
  JSON.stringify(TEMPLATES.map((t) => ({ id: `tpl-${t.form.id}`, template: t.form.id, name: t.name, description: t.description, layout: t.form.layout })));

/** Template images (as a site would host them) and the screenshots of docs/design.md. */
async function image(path: string): Promise<Response | undefined> {
  const m = /^templates\/(images|shots)\/([\w-]+\.(svg|png|webp|jpg))$/.exec(path);
  if (!m) return undefined;
  const body = await readFile(join(m[1] === 'images' ? TEMPLATE_IMAGES : SHOTS, m[2]!)).catch(() => null);
  return body ? new Response(body, { headers: { 'content-type': IMAGES[extname(m[2]!)]!, 'cache-control': 'max-age=300' } }) : new Response('Not found', { status: 404 });
}

export function storefrontHandler(inletUrl: string, root = ROOT) {
  return async (request: Request): Promise<Response> => {
    let path = normalize(decodeURIComponent(new URL(request.url).pathname)).replace(/^([/\\]|\.\.)+/, '');
    if (path === 'templates/index.json') return new Response(galleryList(), { headers: { 'content-type': 'application/json' } });
    const served = await image(path);
    if (served) return served;
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
