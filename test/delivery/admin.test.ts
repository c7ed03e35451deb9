import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler, type Handler } from '../../proxy/index.ts';
import { createNodeDelivery, type NodeDelivery } from '../../proxy/adapters/node/delivery.ts';
import { runDlq } from '../../proxy/cli/dlq.ts';
import { welcomeConfig } from '../helpers/proxy.ts';
import { API_KEY, ENDPOINT, prepared, sandboxFor, tempDir, until } from './helpers.ts';

const TOKEN = 'admin-token-3b1e';
const SITE_TOKEN = 'blog-token-77';

describe('admin routes and the dlq command', () => {
  const tmp = tempDir();
  const path = tmp.file('outbox.sqlite');
  let node: NodeDelivery;
  let handler: Handler;
  const get = (url: string, token?: string, method = 'GET') =>
    handler(new Request(`https://forms.example.com${url}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} }));

  beforeAll(async () => {
    const { fetch } = sandboxFor();
    node = await createNodeDelivery({ path, braze: { endpoint: ENDPOINT, apiKey: API_KEY }, fetch, worker: { lingerMs: 1 } });
    const config = welcomeConfig({ sites: { shop: { origins: ['https://shop.example.com'] }, blog: { origins: ['https://blog.example.com'], adminToken: 'env:BLOG_ADMIN_TOKEN' } } });
    handler = createHandler({ config, env: { BLOG_ADMIN_TOKEN: SITE_TOKEN }, braze: { endpoint: ENDPOINT, apiKey: API_KEY }, delivery: node.delivery, adminToken: TOKEN });
    await node.delivery.submit(prepared(1));
    for (const n of [2, 3]) await node.delivery.submit(prepared(n, { attributes: [{ email: `bad-${n}@` }], events: [] }));
    await node.delivery.submit(prepared(4, { site: 'blog', attributes: [{ email: 'bad-4@' }], events: [] }));
    await until(async () => (await node.outbox.depth()).pending === 0);
  });

  afterAll(async () => {
    await node.close();
    tmp.remove();
  });

  it('refuses admin routes without the token, and with a wrong one', async () => {
    expect((await get('/v1/admin/stats')).status).toBe(401);
    expect((await get('/v1/admin/stats', 'nope')).status).toBe(401);
    expect((await get('/v1/admin/dead-letters', 'nope')).status).toBe(401);
  });

  it('reports queue and delivery counters', async () => {
    const response = await get('/v1/admin/stats', TOKEN);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      accepted: 4,
      // Three of the four had every object refused: dead, not delivered.
      delivered: 1,
      dead: 3,
      deadLettered: 3,
      deadLetters: 3,
      brazeCalls: expect.any(Number),
      objectsPerCall: expect.any(Number),
      dataPointsSent: expect.any(Number),
      dataPointsSaved: 0,
      queue: { depth: 0, oldestPendingAgeMs: null },
      health: { ok: true, paused: [] },
    });
  });

  it('lists dead letters with Braze reason, and a site token sees only its site', async () => {
    const all = (await (await get('/v1/admin/dead-letters', TOKEN)).json()) as { deadLetters: { id: string; reason: string }[] };
    expect(all.deadLetters.map((l) => l.id)).toEqual(['sub-000002', 'sub-000003', 'sub-000004']);
    expect(all.deadLetters[0]?.reason).toBe("The value provided for the 'email' field is not a valid email.");
    const blog = (await (await get('/v1/admin/dead-letters', SITE_TOKEN)).json()) as { deadLetters: { id: string }[] };
    expect(blog.deadLetters.map((l) => l.id)).toEqual(['sub-000004']);
    expect((await get('/v1/admin/dead-letters/sub-000002', SITE_TOKEN)).status).toBe(404);
    expect((await get('/v1/admin/stats', SITE_TOKEN)).status).toBe(403);
  });

  it('replays and drops a dead letter by id', async () => {
    const replay = await get('/v1/admin/dead-letters/sub-000002/replay', TOKEN, 'POST');
    expect(await replay.json()).toEqual({ replayed: ['sub-000002'] });
    // Still an invalid email: Braze refuses it again and it comes back.
    await until(async () => (await node.deadLetters.get('sub-000002')) !== undefined && (await node.outbox.depth()).pending === 0);
    const drop = await get('/v1/admin/dead-letters/sub-000003', TOKEN, 'DELETE');
    expect(await drop.json()).toEqual({ dropped: ['sub-000003'] });
    expect((await get('/v1/admin/dead-letters/sub-000003', TOKEN)).status).toBe(404);
  });

  it('npm run dlq lists, replays and drops against the same file', async () => {
    const lines: string[] = [];
    expect(await runDlq(['list', '--outbox', path], (l) => lines.push(l))).toBe(0);
    // Oldest first: sub-000002 was refused again after its replay.
    expect(lines.map((l) => l.split('  ')[0])).toEqual(['sub-000004', 'sub-000002']);
    expect(lines[0]).toMatch(/^sub-000004  site=blog  \S+  HTTP 400  1 object\(s\)  The value provided for the 'email' field is not a valid email\.$/);

    lines.length = 0;
    expect(await runDlq(['drop', 'sub-000004', '--outbox', path], (l) => lines.push(l))).toBe(0);
    expect(await runDlq(['replay', '--all', '--outbox', path], (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual(['Dropped 1 dead letter(s).', 'Replayed 1 dead letter(s).']);
    expect(await runDlq(['drop', 'nope', '--outbox', path], (l) => lines.push(l))).toBe(1);
    expect(await runDlq(['frobnicate', '--outbox', path], (l) => lines.push(l))).toBe(2);
  });

  it('npm run dlq counts the triggers a dead letter still holds', async () => {
    await node.deadLetters.add({
      id: 'sub-000009',
      site: 'shop',
      identity: 'email:nine@example.com',
      body: {},
      errors: [],
      reason: 'canvas_id not found',
      status: 400,
      triggers: [{ kind: 'canvas', id: 'canvas-1', recipient: { email: 'nine@example.com' }, properties: {} }],
      attempts: 1,
      deadAt: Date.now(),
    });
    const lines: string[] = [];
    expect(await runDlq(['list', '--outbox', path], (l) => lines.push(l))).toBe(0);
    expect(lines.find((l) => l.startsWith('sub-000009'))).toMatch(/HTTP 400  0 object\(s\) \+ 1 trigger\(s\)  canvas_id not found$/);
  });

  it('POST /v1/admin/forget takes the proxy-wide token only, and answers 404 where no store registered for erasure', async () => {
    const forget = (token: string) =>
      handler(new Request('https://forms.example.com/v1/admin/forget', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"email":"a@example.com"}' }));
    expect((await forget(SITE_TOKEN)).status).toBe(403);
    const missing = await forget(TOKEN);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toMatch(/registered no stores for erasure/);
    expect((await get('/v1/admin/forget', TOKEN)).status).toBe(405);
  });
});
