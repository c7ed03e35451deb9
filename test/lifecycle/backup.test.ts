/**
 * Backup while running: a real Node proxy process takes a burst of sign-ups over HTTP while
 * `npm run backup` copies its SQLite file; the copy, restored as docs/data.md says, opens and holds
 * every sign-up answered 202 before the backup began.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../demo/sandbox/server.ts';
import { openOutboxFile } from '../../proxy/adapters/node/delivery.ts';
import { startProcess, type RunningProcess } from '../runtimes/process.ts';
import { tempDir } from '../delivery/helpers.ts';
import { lifecycleConfig, SANDBOX_KEY, submissionId, submit } from './helpers.ts';

const TOTAL = 240;
const CONCURRENCY = 16;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('npm run backup during a burst of sign-ups', () => {
  const tmp = tempDir();
  const procs: RunningProcess[] = [];
  let sandbox: RunningSandbox;
  afterAll(async () => {
    for (const p of procs) await p.stop();
    await sandbox?.close();
    tmp.remove();
  });

  const proxyOn = async (outbox: string) => {
    const proxy = await startProcess(process.execPath, [resolve('proxy/adapters/node/main.ts')], {
      BRAZE_REST_ENDPOINT: sandbox.url,
      BRAZE_API_KEY: SANDBOX_KEY,
      INLET_CONFIG_FILE: tmp.file('inlet.config.json'),
      INLET_OUTBOX: outbox,
      HOST: '127.0.0.1',
      PORT: '0',
    });
    procs.push(proxy);
    return proxy;
  };

  it('restores to a store that opens and holds every 202 answered before the backup began', async () => {
    // Braze answers slowly, so the outbox holds pending rows as well as delivered ones.
    sandbox = await startSandbox({ port: 0, apiKey: SANDBOX_KEY, faults: { latencyMs: 20 } });
    writeFileSync(tmp.file('inlet.config.json'), JSON.stringify(lifecycleConfig()));
    const live = tmp.file('live/outbox.sqlite');
    const proxy = await proxyOn(live);

    const accepted: string[] = [];
    let backupRunning = false;
    let acceptedDuringBackup = 0;
    let next = 0;
    let acceptedBefore: string[] | undefined;
    let backup: Promise<{ code: number | null; stdout: string; stderr: string }> | undefined;
    const target = tmp.file('backups/copy.sqlite');

    async function lane(): Promise<void> {
      while (next < TOTAL) {
        next += 1;
        const id = submissionId('burst');
        const response = await submit(proxy.url, { id, site: 'shop', form: 'welcome', step: 0, fields: { email: `${id}@example.com`, first_name: 'Burst', news: true }, consentVersions: { news: 'v1' } });
        if (response.status !== 202) throw new Error(`sign-up answered ${response.status}: ${JSON.stringify(response.body)}`);
        accepted.push(id);
        if (backupRunning) acceptedDuringBackup += 1;
        if (!backup && accepted.length >= TOTAL / 3) {
          // Everything answered so far is "before the backup began".
          acceptedBefore = [...accepted];
          backupRunning = true;
          backup = run([resolve('proxy/cli/backup.ts'), '--outbox', live, '--to', target]).finally(() => (backupRunning = false));
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    const result = await backup!;
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).toMatch(/^Backup of .* begun at .* written to .*copy\.sqlite\nrows: .*outbox \d+/);
    expect(accepted).toHaveLength(TOTAL);
    // The burst went on while the copy was taken.
    expect(acceptedDuringBackup).toBeGreaterThan(0);
    console.log(`backup: ${acceptedBefore!.length} accepted before it began, ${acceptedDuringBackup} while it ran, ${TOTAL} in all`);

    // Restore (docs/data.md, "Restore"): the proxy stopped, the copy put where INLET_OUTBOX points.
    const restoredDir = tmp.file('restored');
    mkdirSync(restoredDir, { recursive: true });
    const restored = join(restoredDir, 'outbox.sqlite');
    copyFileSync(target, restored);
    const { db } = openOutboxFile(restored);
    const ids = new Set(db.prepare('SELECT id FROM outbox').all().map((r) => String(r.id)));
    const integrity = db.prepare('PRAGMA integrity_check').get()?.integrity_check;
    db.close();
    expect(integrity).toBe('ok');
    const missing = acceptedBefore!.filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
    expect(ids.size).toBeGreaterThanOrEqual(acceptedBefore!.length);

    // And a proxy starts on the restored file and serves.
    const again = await proxyOn(restored);
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
  }, 90_000);
});
