/**
 * `npm start` (demo/start.ts) as a process: it honours INLET_CONFIG, and a second one on a port that is
 * taken stops with one line naming the port and the variable that changes it, not an EADDRINUSE stack.
 */
import { createServer, type Server } from 'node:net';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, type RunningProcess } from '../runtimes/process.ts';

const START = resolve('demo/start.ts');
const dir = mkdtempSync(join(tmpdir(), 'inlet-start-'));
const env = (extra: Record<string, string>) => ({ INLET_OUTBOX: join(dir, 'outbox.sqlite'), SANDBOX_PERSIST: join(dir, 'sandbox.json'), INLET_WIDGET_DIR: resolve('dist/widget'), PORT: '0', SANDBOX_PORT: '0', DEMO_PORT: '0', ...extra });

describe('npm start', () => {
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => {
    blocker.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['PORT', 'SANDBOX_PORT', 'DEMO_PORT'])('names the port and %s when the port is taken', (variable) => {
    const run = spawnSync(process.execPath, [START], { encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH, ...env({ [variable]: String(port) }) } });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`port ${port}`);
    expect(lines[0]).toMatch(new RegExp(`^${variable}: .*set ${variable} to a free port`));
  });

  describe('with INLET_CONFIG', () => {
    let demo: RunningProcess;
    beforeAll(async () => {
      const config = { sites: { mine: { origins: ['https://mine.example.org'] } }, forms: [{ id: 'hello', site: 'mine', steps: [{ fields: [{ name: 'email', type: 'email' }] }, { success: {} }] }] };
      demo = await startProcess(process.execPath, [START], env({ INLET_CONFIG: JSON.stringify(config) }));
    }, 30_000);
    afterAll(() => demo?.stop());

    it('serves the forms and origins of that config', async () => {
      const proxy = /Inlet proxy\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(demo.output())![1]!;
      const response = await fetch(`${proxy}/v1/sites/mine/forms`, { headers: { origin: 'https://mine.example.org' } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { forms: { id: string }[] }).forms.map((f) => f.id)).toEqual(['hello']);
      expect((await fetch(`${proxy}/v1/sites/demo/forms`)).status).toBe(404);
    });
  });
});
