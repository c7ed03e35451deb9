/**
 * The studio on the Worker inside workerd: D1 holds forms and versions, KV caches what is live, the
 * Cron Trigger runs scheduled publishes. Same flow as on Node: sign in, edit, publish (with the Braze
 * check against the sandbox), see it in the forms manifest, roll back, read the log.
 */
import { createScheduledController, env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../proxy/adapters/cloudflare/worker.ts';

const HOST = 'https://inlet.example.workers.dev';
const SHOP = 'https://shop.example.com';
type Env = Parameters<typeof worker.fetch>[1];
const bindings = env as unknown as Env & { DB: { prepare(sql: string): { all(): Promise<{ results: Record<string, unknown>[] }> } }; FORMS: { get(k: string): Promise<string | null>; put(k: string, v: string): Promise<void> } };

let cookie = '';
async function call(method: string, path: string, body?: unknown, origin = HOST) {
  const r = await SELF.fetch(`${HOST}${path}`, {
    method,
    headers: { cookie, ...(method !== 'GET' && { origin }), ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const set = r.headers.get('set-cookie');
  if (set) cookie = set.split(';')[0]!;
  return { status: r.status, body: (await r.json()) as any, setCookie: set };
}

async function manifestTitle(): Promise<string | undefined> {
  const r = await SELF.fetch(`${HOST}/v1/sites/shop/forms`, { headers: { origin: SHOP } });
  const body = (await r.json()) as { forms: { id: string; steps: { text?: { title?: { en?: string } } }[] }[] };
  return body.forms.find((f) => f.id === 'welcome')?.steps[0]?.text?.title?.en;
}

const config = {
  sites: { shop: { origins: [SHOP] } },
  forms: [{ id: 'welcome', site: 'shop', languages: ['en'], steps: [{ text: { title: { en: 'Hello' } }, fields: [{ name: 'email', type: 'email', required: true }] }] }],
};

beforeAll(async () => {
  await bindings.FORMS.put('config', JSON.stringify(config));
});

describe('the studio on Workers, with D1 and KV', () => {
  it('signs in the first publisher from the settings with a Secure, HttpOnly, SameSite=Strict cookie', async () => {
    expect((await call('GET', '/v1/studio/me')).status).toBe(401);
    const wrong = await call('POST', '/v1/studio/login', { email: 'publisher@shop.test', password: 'nope nope nope' });
    expect(wrong.status).toBe(401);
    const login = await call('POST', '/v1/studio/login', { email: 'publisher@shop.test', password: 'workers-studio-password' });
    expect(login.status).toBe(200);
    expect(login.setCookie).toMatch(/HttpOnly; SameSite=Strict; Max-Age=\d+; Secure/);
    expect((await call('POST', '/v1/studio/logout', undefined, 'https://evil.example')).status).toBe(403);
  });

  it('seeds the store from the config as version 1, then publishes, rolls back and logs, with KV caching what is live', async () => {
    const list = await call('GET', '/v1/studio/sites/shop/forms');
    expect(list.body.forms.map((f: { id: string; status: string; liveVersion: number }) => [f.id, f.status, f.liveVersion])).toEqual([['welcome', 'live', 1]]);
    expect(await manifestTitle()).toBe('Hello');

    const form = (await call('GET', '/v1/studio/sites/shop/forms/welcome')).body.form;
    const draft = structuredClone(form.draft);
    draft.steps[0].text.title.en = 'Bonjour';
    const saved = await call('PUT', '/v1/studio/sites/shop/forms/welcome/draft', { draft, rev: form.rev });
    expect(saved.status).toBe(200);
    // A second editor still holding the old rev gets a conflict, not a silent overwrite.
    const stale = await call('PUT', '/v1/studio/sites/shop/forms/welcome/draft', { draft: form.draft, rev: form.rev });
    expect(stale.status).toBe(409);
    expect(stale.body.current.draft.steps[0].text.title.en).toBe('Bonjour');
    // Not live until published.
    expect(await manifestTitle()).toBe('Hello');

    const published = await call('POST', '/v1/studio/sites/shop/forms/welcome/publish', {});
    expect(published.status).toBe(200);
    expect(published.body.version).toBe(2);
    expect(await manifestTitle()).toBe('Bonjour');
    expect(await bindings.FORMS.get('studio:live')).toContain('Bonjour');

    const back = await call('POST', '/v1/studio/sites/shop/forms/welcome/live', { version: 1 });
    expect(back.status).toBe(200);
    expect(await manifestTitle()).toBe('Hello');
    expect(await bindings.FORMS.get('studio:live')).not.toContain('Bonjour');

    const diff = await call('GET', '/v1/studio/sites/shop/forms/welcome/diff?from=1&to=2');
    expect(diff.body.lines).toEqual([expect.objectContaining({ kind: 'changed', where: 'Step 1 › Title (en)', before: 'Hello', after: 'Bonjour' })]);

    const log = await call('GET', '/v1/studio/sites/shop/activity');
    expect(log.body.entries.map((e: { action: string }) => e.action).reverse()).toEqual(['published', 'edited', 'published', 'rolled back']);
    const rows = await bindings.DB.prepare('SELECT version, created_by FROM studio_versions ORDER BY version').all();
    expect(rows.results).toEqual([{ version: 1, created_by: 'config' }, { version: 2, created_by: 'publisher@shop.test' }]);
  });

  it('refuses to publish a form Braze is not ready for, with the list of problems', async () => {
    const form = (await call('GET', '/v1/studio/sites/shop/forms/welcome')).body.form;
    const draft = structuredClone(form.draft);
    draft.steps[0].fields.push({ name: 'shoe_size', type: 'number', attribute: 'shoe_size' });
    await call('PUT', '/v1/studio/sites/shop/forms/welcome/draft', { draft, rev: form.rev });
    const refused = await call('POST', '/v1/studio/sites/shop/forms/welcome/publish', {});
    expect(refused.status).toBe(422);
    expect(refused.body.problems.join('\n')).toMatch(/shoe_size/);
    expect(await manifestTitle()).toBe('Hello');
  });

  it('publishes a scheduled version when the Cron Trigger runs after its time', async () => {
    const form = (await call('GET', '/v1/studio/sites/shop/forms/welcome')).body.form;
    const draft = structuredClone(form.draft);
    draft.steps[0].fields = draft.steps[0].fields.filter((f: { name: string }) => f.name !== 'shoe_size');
    draft.steps[0].text.title.en = 'Later';
    await call('PUT', '/v1/studio/sites/shop/forms/welcome/draft', { draft, rev: form.rev });
    const at = new Date(Date.now() + 300).toISOString();
    const scheduled = await call('POST', '/v1/studio/sites/shop/forms/welcome/publish', { at });
    expect(scheduled.status).toBe(200);
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }), bindings);
    expect(await manifestTitle()).toBe('Hello');
    await new Promise((r) => setTimeout(r, 400));
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }), bindings);
    expect(await manifestTitle()).toBe('Later');
  });
});
