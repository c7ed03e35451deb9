/**
 * Per-site Braze workspaces (issue 12, "Settings"): a site naming `braze: { endpoint, apiKey: "env:NAME" }`
 * delivers there, the others to the deployment's workspace, and no call ever carries two workspaces'
 * objects. Two sandboxes over real sockets are the two workspaces: the Node outbox worker, direct
 * delivery, and `npm run check`, which checks each workspace with its own key.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../demo/sandbox/server.ts';
import { parseConfig } from '../../proxy/config/inlet-config.ts';
import { createHandler } from '../../proxy/handler.ts';
import { createNodeDelivery } from '../../proxy/adapters/node/delivery.ts';
import { tempDir, until } from './helpers.ts';

const PROD_KEY = 'prod-workspace-key';
const TEST_KEY = 'test-workspace-key';
const ORIGIN = 'https://shop.example.com';
let prod: RunningSandbox;
let test: RunningSandbox;
const tmp = tempDir();

const rawConfig = () => ({
  sites: {
    shop: { origins: [ORIGIN] },
    // The same shop's test workspace, side by side, as Braze's onboarding guide advises.
    'shop-test': { origins: [ORIGIN], braze: { endpoint: test.url, apiKey: 'env:SHOP_TEST_BRAZE_KEY' } },
  },
  forms: ['shop', 'shop-test'].map((site) => ({ id: 'welcome', site, steps: [{ fields: [{ name: 'email', type: 'email', required: true }] }, { success: {} }] })),
});
const env = { SHOP_TEST_BRAZE_KEY: TEST_KEY };

const signUp = (handler: (r: Request) => Promise<Response>, site: string, i: number) =>
  handler(
    new Request('http://proxy.test/v1/submissions', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: ORIGIN },
      body: JSON.stringify({ id: `${site}-${i}-${Math.random().toString(36).slice(2, 8)}`, site, form: 'welcome', step: 0, fields: { email: `${site}-${i}@example.com` } }),
    }),
  );
const emailsIn = (sandbox: RunningSandbox) => sandbox.sandbox.users().map((u) => u.email).sort();
const trackBodies = (sandbox: RunningSandbox) => sandbox.sandbox.requests().filter((r) => r.path === '/users/track').map((r) => JSON.stringify(r.body));

beforeAll(async () => {
  prod = await startSandbox({ port: 0, apiKey: PROD_KEY });
  test = await startSandbox({ port: 0, apiKey: TEST_KEY });
});
afterAll(async () => {
  await Promise.all([prod.close(), test.close()]);
  tmp.remove();
});

describe('per-site Braze workspaces', () => {
  it('the Node outbox worker delivers each site to its own workspace, never both in one call', async () => {
    prod.sandbox.reset();
    test.sandbox.reset();
    const config = parseConfig(rawConfig(), { env });
    const node = await createNodeDelivery({ path: tmp.file('outbox.sqlite'), braze: { endpoint: prod.url, apiKey: PROD_KEY }, sites: config.sites });
    try {
      const handler = createHandler({ config, braze: { endpoint: prod.url, apiKey: PROD_KEY }, delivery: node.delivery });
      const answers = await Promise.all([...Array.from({ length: 20 }, (_, i) => signUp(handler, 'shop', i)), ...Array.from({ length: 20 }, (_, i) => signUp(handler, 'shop-test', i))]);
      expect(answers.map((a) => a.status)).toEqual(Array(40).fill(202));
      await until(() => emailsIn(prod).length === 20 && emailsIn(test).length === 20);
      expect(emailsIn(prod).every((e) => e!.startsWith('shop-') && !e!.startsWith('shop-test-'))).toBe(true);
      expect(emailsIn(test).every((e) => e!.startsWith('shop-test-'))).toBe(true);
      expect(trackBodies(prod).some((b) => b.includes('shop-test-'))).toBe(false);
      // Sign-ups of one workspace share calls: 20 sign-ups, 40 objects, fit in one call each way.
      expect(trackBodies(test).length).toBeLessThanOrEqual(2);
    } finally {
      await node.close();
    }
  });

  it('direct delivery (the edge runtimes without a queue) sends each site to its own workspace', async () => {
    prod.sandbox.reset();
    test.sandbox.reset();
    const handler = createHandler({ config: rawConfig(), env, braze: { endpoint: prod.url, apiKey: PROD_KEY } });
    expect((await signUp(handler, 'shop', 1)).status).toBe(202);
    expect((await signUp(handler, 'shop-test', 1)).status).toBe(202);
    expect(emailsIn(prod)).toEqual(['shop-1@example.com']);
    expect(emailsIn(test)).toEqual(['shop-test-1@example.com']);
  });

  it('refuses to start when the workspace key is not set, naming the site and the variable', () => {
    expect(() => parseConfig(rawConfig(), { env: {} })).toThrow(/sites\.shop-test\.braze\.apiKey: environment variable SHOP_TEST_BRAZE_KEY is not set/);
  });

  it('npm run check checks each workspace with its own key, and fails for the one that refuses it', async () => {
    const path = tmp.file('workspaces.json');
    writeFileSync(path, JSON.stringify(rawConfig()));
    const run = (vars: Record<string, string>) =>
      new Promise<{ code: number; out: string }>((resolve) =>
        execFile(process.execPath, ['proxy/cli/check.ts'], { env: { PATH: process.env.PATH, INLET_CONFIG_FILE: path, BRAZE_REST_ENDPOINT: prod.url, BRAZE_API_KEY: PROD_KEY, ...vars } }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, out: stdout + stderr }),
        ),
      );
    const good = await run({ SHOP_TEST_BRAZE_KEY: TEST_KEY });
    expect(good.out).toContain(`Braze workspace at ${prod.url} (site "shop"):`);
    expect(good.out).toContain(`Braze workspace at ${test.url} (site "shop-test"):`);
    expect(good.out.match(/✓ API key accepted by \/users\/track/g)).toHaveLength(2);
    expect(good.code).toBe(0);
    const bad = await run({ SHOP_TEST_BRAZE_KEY: 'the-production-key-by-mistake' });
    expect(bad.out).toMatch(new RegExp(`Braze workspace at ${test.url.replace(/[.:/]/g, '\\$&')} \\(site "shop-test"\\):\\n✗ /users/track answered HTTP 401`));
    expect(bad.code).toBe(1);
  });
});
