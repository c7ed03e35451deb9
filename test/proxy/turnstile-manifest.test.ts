/** Turnstile's public site key reaches the widget through the published manifest; the secret never does. */
import { describe, expect, it } from 'vitest';
import { createHandler } from '../../proxy/index.ts';
import { parseConfig } from '../../proxy/config/inlet-config.ts';
import { createSandbox } from '../../demo/sandbox/index.ts';

const SITE_KEY = '0x4AAAAAAAB1cdEfGhIjKlMn';
const SECRET = '0x4AAAAAAAB1cdSECRETvalue9876543210';
const steps = [{ fields: [{ name: 'email', type: 'email', required: true }] }, { success: {} }];

function config(turnstile?: unknown) {
  return {
    sites: {
      shop: { origins: ['https://shop.example.com'], ...(turnstile ? { botProtection: { turnstile } } : {}) },
      blog: { origins: ['https://blog.example.com'] },
    },
    forms: [
      { id: 'welcome', site: 'shop', steps },
      { id: 'exit', site: 'shop', layout: 'slide-in', steps },
      { id: 'news', site: 'blog', steps },
    ],
  };
}

async function manifest(input: unknown, site: string) {
  const sandbox = createSandbox({ apiKey: 'k' });
  const handler = createHandler({
    config: input,
    env: { TURNSTILE_SECRET: SECRET },
    braze: { endpoint: 'http://braze.sandbox', apiKey: 'k' },
    fetch: (i, init) => sandbox.fetch(new Request(i, init)),
  });
  const response = await handler(new Request(`https://forms.example.com/v1/sites/${site}/forms`));
  expect(response.status).toBe(200);
  return { text: await response.text(), etag: response.headers.get('etag') };
}

const errorsOf = (input: unknown) => {
  try {
    parseConfig(input, { env: { TURNSTILE_SECRET: SECRET } });
    return [];
  } catch (error) {
    return (error as { issues: string[] }).issues;
  }
};

describe('Turnstile in the published manifest', () => {
  it('adds the site key to every form of a Turnstile site and never the secret or its name', async () => {
    const { text } = await manifest(config({ siteKey: SITE_KEY, secretKey: 'env:TURNSTILE_SECRET' }), 'shop');
    const body = JSON.parse(text) as { forms: { id: string; turnstile?: unknown }[] };
    expect(body.forms.map((f) => [f.id, f.turnstile])).toEqual([
      ['welcome', { siteKey: SITE_KEY }],
      ['exit', { siteKey: SITE_KEY }],
    ]);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('secretKey');
    expect(text).not.toContain('TURNSTILE_SECRET');
  });

  it('publishes no turnstile key for a site without it, and the ETag follows the change', async () => {
    const blog = await manifest(config({ siteKey: SITE_KEY, secretKey: 'env:TURNSTILE_SECRET' }), 'blog');
    expect((JSON.parse(blog.text) as { forms: object[] }).forms).toEqual([expect.not.objectContaining({ turnstile: expect.anything() })]);
    expect(blog.text).not.toContain('turnstile');
    const without = await manifest(config(), 'shop');
    const withKey = await manifest(config({ siteKey: SITE_KEY, secretKey: 'env:TURNSTILE_SECRET' }), 'shop');
    expect(without.text).not.toContain('turnstile');
    expect(withKey.etag).not.toBe(without.etag);
  });
});

describe('Turnstile site config', () => {
  it('requires the site key next to the secret, naming where to find it', () => {
    expect(errorsOf(config({ secretKey: 'env:TURNSTILE_SECRET' }))).toEqual([
      'sites.shop.botProtection.turnstile.siteKey: add the Turnstile site key (public, e.g. "0x4AAAAAAA…") from Cloudflare › Turnstile; the widget needs it to show the check',
    ]);
  });

  it('requires the secret next to the site key, and refuses an env reference as the site key', () => {
    expect(errorsOf(config({ siteKey: SITE_KEY }))).toEqual([
      'sites.shop.botProtection.turnstile.secretKey: add the Turnstile secret key as "env:NAME" and set NAME to the secret from Cloudflare › Turnstile',
    ]);
    expect(errorsOf(config({ siteKey: 'env:TURNSTILE_SITE_KEY', secretKey: 'env:TURNSTILE_SECRET' }))).toEqual([
      'sites.shop.botProtection.turnstile.siteKey: the Turnstile site key is the public key (e.g. "0x4AAAAAAA…") written as is, not an "env:" reference: it is published to browsers',
    ]);
  });

  it('refuses a turnstile key written into a form: the proxy publishes it from the site config', () => {
    const input = config({ siteKey: SITE_KEY, secretKey: 'env:TURNSTILE_SECRET' });
    const [first, ...rest] = input.forms;
    expect(errorsOf({ ...input, forms: [{ ...first, turnstile: { siteKey: SITE_KEY } }, ...rest] })).toEqual([
      expect.stringMatching(/^forms\[welcome\].*turnstile/),
    ]);
  });
});
