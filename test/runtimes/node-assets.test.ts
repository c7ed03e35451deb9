/**
 * The Node proxy serves the widget precompressed: the brotli or gzip copy `npm run build` wrote, by
 * the browser's accept-encoding, with immutable caching for hashed files. Needs `npm run build`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileAssets } from '../../proxy/adapters/node/assets.ts';
import { serve, type RunningServer } from '../../proxy/adapters/node/server.ts';
import { createHandler } from '../../proxy/handler.ts';
import { signupConfig } from './fixture.ts';

const DIR = 'dist/widget';

/** A raw GET (fetch would decode the body and hide the wire size). */
function get(url: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Node adapter: the widget files on the wire', () => {
  let server: RunningServer;
  const plain = readFileSync(`${DIR}/inlet.js`);
  beforeAll(async () => {
    server = await serve(createHandler({ config: signupConfig(), braze: { endpoint: 'http://127.0.0.1:9', apiKey: 'k' }, assets: fileAssets(DIR) }), { port: 0 });
  });
  afterAll(() => server?.close());

  it('the build writes a brotli and a gzip copy beside every script', () => {
    const names = readdirSync(DIR);
    const scripts = names.filter((n) => /\.m?js$/.test(n));
    expect(scripts.length).toBeGreaterThan(3);
    for (const script of scripts) expect(names, script).toEqual(expect.arrayContaining([`${script}.br`, `${script}.gz`]));
  });

  it('sends inlet.js as brotli to a browser that accepts it, at the compressed size', async () => {
    const response = await get(`${server.url}/inlet.js`, 'gzip, deflate, br, zstd');
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(response.body).equals(plain)).toBe(true);
    expect(response.body.length).toBeLessThan(plain.length / 2);
    console.log(`inlet.js on the wire: ${response.body.length} B brotli, ${plain.length} B uncompressed`);
  });

  it('sends gzip when brotli is not accepted, and the plain file when nothing is', async () => {
    const gzip = await get(`${server.url}/inlet.js`, 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain)).toBe(true);
    const none = await get(`${server.url}/inlet.js`);
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.equals(plain)).toBe(true);
    const refused = await get(`${server.url}/inlet.js`, 'br;q=0, gzip;q=0');
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('caches hashed chunks for a year, immutable, and the loader briefly', async () => {
    const chunk = readdirSync(DIR).find((n) => /^ui-[\w-]{8}\.js$/.test(n))!;
    const hashed = await get(`${server.url}/${chunk}`, 'br');
    expect(hashed.status).toBe(200);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(hashed.headers['access-control-allow-origin']).toBe('*');
    expect((await get(`${server.url}/inlet.js`, 'br')).headers['cache-control']).toBe('public, max-age=300');
  });

  it('never serves the compressed copies or other files by their own names', async () => {
    expect((await get(`${server.url}/inlet.js.br`)).status).toBe(404);
    expect((await get(`${server.url}/.vite/manifest.json`)).status).toBe(404);
  });
});
