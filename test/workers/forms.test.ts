import { env, SELF } from 'cloudflare:test';
import { describe, expect, it, inject } from 'vitest';

const ORIGIN = 'https://shop.example.com';

function config(title: string) {
  return {
    sites: { shop: { origins: [ORIGIN] } },
    forms: [{ id: 'welcome', site: 'shop', steps: [{ text: { title: { en: title } }, fields: [{ name: 'email', type: 'email', required: true }] }] }],
  };
}

const formsUrl = 'https://inlet.example.workers.dev/v1/sites/shop/forms';

describe('widget files from static assets', () => {
  it('serves /inlet.js and the hashed chunks with CORS, caching only hashed names for long, even before a config is published', async () => {
    await env.FORMS.delete('config');
    const loader = await SELF.fetch('https://inlet.example.workers.dev/inlet.js');
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(loader.headers.get('access-control-allow-origin')).toBe('*');
    expect(loader.headers.get('cache-control')).toBe('public, max-age=300');
    // The loader names its UI chunk, content-hashed by the build.
    const chunk = /[\w-]+-[\w-]{8}\.m?js/.exec(await loader.text())?.[0];
    expect(chunk).toBeDefined();
    const hashed = await SELF.fetch(`https://inlet.example.workers.dev/${chunk}`);
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // The API says why it cannot answer yet.
    const forms = await SELF.fetch('https://inlet.example.workers.dev/v1/sites/shop/forms');
    expect(forms.status).toBe(503);
    expect(((await forms.json()) as { message: string }).message).toMatch(/FORMS namespace under the key "config"/);
  });
});

describe('forms published in KV, served by the Worker in workerd', () => {
  it('reaches the Braze sandbox on 127.0.0.1 from inside workerd', async () => {
    const r = await fetch(`${inject('sandboxUrl')}/_sandbox/users`);
    expect(r.status).toBe(200);
  });

  it('serves the published manifest with an ETag, answers 304 to it, and a new ETag after a publish', async () => {
    await env.FORMS.put('config', JSON.stringify(config('Hello')));
    const first = await SELF.fetch(formsUrl, { headers: { origin: ORIGIN } });
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const body = (await first.json()) as { forms: { id: string; steps: { text?: { title?: { en?: string } } }[] }[] };
    expect(body.forms.map((f) => [f.id, f.steps[0]?.text?.title?.en])).toEqual([['welcome', 'Hello']]);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);

    const revalidated = await SELF.fetch(formsUrl, { headers: { origin: ORIGIN, 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);

    await env.FORMS.put('config', JSON.stringify(config('Bonjour')));
    const republished = await SELF.fetch(formsUrl, { headers: { origin: ORIGIN, 'if-none-match': etag } });
    expect(republished.status).toBe(200);
    expect(republished.headers.get('etag')).not.toBe(etag);
    expect(((await republished.json()) as { forms: { steps: { text?: { title?: { en?: string } } }[] }[] }).forms[0]?.steps[0]?.text?.title?.en).toBe('Bonjour');
  });
});
