/**
 * Who may do what in the studio, against the real proxy on a Node socket, the real SQLite store and
 * the Braze sandbox: roles per site, sign-in, cookies, Origin checks, throttling, revocation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../../demo/stack.ts';
import { DEMO_ATTRIBUTES, demoConfig } from '../../../demo/inlet.config.ts';
import { studioClient } from './client.ts';
import { sessionCookie } from '../../../proxy/studio/session.ts';

let stack: Stack;
let base: string;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  stack = await startStack({
    outboxPath: false,
    studioPath: ':memory:',
    sandboxOptions: { attributeSchema: DEMO_ATTRIBUTES },
    // Two brands on one deployment: "shop" and "outlet".
    config: (origins) => {
      const c = demoConfig({ storefrontOrigins: origins });
      return { ...c, sites: { ...c.sites, outlet: { origins } }, forms: [...c.forms, { id: 'outlet-news', site: 'outlet', steps: [{ fields: [{ name: 'email', type: 'email' }] }] }] };
    },
  });
  base = stack.proxy.url;
  const admin = studioClient(base);
  expect((await admin.login(stack.studioLogin!.email, stack.studioLogin!.password)).status).toBe(200);
  for (const [email, role] of [['viewer@shop.test', 'viewer'], ['editor@shop.test', 'editor']] as const) {
    expect((await admin.call('POST', '/v1/studio/sites/shop/users', { email, role, password: PASSWORD })).status).toBe(201);
  }
});
afterAll(() => stack?.close());

describe('studio access', () => {
  it('answers 401 to a signed-out request and serves the page without a session', async () => {
    const r = await studioClient(base).call('GET', '/v1/studio/sites/shop/forms');
    expect(r.status).toBe(401);
    expect(r.body.error).toBe('unauthorized');
    const page = await fetch(`${base}/studio`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('sets an HttpOnly SameSite=Strict session cookie, Secure outside localhost', async () => {
    const c = studioClient(base);
    const r = await c.login('viewer@shop.test', PASSWORD);
    expect(r.status).toBe(200);
    expect(r.setCookie).toMatch(/HttpOnly/);
    expect(r.setCookie).toMatch(/SameSite=Strict/);
    expect(r.setCookie).not.toMatch(/Secure/); // http://127.0.0.1
    // On any other host the cookie is Secure.
    expect(sessionCookie('x', new Request('https://studio.example.com/v1/studio/login'), 60)).toMatch(/; Secure$/);
    expect(sessionCookie('x', new Request('http://localhost:8787/v1/studio/login'), 60)).not.toMatch(/Secure/);
  });

  it('lets a viewer read but not save a draft', async () => {
    const c = studioClient(base);
    await c.login('viewer@shop.test', PASSWORD);
    const form = await c.call('GET', '/v1/studio/sites/shop/forms/welcome');
    expect(form.status).toBe(200);
    const saved = await c.call('PUT', '/v1/studio/sites/shop/forms/welcome/draft', { draft: form.body.form.draft, rev: form.body.form.rev });
    expect(saved.status).toBe(403);
    expect(saved.body.message).toMatch(/editor role/);
  });

  it('lets an editor save drafts but not publish or roll back', async () => {
    const c = studioClient(base);
    await c.login('editor@shop.test', PASSWORD);
    const form = await c.call('GET', '/v1/studio/sites/shop/forms/welcome');
    const saved = await c.call('PUT', '/v1/studio/sites/shop/forms/welcome/draft', { draft: form.body.form.draft, rev: form.body.form.rev });
    expect(saved.status).toBe(200);
    expect((await c.call('POST', '/v1/studio/sites/shop/forms/welcome/publish', {})).status).toBe(403);
    expect((await c.call('POST', '/v1/studio/sites/shop/forms/welcome/live', { version: 1 })).status).toBe(403);
  });

  it('keeps a publisher of one site away from another site\'s forms', async () => {
    const admin = studioClient(base);
    await admin.login(stack.studioLogin!.email, stack.studioLogin!.password);
    // The demo publisher is publisher of "shop" only.
    const other = await admin.call('GET', '/v1/studio/sites/outlet/forms');
    expect(other.status).toBe(403);
    const write = await admin.call('PUT', '/v1/studio/sites/outlet/forms/outlet-news/draft', { draft: {}, force: true });
    expect(write.status).toBe(403);
    const publish = await admin.call('POST', '/v1/studio/sites/outlet/forms/outlet-news/publish', {});
    expect(publish.status).toBe(403);
    const me = await admin.call('GET', '/v1/studio/me');
    expect(me.body.sites.map((s: { id: string }) => s.id)).toEqual(['shop']);
  });

  it('refuses a state-changing call from another Origin, or with none, with 403', async () => {
    const c = studioClient(base, 'https://evil.example');
    const login = await c.login('editor@shop.test', PASSWORD);
    expect(login.status).toBe(403);
    expect(login.body.error).toBe('origin_not_allowed');
    const good = studioClient(base);
    await good.login('editor@shop.test', PASSWORD);
    const form = await good.call('GET', '/v1/studio/sites/shop/forms/welcome');
    const evil = await good.call('PUT', '/v1/studio/sites/shop/forms/welcome/draft', { draft: form.body.form.draft, rev: form.body.form.rev }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    const none = await fetch(`${base}/v1/studio/sites/shop/forms/welcome/draft`, { method: 'PUT', headers: { cookie: good.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ draft: form.body.form.draft, force: true }) });
    expect(none.status).toBe(403);
  });

  it('refuses a tampered session cookie', async () => {
    const c = studioClient(base);
    await c.login('editor@shop.test', PASSWORD);
    expect((await c.call('GET', '/v1/studio/me')).status).toBe(200);
    const [name, value] = c.cookie.split('=') as [string, string];
    const [id, mac] = value.split('.') as [string, string];
    const flipped = id.slice(0, -1) + (id.endsWith('0') ? '1' : '0');
    for (const forged of [`${flipped}.${mac}`, `${id}.${mac.slice(0, -2)}AA`, id]) {
      c.cookie = `${name}=${forged}`;
      expect((await c.call('GET', '/v1/studio/me')).status).toBe(401);
    }
  });

  it('ends sessions on sign-out and when a publisher removes the person', async () => {
    const c = studioClient(base);
    await c.login('viewer@shop.test', PASSWORD);
    const kept = c.cookie;
    expect((await c.call('POST', '/v1/studio/logout')).status).toBe(200);
    c.cookie = kept;
    expect((await c.call('GET', '/v1/studio/me')).status).toBe(401);

    const admin = studioClient(base);
    await admin.login(stack.studioLogin!.email, stack.studioLogin!.password);
    await admin.call('POST', '/v1/studio/sites/shop/users', { email: 'temp@shop.test', role: 'editor', password: PASSWORD });
    const temp = studioClient(base);
    await temp.login('temp@shop.test', PASSWORD);
    expect((await temp.call('GET', '/v1/studio/sites/shop/forms')).status).toBe(200);
    const users = (await admin.call('GET', '/v1/studio/sites/shop/users')).body.users as { id: string; email: string }[];
    const removed = await admin.call('DELETE', `/v1/studio/sites/shop/users/${users.find((u) => u.email === 'temp@shop.test')!.id}`);
    expect(removed.body.sessionsRevoked).toBe(1);
    expect((await temp.call('GET', '/v1/studio/sites/shop/forms')).status).toBe(401);
  });

  it('throttles sign-in after 5 failures for an email, even with the right password', async () => {
    const c = studioClient(base);
    for (let i = 0; i < 5; i++) expect((await c.login('editor@shop.test', 'wrong password')).status).toBe(401);
    const blocked = await c.login('editor@shop.test', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another person is not locked out by it.
    expect((await c.login('viewer@shop.test', PASSWORD)).status).toBe(200);
  });

  it('never returns the Braze key', async () => {
    const c = studioClient(base);
    await c.login(stack.studioLogin!.email, stack.studioLogin!.password);
    const bodies = await Promise.all(['/v1/studio/me', '/v1/studio/sites/shop/forms', '/v1/studio/sites/shop/forms/welcome', '/v1/studio/sites/shop/activity', '/v1/studio/templates'].map((p) => c.call('GET', p)));
    for (const b of bodies) expect(JSON.stringify(b.body)).not.toContain('sandbox');
  });
});
