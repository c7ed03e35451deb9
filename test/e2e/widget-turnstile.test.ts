/**
 * Cloudflare Turnstile in Chromium: the widget loads Cloudflare's script for a Turnstile site only,
 * sends the token with the first step, and after a refused token asks for a fresh one and retries.
 * Tests reach 127.0.0.1 only, so Cloudflare's script is a fake implementing its documented
 * explicit-render contract, and siteverify answers from its documented contract
 * (https://developers.cloudflare.com/turnstile/get-started/server-side-validation/). The proxy,
 * the widget and the Braze sandbox are real.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createHandler } from '../../proxy/handler.ts';
import { fileAssets } from '../../proxy/adapters/node/assets.ts';
import { serve, type RunningServer } from '../../proxy/adapters/node/server.ts';
import { TURNSTILE_VERIFY_URL } from '../../proxy/security/turnstile.ts';
import { createSandbox } from '../../demo/sandbox/index.ts';
import { storefrontHandler } from '../../demo/storefront/server.ts';
import { launchChromium } from '../helpers/chromium.ts';

const SITE_KEY = '1x00000000000000000000AA';
const SECRET = 'turnstile-e2e-secret';
const API_SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';
const PAGES = fileURLToPath(new URL('./fixtures/widget/', import.meta.url));

/**
 * Cloudflare's explicit-render API: `render(el, params)` returns a widget id and later calls
 * `params.callback(token)`; `reset(id)` runs the challenge again for a new token; `remove(id)`.
 * The first token waits for the test (`turnstileIssue()`), so a submit made before it arrives is seen waiting.
 */
const FAKE_TURNSTILE = `(() => {
  const tokens = ['bad-token', 'good-token'];
  const widgets = {};
  const log = (window.turnstileLog = []);
  let last;
  window.turnstileIssue = () => widgets[last].callback(tokens.shift());
  window.turnstile = {
    render(el, params) {
      // The real script looks its container up in the document; one inside a shadow root is not found.
      if (!document.contains(el)) throw new Error('[Cloudflare Turnstile] Error: document not found.');
      last = 'cf-' + (log.length + 1);
      widgets[last] = params;
      window.turnstileBox = el;
      // Stands in for the check a visitor is sometimes asked to click.
      const check = document.createElement('button');
      check.type = 'button';
      check.textContent = 'Verify you are human';
      check.addEventListener('click', () => (window.turnstileClicked = true));
      el.append(check);
      log.push(['render', params.sitekey, params.appearance, params.size, typeof params['error-callback'], typeof params['expired-callback']]);
      return last;
    },
    reset(id) {
      log.push(['reset', id]);
      setTimeout(() => widgets[id].callback(tokens.shift()), 10);
    },
    remove(id) {
      log.push(['remove', id]);
      delete widgets[id];
    },
  };
})();`;

const steps = [
  { text: { title: { en: 'Join us', fr: 'Rejoignez-nous' } }, fields: [{ name: 'email', type: 'email', required: true, label: { en: 'Email', fr: 'E-mail' } }] },
  { success: { title: { en: 'Welcome!', fr: 'Bienvenue !' } } },
];

let proxy: RunningServer;
let pages: RunningServer;
let browser: Browser;
const sandbox = createSandbox({ apiKey: 'e2e-turnstile' });
const verified: string[] = [];

beforeAll(async () => {
  let handler: ((r: Request) => Promise<Response>) | undefined;
  proxy = await serve((request) => handler!(request), { port: 0 });
  // `/blog.html` is the same page, embedding the site without Turnstile.
  const files = storefrontHandler(proxy.url, PAGES);
  pages = await serve(async (request) => {
    const url = new URL(request.url);
    if (url.pathname !== '/blog.html') return files(request);
    const page = await (await files(new Request(new URL('/', url)))).text();
    return new Response(page.replace('data-site="shop"', 'data-site="blog"'), { headers: { 'content-type': 'text/html; charset=utf-8' } });
  }, { port: 0 });
  const site = { origins: [pages.url], botProtection: { minFillMs: 0 } };
  handler = createHandler({
    config: {
      sites: { shop: { ...site, botProtection: { minFillMs: 0, turnstile: { siteKey: SITE_KEY, secretKey: 'env:TURNSTILE_SECRET' } } }, blog: site },
      forms: [
        { id: 'join', site: 'shop', languages: ['en', 'fr'], steps },
        { id: 'join', site: 'blog', languages: ['en', 'fr'], steps },
      ],
    },
    env: { TURNSTILE_SECRET: SECRET },
    braze: { endpoint: 'http://braze.sandbox', apiKey: 'e2e-turnstile' },
    // One fetch for both third parties: siteverify answers from its contract, Braze is the sandbox.
    fetch: async (input, init) => {
      if (String(input) !== TURNSTILE_VERIFY_URL) return sandbox.fetch(new Request(input, init));
      const form = init!.body as FormData;
      verified.push(`${form.get('secret')}:${form.get('response')}`);
      return Response.json({ success: form.get('secret') === SECRET && form.get('response') === 'good-token' });
    },
    assets: fileAssets('dist/widget'),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([proxy?.close(), pages?.close()]);
});

async function open(path: string, locale: string) {
  const context = await browser.newContext({ locale, reducedMotion: 'reduce' });
  const cloudflare: string[] = [];
  const elsewhere: string[] = [];
  const posts: { body: Record<string, unknown>; status: number }[] = [];
  // Registered first, so it runs last: anything not answered below and not on 127.0.0.1 is aborted.
  await context.route('**/*', (route) => {
    if (new URL(route.request().url()).hostname === '127.0.0.1') return route.continue();
    elsewhere.push(route.request().url());
    return route.abort();
  });
  await context.route('https://challenges.cloudflare.com/**', (route) => {
    cloudflare.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/javascript', body: FAKE_TURNSTILE });
  });
  const page = await context.newPage();
  page.on('response', async (r) => {
    if (r.request().method() === 'POST' && r.url().endsWith('/v1/submissions')) posts.push({ body: JSON.parse(r.request().postData()!), status: r.status() });
  });
  await page.goto(`${pages.url}${path}?form=join`);
  await page.locator('inlet-form dialog[open]').waitFor();
  return { context, page, cloudflare, elsewhere, posts };
}

const log = (page: Page) => page.evaluate(() => (window as unknown as { turnstileLog: unknown[][] }).turnstileLog);
const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
};

describe('Turnstile in the widget', () => {
  it('sends the token with the first step; a refused token shows the translated error, a fresh token is requested and the retry is accepted', async () => {
    const { context, page, cloudflare, elsewhere, posts } = await open('/', 'fr-FR');
    await page.waitForFunction(() => (window as unknown as { turnstileLog?: unknown[] }).turnstileLog?.length === 1);
    expect(cloudflare).toEqual([API_SCRIPT]);
    expect(await log(page)).toEqual([['render', SITE_KEY, 'interaction-only', 'flexible', 'function', 'function']]);
    // One async script in the head; the check's container is the host's light-DOM child, shown through the form's slot.
    expect(await page.evaluate((src) => [...document.head.querySelectorAll('script')].filter((s) => s.src === src).map((s) => s.async), API_SCRIPT)).toEqual([true]);
    expect(
      await page.evaluate(() => {
        const box = (window as unknown as { turnstileBox: HTMLElement }).turnstileBox;
        const host = document.querySelector('inlet-form')!;
        return [box.parentElement === host, box.assignedSlot?.getRootNode() === host.shadowRoot, !!box.assignedSlot?.closest('form')];
      }),
    ).toEqual([true, true, true]);
    // Shown inside the modal dialog, not behind it: the visitor can reach and click it.
    await page.getByRole('button', { name: 'Verify you are human' }).click({ timeout: 3_000 });
    expect(await page.evaluate(() => (window as unknown as { turnstileClicked?: boolean }).turnstileClicked)).toBe(true);

    // Submitted before Cloudflare issued a token: the widget waits for it instead of sending without one.
    await page.getByLabel('E-mail').fill('ada@example.com');
    await page.locator('inlet-form button.submit').click();
    await page.waitForTimeout(300);
    expect(posts).toEqual([]);
    expect(await page.locator('inlet-form button.submit').getAttribute('aria-disabled')).toBe('true');
    await page.evaluate(() => (window as unknown as { turnstileIssue(): void }).turnstileIssue());

    // The proxy refuses the first token: the error shows in French next to the form, and the widget asks for a new token.
    const alert = page.locator('inlet-form form p.error[role=alert]');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Veuillez effectuer la vérification de sécurité, puis réessayer.');
    expect(posts.map((p) => [p.status, p.body.step, p.body.turnstile])).toEqual([[400, 0, 'bad-token']]);
    expect((await log(page)).slice(1)).toEqual([['reset', 'cf-1']]);

    // The retry carries the fresh token and is accepted; the sign-up reaches Braze.
    await page.locator('inlet-form button.submit').click();
    await page.getByRole('heading', { name: 'Bienvenue !' }).waitFor();
    expect(posts.map((p) => [p.status, p.body.turnstile])).toEqual([[400, 'bad-token'], [202, 'good-token']]);
    expect(verified).toEqual([`${SECRET}:bad-token`, `${SECRET}:good-token`]);
    await until(async () => sandbox.users().some((u) => u.email === 'ada@example.com'));
    expect(sandbox.users().map((u) => u.email)).toContain('ada@example.com');
    // Once the first step is accepted the check is taken down.
    expect((await log(page)).slice(2)).toEqual([['remove', 'cf-1']]);
    expect(elsewhere).toEqual([]);
    await context.close();
  });

  it('a form on a site without Turnstile never requests the Cloudflare script and sends no token', async () => {
    const { context, page, cloudflare, elsewhere, posts } = await open('/blog.html', 'en-US');
    await page.getByLabel('Email').fill('grace@example.com');
    await page.locator('inlet-form button.submit').click();
    await page.getByRole('heading', { name: 'Welcome!' }).waitFor();
    expect(posts.map((p) => [p.status, 'turnstile' in p.body])).toEqual([[202, false]]);
    expect(await page.evaluate(() => ['turnstile' in window, document.querySelectorAll('script[src*="challenges.cloudflare.com"]').length])).toEqual([false, 0]);
    expect(cloudflare).toEqual([]);
    expect(elsewhere).toEqual([]);
    await context.close();
  });
});
