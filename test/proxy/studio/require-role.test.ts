/**
 * `requireStudioRole(request, site, role)`, the studio's session check for routes mounted beside it
 * (the analytics route): real sessions from the studio's own sign-in, on a real SQLite store.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../../demo/stack.ts';
import { DEMO_ATTRIBUTES, demoConfig } from '../../../demo/inlet.config.ts';
import { HttpError } from '../../../proxy/errors.ts';
import { bindStudio, requireStudioRole } from '../../../proxy/studio/access.ts';
import { studioClient } from './client.ts';

let stack: Stack;
let route: Hono;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  stack = await startStack({
    outboxPath: false,
    studioPath: ':memory:',
    sandboxOptions: { attributeSchema: DEMO_ATTRIBUTES },
    config: (origins) => {
      const c = demoConfig({ storefrontOrigins: origins });
      return { ...c, sites: { ...c.sites, outlet: { origins } } };
    },
  });
  const admin = studioClient(stack.proxy.url);
  await admin.login(stack.studioLogin!.email, stack.studioLogin!.password);
  await admin.call('POST', '/v1/studio/sites/shop/users', { email: 'viewer@shop.test', role: 'viewer', password: PASSWORD });
  // What an analytics route does: bound to the running studio, it asks for a role on the site in its path.
  const studio = stack.studio!;
  route = new Hono();
  route.onError((e) => (e instanceof HttpError ? e.toResponse() : new Response('boom', { status: 500 })));
  route.use('*', bindStudio(studio.requireRole));
  route.all('/v1/studio/analytics/:site/:need', async (c) => c.json(await requireStudioRole(c.req.raw, c.req.param('site'), c.req.param('need') as 'viewer')));
});
afterAll(() => stack?.close());

async function ask(cookie: string, site: string, need: string, init: RequestInit = {}) {
  const r = await route.fetch(new Request(`${stack.proxy.url}/v1/studio/analytics/${site}/${need}`, { ...init, headers: { cookie, ...(init.headers as Record<string, string>) } }));
  return { status: r.status, body: (await r.json()) as { error?: string; role?: string; user?: { email: string } } };
}

describe('requireStudioRole', () => {
  it('answers who is signed in and their role on the site', async () => {
    const viewer = studioClient(stack.proxy.url);
    await viewer.login('viewer@shop.test', PASSWORD);
    const ok = await ask(viewer.cookie, 'shop', 'viewer');
    expect(ok).toEqual({ status: 200, body: expect.objectContaining({ role: 'viewer', site: 'shop', user: expect.objectContaining({ email: 'viewer@shop.test' }) }) });
  });

  it('refuses a role too low, another site, no session, a tampered cookie and a change from another origin', async () => {
    const viewer = studioClient(stack.proxy.url);
    await viewer.login('viewer@shop.test', PASSWORD);
    expect(await ask(viewer.cookie, 'shop', 'publisher')).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await ask(viewer.cookie, 'outlet', 'viewer')).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await ask('', 'shop', 'viewer')).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    const [name, value] = viewer.cookie.split('=') as [string, string];
    expect(await ask(`${name}=${value.slice(0, -2)}xx`, 'shop', 'viewer')).toMatchObject({ status: 401 });
    expect(await ask(viewer.cookie, 'shop', 'viewer', { method: 'POST', headers: { origin: 'https://evil.example' } })).toMatchObject({ status: 403, body: { error: 'origin_not_allowed' } });
    expect(await ask(viewer.cookie, 'shop', 'viewer', { method: 'POST', headers: { origin: stack.proxy.url } })).toMatchObject({ status: 200 });
  });

  it('answers 404 when no studio runs for the request', async () => {
    const error = await requireStudioRole(new Request('http://127.0.0.1/v1/studio/analytics'), 'shop', 'viewer').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(404);
  });
});
