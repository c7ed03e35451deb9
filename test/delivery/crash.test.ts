/**
 * Must-show: the Node proxy is killed with SIGKILL in the middle of a burst; once restarted on the
 * same outbox file, every submission that had received 202 reaches Braze.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../demo/sandbox/server.ts';
import { API_KEY, tempDir, until } from './helpers.ts';

const BURST = 600;

interface Proxy {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
}

describe('a proxy killed mid-burst', () => {
  const tmp = tempDir();
  const outbox = tmp.file('outbox.sqlite');
  let sandbox: RunningSandbox;
  let accepted: string[] = [];
  let deliveredAtKill = 0;
  let restarted: Proxy | undefined;

  function startProxy(): Promise<Proxy> {
    const child = spawn(process.execPath, ['proxy/adapters/node/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        INLET_CONFIG_FILE: tmp.file('inlet.config.json'),
        INLET_WIDGET_DIR: tmp.dir,
        INLET_OUTBOX: outbox,
        BRAZE_REST_ENDPOINT: sandbox.url,
        BRAZE_API_KEY: API_KEY,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const url = /listening on (http:\/\/[\d.:]+)/.exec(out)?.[1];
        if (url) resolve({ child, url, exited });
      });
      child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`proxy exited (${code}) before listening:\n${out}`)));
    });
  }

  const emailOf = (i: number) => `crash-${i}@example.com`;

  beforeAll(async () => {
    // Slow Braze, so plenty is still queued or in flight when the proxy dies.
    sandbox = await startSandbox({ port: 0, apiKey: API_KEY, faults: { latencyMs: 300 }, maxLoggedRequests: 10_000 });
    const site = { origins: ['https://shop.example.com'], rateLimit: { perIpPerMinute: 100_000 } };
    const form = { id: 'welcome', site: 'shop', steps: [{ fields: [{ name: 'email', type: 'email', required: true }] }, { success: {} }] };
    writeFileSync(tmp.file('inlet.config.json'), JSON.stringify({ sites: { shop: site }, forms: [form] }));

    const first = await startProxy();
    let next = 0;
    const sendOne = async (): Promise<void> => {
      const i = next++;
      if (i >= BURST) return;
      const id = `crash-${String(i).padStart(5, '0')}`;
      const body = JSON.stringify({ id, site: 'shop', form: 'welcome', step: 0, fields: { email: emailOf(i) } });
      const response = await fetch(`${first.url}/v1/submissions`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body }).catch(() => undefined);
      if (response?.status === 202) accepted.push(id);
      if (accepted.length === BURST / 2 && first.child.exitCode === null) {
        first.child.kill('SIGKILL');
        deliveredAtKill = sandbox.sandbox.users().length;
      }
      if (first.child.exitCode === null && !first.child.killed) return sendOne();
    };
    await Promise.all(Array.from({ length: 16 }, sendOne));
    await first.exited;
    accepted = [...new Set(accepted)];

    restarted = await startProxy();
    const wanted = new Set(accepted.map((id) => emailOf(Number(id.slice(6)))));
    await until(() => sandbox.sandbox.users().filter((u) => wanted.has(u.email!)).length === wanted.size, 30_000, 100);
  }, 60_000);

  afterAll(async () => {
    restarted?.child.kill('SIGTERM');
    await restarted?.exited;
    await sandbox?.close();
    tmp.remove();
  });

  it('was killed with accepted sign-ups not yet in Braze', () => {
    expect(accepted.length).toBeGreaterThanOrEqual(BURST / 2);
    expect(deliveredAtKill).toBeLessThan(accepted.length);
  });

  it('delivered every submission that had received 202 after the restart', () => {
    const users = new Map(sandbox.sandbox.users().map((u) => [u.email, u]));
    const missing = accepted.filter((id) => !users.get(emailOf(Number(id.slice(6))))?.events.length);
    expect(missing).toEqual([]);
  });
});
