import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../demo/sandbox/server.ts';
import { expectSignedUp, ORIGIN, SANDBOX_KEY, sandboxUser, signup, signupConfig, submit } from './fixture.ts';
import { startProcess, type RunningProcess } from './process.ts';

const DENO = resolve('node_modules/.bin/deno');

/** Runs an adapter with `deno serve` (the npm `deno` package, pinned) on a free port of 127.0.0.1. */
function denoServe(entry: string, sandboxUrl: string): Promise<RunningProcess> {
  return startProcess(DENO, ['serve', '--allow-net=127.0.0.1', '--allow-env', '--host', '127.0.0.1', '--port', '0', entry], {
    DENO_NO_UPDATE_CHECK: '1',
    NO_COLOR: '1',
    BRAZE_REST_ENDPOINT: sandboxUrl,
    BRAZE_API_KEY: SANDBOX_KEY,
    INLET_CONFIG: JSON.stringify(signupConfig()),
  });
}

describe.each([
  ['Deno', 'proxy/adapters/deno/index.ts'],
  // Netlify's edge runs Deno; the fixture gives it Netlify's `Netlify.env` and `(request, context)` call.
  ['Netlify Edge (on Deno)', 'test/runtimes/fixtures/netlify-on-deno.ts'],
])('%s adapter, in real Deno', (runtime, entry) => {
  let sandbox: RunningSandbox;
  let proxy: RunningProcess;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, apiKey: SANDBOX_KEY });
    proxy = await denoServe(entry, sandbox.url);
  });
  afterAll(async () => {
    await proxy?.stop();
    await sandbox?.close();
  });

  it('accepts a sign-up with 202 once Braze took it: profile, email consent and proof event are in the sandbox', async () => {
    const { email, body } = signup(runtime.startsWith('Deno') ? 'deno' : 'netlify');
    const response = await submit(proxy.url, body);
    expect(response.status).toBe(202);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await response.json()).toEqual({ id: body.id, status: 'accepted' });
    // Direct delivery: the profile exists as soon as the 202 arrived.
    expectSignedUp(await sandboxUser(sandbox.url, email));
  });

  it('answers 400 with the field errors for an invalid email', async () => {
    const { body } = signup('deno');
    const response = await submit(proxy.url, { ...body, fields: { email: 'nope' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { fields: Record<string, unknown> }).fields).toEqual({ email: [{ code: 'invalid_email', message: 'Enter a valid email address.' }] });
  });
});
