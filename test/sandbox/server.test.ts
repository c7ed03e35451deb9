import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../demo/sandbox/server.ts';

const track = (url: string, email: string) =>
  fetch(`${url}/users/track`, { method: 'POST', headers: { authorization: 'Bearer sandbox', 'content-type': 'application/json' }, body: JSON.stringify({ attributes: [{ email }] }) });

/** Starts `node demo/sandbox/main.ts` and resolves with its URL once it prints it. */
function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['demo/sandbox/main.ts'], { env: { ...process.env, SANDBOX_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${output}`)));
  });
  const stop = () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM')));
  return { url, stop };
}

describe('running the sandbox over HTTP', () => {
  it('startSandbox({port: 0}) serves the API and the inspection routes on 127.0.0.1', async () => {
    const server = await startSandbox({ port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await track(server.url, 'h@x.com')).status).toBe(201);
      const users = await (await fetch(`${server.url}/_sandbox/users`)).json();
      expect(users.users.map((u: { email: string }) => u.email)).toEqual(['h@x.com']);
    } finally {
      await server.close();
    }
  });

  it('node demo/sandbox/main.ts runs alone, reads SANDBOX_API_KEY, and keeps data across restarts with SANDBOX_PERSIST', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'inlet-sandbox-')), 'state.json');
    const first = runMain({ SANDBOX_PERSIST: file, SANDBOX_API_KEY: 'sandbox' });
    const url = await first.url;
    expect((await track(url, 'kept@x.com')).status).toBe(201);
    await first.stop();
    expect(JSON.parse(readFileSync(file, 'utf8')).state.profiles).toHaveLength(1);

    const second = runMain({ SANDBOX_PERSIST: file, SANDBOX_API_KEY: 'other', SANDBOX_FAULTS: '{"rates":{"503":0}}' });
    const again = await second.url;
    try {
      const users = await (await fetch(`${again}/_sandbox/users`)).json();
      expect(users.users.map((u: { email: string }) => u.email)).toEqual(['kept@x.com']);
      expect((await track(again, 'x@x.com')).status).toBe(401);
    } finally {
      await second.stop();
    }
  });

  it('main.ts refuses malformed SANDBOX_FAULTS with a message naming the fix', async () => {
    const bad = runMain({ SANDBOX_FAULTS: '{rates:' });
    await expect(bad.url).rejects.toThrow(/SANDBOX_FAULTS must be JSON/);
  });
});
