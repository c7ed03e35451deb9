/**
 * The Node proxy as real processes, configured only through its settings: `env:NAME` secrets in the
 * config resolve from the process environment, two instances sharing INLET_SIGNING_SECRET accept
 * each other's continuation tokens, and a config refused at start-up exits 1 with one line per
 * problem, naming forms by id, having created nothing.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../demo/sandbox/server.ts';
import { hmacSign, importHmacKey, toHex } from '../../proxy/identity/hmac.ts';
import { ORIGIN, SANDBOX_KEY, sandboxUser } from '../runtimes/fixture.ts';
import { startProcess, type RunningProcess } from '../runtimes/process.ts';

const MAIN = resolve('proxy/adapters/node/main.ts');
const IDENTITY_SECRET = 'shop-backend-signing-secret';
const SITE_ADMIN_TOKEN = 'shop-admin-token-0123456789';

function twoStepConfig() {
  return {
    sites: {
      shop: {
        origins: [ORIGIN],
        identity: { signingSecret: 'env:SHOP_IDENTITY_SECRET' },
        adminToken: 'env:SHOP_ADMIN_TOKEN',
      },
    },
    forms: [
      {
        id: 'welcome',
        site: 'shop',
        steps: [
          // Optional: a signed-in visitor is identified by their signed external_id alone.
          { fields: [{ name: 'email', type: 'email' }] },
          { fields: [{ name: 'first_name', type: 'text', attribute: 'first_name' }] },
          { success: {} },
        ],
      },
    ],
  };
}

async function post(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/v1/submissions`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: ORIGIN }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('two Node proxies sharing INLET_SIGNING_SECRET, with env: secrets in the config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inlet-settings-'));
  let sandbox: RunningSandbox;
  let a: RunningProcess;
  let b: RunningProcess;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, apiKey: SANDBOX_KEY });
    writeFileSync(join(dir, 'inlet.config.json'), JSON.stringify(twoStepConfig()));
    const env = (name: string) => ({
      BRAZE_REST_ENDPOINT: sandbox.url,
      BRAZE_API_KEY: SANDBOX_KEY,
      INLET_CONFIG_FILE: join(dir, 'inlet.config.json'),
      INLET_SIGNING_SECRET: 'shared-continuation-secret-for-both',
      INLET_OUTBOX: join(dir, `${name}.sqlite`),
      SHOP_IDENTITY_SECRET: IDENTITY_SECRET,
      SHOP_ADMIN_TOKEN: SITE_ADMIN_TOKEN,
      PORT: '0',
    });
    [a, b] = await Promise.all([startProcess(process.execPath, [MAIN], env('a'), { cwd: dir }), startProcess(process.execPath, [MAIN], env('b'), { cwd: dir })]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with env: references resolved instead of reporting them as not set', () => {
    expect(a.output()).not.toMatch(/not set/);
    expect(a.url).not.toBe(b.url);
  });

  it('accepts on instance B the continuation instance A issued', async () => {
    const first = await post(a.url, { id: 'two-proc-1', site: 'shop', form: 'welcome', step: 0, fields: { email: 'grace@example.com' } });
    expect(first.status).toBe(202);
    expect(typeof first.body.continuation).toBe('string');
    const second = await post(b.url, { id: 'two-proc-2', site: 'shop', form: 'welcome', step: 1, continuation: first.body.continuation, fields: { first_name: 'Grace' } });
    expect(second).toMatchObject({ status: 202, body: { status: 'accepted' } });
    const deadline = Date.now() + 10_000;
    while ((await sandboxUser(sandbox.url, 'grace@example.com'))?.attributes.first_name !== 'Grace') {
      if (Date.now() > deadline) throw new Error('step 2 never reached the profile');
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it('verifies an external_id signed with the env: identity secret', async () => {
    const signature = toHex(await hmacSign(await importHmacKey(IDENTITY_SECRET), 'user-4711'));
    const response = await post(a.url, { id: 'two-proc-3', site: 'shop', form: 'welcome', step: 0, externalId: 'user-4711', signature, fields: {} });
    expect(response.status).toBe(202);
    const deadline = Date.now() + 10_000;
    while (!sandbox.sandbox.users().some((u) => u.external_id === 'user-4711')) {
      if (Date.now() > deadline) throw new Error('no profile with the signed external_id reached the sandbox');
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it('opens the admin routes to the env: site admin token', async () => {
    const response = await fetch(`${a.url}/v1/admin/dead-letters`, { headers: { authorization: `Bearer ${SITE_ADMIN_TOKEN}` } });
    expect(response.status).toBe(200);
  });
});

describe('a Node proxy given a config it must refuse', () => {
  it('exits 1 with one line per problem naming the form by id, no stack trace, and creates no outbox', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inlet-refused-'));
    try {
      const config = twoStepConfig();
      (config.forms[0]!.steps[0] as { fields: unknown[] }).fields.push({ name: 'age', type: 'no-such-type' });
      config.forms.push({ id: 'exit', site: 'shop', steps: [{ fields: 'not a list' }] } as never);
      writeFileSync(join(dir, 'inlet.config.json'), JSON.stringify(config));
      const run = spawnSync(process.execPath, [MAIN], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 10_000,
        env: { PATH: process.env.PATH, BRAZE_REST_ENDPOINT: 'http://127.0.0.1:9', BRAZE_API_KEY: 'k', INLET_CONFIG_FILE: join(dir, 'inlet.config.json'), SHOP_IDENTITY_SECRET: 'x', SHOP_ADMIN_TOKEN: 'y', PORT: '0' },
      });
      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(lines.some((l) => l.includes('forms[welcome].steps[0]'))).toBe(true);
      expect(lines.some((l) => l.includes('forms[exit].steps[0]'))).toBe(true);
      expect(lines).toHaveLength(2);
      expect(run.stderr).not.toMatch(/forms\[\d+\]/);
      expect(existsSync(join(dir, '.inlet'))).toBe(false);
      expect(readdirSync(dir)).toEqual(['inlet.config.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [{ BRAZE_API_KEY: 'k' }, /^BRAZE_REST_ENDPOINT/],
    [{ BRAZE_REST_ENDPOINT: 'not a url', BRAZE_API_KEY: 'k' }, /^BRAZE_REST_ENDPOINT/],
    [{ BRAZE_REST_ENDPOINT: 'http://127.0.0.1:9', BRAZE_API_KEY: 'k', PORT: 'eighty' }, /^PORT/],
    [{ BRAZE_REST_ENDPOINT: 'http://127.0.0.1:9', BRAZE_API_KEY: 'k', INLET_OUTBOX_SYNC: 'sometimes' }, /^INLET_OUTBOX_SYNC/],
  ])('stops on a missing or malformed setting with one line naming it and the fix (%o)', (env, first) => {
    const dir = mkdtempSync(join(tmpdir(), 'inlet-badenv-'));
    try {
      writeFileSync(join(dir, 'inlet.config.json'), JSON.stringify({ sites: { shop: { origins: [ORIGIN] } }, forms: [] }));
      // A proxy that starts anyway is stopped after 10 s: it should not have started.
      const run = spawnSync(process.execPath, [MAIN], { cwd: dir, encoding: 'utf8', timeout: 10_000, env: { PATH: process.env.PATH, PORT: '0', INLET_CONFIG_FILE: join(dir, 'inlet.config.json'), ...env } });
      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(first);
      expect(lines[0]).toMatch(/: .*(set|use|give|put)/i);
      expect(readdirSync(dir)).toEqual(['inlet.config.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
