/**
 * Publishing through the studio on Node (real socket, SQLite store, Braze sandbox): the manifest
 * changes at once and browsers are bound to see it within the documented time; two editors never
 * overwrite each other silently; forms move between the store and files with `npm run forms`.
 */
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../../demo/stack.ts';
import { DEMO_ATTRIBUTES, demoConfig } from '../../../demo/inlet.config.ts';
import { MANIFEST_MAX_AGE_SECONDS, MANIFEST_STALE_SECONDS } from '../../../proxy/routes/forms.ts';
import { runForms } from '../../../proxy/cli/forms.ts';
import { studioClient } from './client.ts';

let stack: Stack;
let dir: string;
const origin = () => stack.storefront.url;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inlet-studio-'));
  stack = await startStack({ outboxPath: false, studioPath: join(dir, 'studio.sqlite'), sandboxOptions: { attributeSchema: DEMO_ATTRIBUTES } });
});
afterAll(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function manifest(etag?: string) {
  const r = await fetch(`${stack.proxy.url}/v1/sites/shop/forms`, { headers: { origin: origin(), ...(etag && { 'if-none-match': etag }) } });
  return { status: r.status, etag: r.headers.get('etag')!, cacheControl: r.headers.get('cache-control')!, body: r.status === 200 ? ((await r.json()) as { forms: { id: string; steps: { text?: { title?: Record<string, string> } }[] }[] }) : null };
}

describe('publishing from the studio on Node', () => {
  it('changes the manifest and its ETag at once, with a cache bound of at most the 60 s the docs promise', async () => {
    const c = studioClient(stack.proxy.url);
    await c.login(stack.studioLogin!.email, stack.studioLogin!.password);
    const before = await manifest();
    expect(before.body!.forms.map((f) => f.id)).toEqual(expect.arrayContaining(['welcome', 'sms-club']));
    const { form } = (await c.call('GET', '/v1/studio/sites/shop/forms/welcome')).body;
    form.draft.steps[0].text.title.en = 'Free shipping today';
    await c.call('PUT', '/v1/studio/sites/shop/forms/welcome/draft', { draft: form.draft, rev: form.rev });
    expect((await manifest(before.etag)).status).toBe(304);
    const published = await c.call('POST', '/v1/studio/sites/shop/forms/welcome/publish', {});
    expect(published.body.version).toBe(2);

    const after = await manifest(before.etag);
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(before.etag);
    expect(after.body!.forms.find((f) => f.id === 'welcome')!.steps[0]!.text!.title!.en).toBe('Free shipping today');
    const [, maxAge, stale] = /max-age=(\d+), stale-while-revalidate=(\d+)/.exec(after.cacheControl)!.map(Number);
    expect([maxAge, stale]).toEqual([MANIFEST_MAX_AGE_SECONDS, MANIFEST_STALE_SECONDS]);
    const documented = Number(/reaches every visitor within \*\*(\d+) seconds\*\* on Node/.exec(readFileSync('docs/studio.md', 'utf8'))?.[1]);
    expect(maxAge! + stale!).toBeLessThanOrEqual(documented);
    // Submissions are validated against the live version too: the new form is what the proxy accepts.
    const sub = await fetch(`${stack.proxy.url}/v1/submissions`, { method: 'POST', headers: { origin: origin(), 'content-type': 'text/plain' }, body: JSON.stringify({ site: 'shop', form: 'welcome', id: crypto.randomUUID(), step: 0, fields: { email: 'ana@example.com' } }) });
    expect(sub.status).toBe(202);
  });

  it('gives the second of two editors a conflict, which they can overwrite, and never loses the first one silently', async () => {
    const a = studioClient(stack.proxy.url);
    const b = studioClient(stack.proxy.url);
    await a.login(stack.studioLogin!.email, stack.studioLogin!.password);
    await b.login(stack.studioLogin!.email, stack.studioLogin!.password);
    const loadedA = (await a.call('GET', '/v1/studio/sites/shop/forms/sms-club')).body.form;
    const loadedB = (await b.call('GET', '/v1/studio/sites/shop/forms/sms-club')).body.form;
    loadedA.draft.steps[0].text.title.en = 'From A';
    loadedB.draft.steps[0].text.title.en = 'From B';
    expect((await a.call('PUT', '/v1/studio/sites/shop/forms/sms-club/draft', { draft: loadedA.draft, rev: loadedA.rev })).status).toBe(200);
    const conflict = await b.call('PUT', '/v1/studio/sites/shop/forms/sms-club/draft', { draft: loadedB.draft, rev: loadedB.rev });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toBe('conflict');
    expect(conflict.body.current.draft.steps[0].text.title.en).toBe('From A');
    const forced = await b.call('PUT', '/v1/studio/sites/shop/forms/sms-club/draft', { draft: loadedB.draft, force: true });
    expect(forced.status).toBe(200);
    expect(forced.body.form.draft.steps[0].text.title.en).toBe('From B');
  });

  it('exports the live forms to a file and imports a changed file back as new live versions', async () => {
    const file = join(dir, 'forms.json');
    const lines: string[] = [];
    expect(await runForms(['export', '--out', file, '--db', join(dir, 'studio.sqlite')], (l) => lines.push(l))).toBe(0);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { forms: { id: string; steps: { text?: { title?: Record<string, string> } }[] }[] };
    expect(exported.forms.map((f) => f.id)).toEqual(expect.arrayContaining(['welcome', 'sms-club']));
    expect(exported.forms.find((f) => f.id === 'welcome')!.steps[0]!.text!.title!.en).toBe('Free shipping today');

    exported.forms.find((f) => f.id === 'sms-club')!.steps[0]!.text!.title!.en = 'Join the club (from git)';
    writeFileSync(file, JSON.stringify(exported));
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify(demoConfig({ storefrontOrigins: [origin()] })));
    const out: string[] = [];
    expect(await runForms(['import', file, '--db', join(dir, 'studio.sqlite'), '--config', configFile], (l) => out.push(l))).toBe(0);
    expect(out).toContain('shop/welcome: unchanged (v2 is live)');
    expect(out).toContain('shop/sms-club: v2 is live');
    expect(out.filter((line) => !line.endsWith('(v1 is live)'))).toHaveLength(2);
    // The running proxy picks it up within its 1 s cache.
    await expect.poll(async () => (await manifest()).body!.forms.find((f) => f.id === 'sms-club')!.steps[0]!.text!.title!.en, { timeout: 5000 }).toBe('Join the club (from git)');

    // A broken file is refused whole, with the proxy's own messages.
    exported.forms[0]!.steps = [];
    writeFileSync(file, JSON.stringify(exported));
    const refused: string[] = [];
    expect(await runForms(['import', file, '--db', join(dir, 'studio.sqlite'), '--config', configFile], (l) => refused.push(l))).toBe(1);
    expect(refused.join('\n')).toMatch(/Nothing imported; fix these first:\n {2}- forms\[0\]\.steps: /);
  });
});
