import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../demo/sandbox/server.ts';
import { createHandler } from '../../proxy/index.ts';
import { createNodeDelivery, type NodeDelivery } from '../../proxy/adapters/node/delivery.ts';
import { serve, type RunningServer } from '../../proxy/adapters/node/server.ts';
import { tempDir, until } from '../delivery/helpers.ts';
import { httpClient } from './http-client.ts';
import { FALLBACK, offersConfig, ORIGIN, poolCodes, signupBody, type OfferAnswer } from './fixture.ts';

const API_KEY = 'offers-node-key';

describe('code pools on Node: the real proxy over HTTP, the SQLite outbox file, the Braze sandbox', () => {
  const tmp = tempDir();
  let sandbox: RunningSandbox;
  let node: NodeDelivery;
  let proxy: RunningServer;
  const warnings: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ apiKey: API_KEY, maxLoggedRequests: 100_000 });
    node = await createNodeDelivery({ path: tmp.file('offers.sqlite'), braze: { endpoint: sandbox.url, apiKey: API_KEY }, worker: { lingerMs: 5, pollMs: 20 }, synchronous: 'NORMAL' });
    vi.spyOn(console, 'warn').mockImplementation((line: string) => void warnings.push(String(line)));
    proxy = await serve(createHandler({ config: offersConfig(), braze: { endpoint: sandbox.url, apiKey: API_KEY }, delivery: node.delivery, offers: node.offers }));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    client?.close();
    await proxy.close();
    await node.close();
    await sandbox.close();
    tmp.remove();
  });

  let client: ReturnType<typeof httpClient>;
  const submit = (body: unknown): Promise<{ status: number; json: OfferAnswer }> => (client ??= httpClient(proxy.url, ORIGIN)).post('/v1/submissions', body);

  it('hands 1,000 parallel sign-ups exactly the pool’s 500 codes, each once, and the fallback to the other 500', async () => {
    const codes = poolCodes(500);
    expect(await node.offers.add('shop', 'welcome', codes, Date.now())).toEqual({ added: 500, duplicates: 0 });
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 1000 }, (_, i) => submit(signupBody(`crowd-${i}@example.com`))));
    const ms = performance.now() - started;
    expect(answers.map((a) => a.status)).toEqual(Array(1000).fill(202));
    const handed = answers.map((a) => a.json.offer?.code);
    const unique = handed.filter((c) => c !== FALLBACK);
    expect(unique).toHaveLength(500);
    expect(new Set(unique).size).toBe(500);
    expect(new Set(unique)).toEqual(new Set(codes));
    expect(handed.filter((c) => c === FALLBACK)).toHaveLength(500);
    expect(await node.offers.stock('shop')).toEqual([{ pool: 'welcome', total: 500, claimed: 500, left: 0 }]);
    // The low-stock warning fires once at the threshold, the empty one once; neither names a person.
    expect(warnings.filter((w) => w.includes('shop/welcome is low: 10 code(s) left'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('shop/welcome is empty'))).toHaveLength(1);
    expect(warnings.join('\n')).not.toContain('@example.com');
    console.info(`1,000 parallel sign-ups over HTTP against 500 codes: ${ms.toFixed(0)} ms`);
  });

  it('gives the same address its own code again, and a different address a new one; the stored holder is a keyed hash', async () => {
    await node.offers.add('shop', 'welcome', poolCodes(3, 'AGAIN'), Date.now());
    const first = await submit(signupBody('Repeat@Example.com'));
    const again = await submit(signupBody('repeat@example.com'));
    const other = await submit(signupBody('someone-else@example.com'));
    expect(first.json.offer?.code).toMatch(/^AGAIN-/);
    expect(again.json.offer?.code).toBe(first.json.offer?.code);
    expect(other.json.offer?.code).toMatch(/^AGAIN-/);
    expect((await node.offers.stock('shop'))[0]).toMatchObject({ total: 503, claimed: 502 });
    expect(other.json.offer?.code).not.toBe(first.json.offer?.code);
    const held = node.db.prepare(`SELECT holder FROM offer_codes WHERE code = ?`).get(first.json.offer!.code!);
    expect(String(held?.holder)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(JSON.stringify(node.db.prepare(`SELECT * FROM offer_codes`).all())).not.toContain('example.com');
  });

  it('writes the code as the configured attribute in the sign-up’s own /users/track object: no extra call', async () => {
    await node.offers.add('shop', 'welcome', ['BRAZE-ONE'], Date.now());
    const { json } = await submit(signupBody('braze-profile@example.com'));
    // The code left over from the test above is claimed first (oldest first), then BRAZE-ONE.
    const code = json.offer!.code!;
    expect(code).not.toBe(FALLBACK);
    await until(() => sandbox.sandbox.users().some((u) => u.email === 'braze-profile@example.com'));
    const user = sandbox.sandbox.users().find((u) => u.email === 'braze-profile@example.com')!;
    expect(user.attributes.welcome_code).toBe(code);
    const log = (await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()) as { requests: { path: string; body?: { attributes?: Record<string, unknown>[] } }[] };
    const calls = log.requests.filter((r) => r.path === '/users/track' && r.body?.attributes?.some((a) => a.email === 'braze-profile@example.com'));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body!.attributes!.filter((a) => a.email === 'braze-profile@example.com')).toEqual([expect.objectContaining({ email: 'braze-profile@example.com', first_name: 'Ada', welcome_code: code })]);
  });

  it('never claims a code for a bot (honeypot, too fast) or a refused sign-up', async () => {
    await node.offers.add('shop', 'welcome', ['GUARDED-1'], Date.now());
    const before = await node.offers.stock('shop');
    const honeypot = await submit(signupBody('bot-1@example.com', { hp: 'filled' }));
    const fast = await submit(signupBody('bot-2@example.com', { elapsedMs: 10 }));
    const invalid = await submit({ ...signupBody('x'), fields: { email: 'not-an-email' } });
    expect([honeypot.status, fast.status, invalid.status]).toEqual([202, 202, 400]);
    expect(honeypot.json.offer?.code).toBe(FALLBACK);
    expect(fast.json.offer?.code).toBe(FALLBACK);
    expect(invalid.json.offer).toBeUndefined();
    expect(await node.offers.stock('shop')).toEqual(before);
  });
});
