import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../demo/sandbox/server.ts';
import { createHandler } from '../../proxy/handler.ts';
import { serve, type RunningServer } from '../../proxy/adapters/node/server.ts';
import { createNodeDelivery, type NodeDelivery } from '../../proxy/adapters/node/delivery.ts';
import { expectSignedUp, ORIGIN, SANDBOX_KEY, signup, signupConfig, submit, trackCalls, waitForUser } from './fixture.ts';
import { startProcess, type RunningProcess } from './process.ts';

describe('Node adapter, as its own process (proxy/adapters/node/main.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inlet-node-'));
  let sandbox: RunningSandbox;
  let proxy: RunningProcess;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, apiKey: SANDBOX_KEY });
    writeFileSync(join(dir, 'inlet.config.json'), JSON.stringify(signupConfig()));
    // Run from the temporary folder, so whatever files the proxy keeps by default land there.
    proxy = await startProcess(process.execPath, [resolve('proxy/adapters/node/main.ts')], {
      BRAZE_REST_ENDPOINT: sandbox.url,
      BRAZE_API_KEY: SANDBOX_KEY,
      INLET_CONFIG_FILE: join(dir, 'inlet.config.json'),
      HOST: '127.0.0.1',
      PORT: '0',
    }, { cwd: dir });
  });
  afterAll(async () => {
    await proxy?.stop();
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a sign-up with 202 and the profile, its email consent and proof event reach the sandbox', async () => {
    const { email, body } = signup('node');
    const response = await submit(proxy.url, body);
    expect(response.status).toBe(202);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await response.json()).toEqual({ id: body.id, status: 'accepted' });
    expectSignedUp(await waitForUser(sandbox.url, email));
  });
});

describe('Node adapter with the SQLite outbox: submission → outbox → batch → Braze', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inlet-outbox-'));
  let sandbox: RunningSandbox;
  let delivery: NodeDelivery;
  let server: RunningServer;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, apiKey: SANDBOX_KEY });
    // A generous linger so the sign-ups below, sent together, share one call even on a busy machine.
    delivery = await createNodeDelivery({ path: join(dir, 'outbox.sqlite'), braze: { endpoint: sandbox.url, apiKey: SANDBOX_KEY }, worker: { lingerMs: 500 } });
    server = await serve(createHandler({ config: signupConfig(), braze: { endpoint: sandbox.url, apiKey: SANDBOX_KEY }, delivery: delivery.delivery }), { port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await delivery?.close();
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 202 once stored, then delivers the sign-ups in one batched call with their consent', async () => {
    const signups = ['Ada', 'Grace', 'Edsger'].map((first) => ({ first, ...signup('outbox', first) }));
    const responses = await Promise.all(signups.map((s) => submit(server.url, s.body)));
    expect(responses.map((r) => r.status)).toEqual([202, 202, 202]);
    for (const s of signups) expectSignedUp(await waitForUser(sandbox.url, s.email), s.first);
    const calls = (await trackCalls(sandbox.url)).filter((emails) => emails.some((e) => signups.some((s) => s.email === e)));
    expect(calls.map((emails) => [...emails].sort())).toEqual([signups.map((s) => s.email).sort()]);
  });
});
