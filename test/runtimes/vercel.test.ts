import { build } from 'esbuild';
import { EdgeRuntime, runServer } from 'edge-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../demo/sandbox/server.ts';
import { expectSignedUp, ORIGIN, SANDBOX_KEY, sandboxUser, signup, signupConfig, submit } from './fixture.ts';

/**
 * Vercel's edge runs scripts, not modules: bundle the adapter as Vercel does (edge conditions,
 * one file), expose its default export, and dispatch fetch events to it. Variables arrive on
 * `process.env` as on Vercel.
 */
async function vercelBundle(): Promise<string> {
  const result = await build({
    entryPoints: ['proxy/adapters/vercel/index.ts'],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__inlet',
    platform: 'browser',
    conditions: ['edge-light', 'worker', 'browser'],
    target: 'es2022',
    logLevel: 'silent',
  });
  return `${result.outputFiles[0]!.text}
addEventListener('fetch', (event) => event.respondWith(__inlet.default(event.request)));`;
}

describe('Vercel Edge adapter, in edge-runtime', () => {
  let sandbox: RunningSandbox;
  let server: Awaited<ReturnType<typeof runServer>>;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, apiKey: SANDBOX_KEY });
    const env = { BRAZE_REST_ENDPOINT: sandbox.url, BRAZE_API_KEY: SANDBOX_KEY, INLET_CONFIG: JSON.stringify(signupConfig()) };
    const runtime = new EdgeRuntime({
      initialCode: await vercelBundle(),
      extend: (context) => Object.assign(context, { process: { env } }),
    });
    server = await runServer({ runtime, port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    await sandbox?.close();
  });

  it('runs inside the edge runtime, not Node', async () => {
    const runtime = new EdgeRuntime();
    expect(runtime.evaluate('typeof EdgeRuntime')).toBe('string');
    expect(runtime.evaluate('typeof require')).toBe('undefined');
  });

  it('accepts a sign-up with 202 once Braze took it: profile, email consent and proof event are in the sandbox', async () => {
    const { email, body } = signup('vercel');
    const response = await submit(server.url.replace(/\/$/, ''), body);
    expect(response.status).toBe(202);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await response.json()).toEqual({ id: body.id, status: 'accepted' });
    expectSignedUp(await sandboxUser(sandbox.url, email));
  });

  it('serves the published forms with an ETag and answers 304 to it', async () => {
    const url = `${server.url.replace(/\/$/, '')}/v1/sites/shop/forms`;
    const first = await fetch(url, { headers: { origin: ORIGIN } });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect((await fetch(url, { headers: { origin: ORIGIN, 'if-none-match': etag } })).status).toBe(304);
  });
});
