/**
 * The signed live-site preview link in Chromium, on the demo stack: whoever opens it sees the form's
 * *draft* on the real storefront; a sign-up from it is answered like a real one but nothing is kept
 * and nothing reaches Braze (the sandbox); the visitor's own state is untouched; a fresh visitor still
 * sees the live version. The token is bound to its site, expires, and a tampered one shows nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startStack, type Stack } from '../../demo/stack.ts';
import { DEMO_ATTRIBUTES, demoConfig } from '../../demo/inlet.config.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { studioClient } from '../proxy/studio/client.ts';

let stack: Stack;
let browser: Browser;
let link: { url: string; token: string; expiresAt: number };
const DRAFT_TITLE = 'Draft only: 20% off this weekend';
const SECRET = 'preview-link-test-secret-0123456789';

beforeAll(async () => {
  stack = await startStack({
    outboxPath: false,
    studioPath: ':memory:',
    studio: { off: false, secret: SECRET },
    sandboxOptions: { attributeSchema: DEMO_ATTRIBUTES },
    config: (origins) => {
      const c = demoConfig({ storefrontOrigins: origins });
      return { ...c, sites: { ...c.sites, outlet: { origins } } };
    },
  });
  browser = await launchChromium();
  const c = studioClient(stack.proxy.url);
  await c.login(stack.studioLogin!.email, stack.studioLogin!.password);
  const { form } = (await c.call('GET', '/v1/studio/sites/shop/forms/welcome')).body;
  form.draft.steps[0].text.title.en = DRAFT_TITLE;
  expect((await c.call('PUT', '/v1/studio/sites/shop/forms/welcome/draft', { draft: form.draft, rev: form.rev })).status).toBe(200);
  const made = await c.call('POST', '/v1/studio/sites/shop/forms/welcome/preview-link', { minutes: 30 });
  expect(made.status).toBe(201);
  link = made.body;
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function titleAt(url: string): Promise<{ title: string | null; page: import('playwright-core').Page }> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  const title = page.locator('inlet-form dialog[open] h2');
  const shown = await title.waitFor({ state: 'visible', timeout: 8000 }).then(() => true, () => false);
  return { title: shown ? (await title.textContent())!.trim() : null, page };
}

describe('the live-site preview link', () => {
  it('is a link to a page of the site, bound to the form, expiring within the hour asked for', () => {
    const url = new URL(link.url);
    expect(url.origin).toBe(stack.storefront.url);
    expect(url.searchParams.get('inlet_preview')).toBe('welcome');
    expect(url.searchParams.get('inlet_preview_token')).toBe(link.token);
    expect(link.expiresAt - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(link.expiresAt - Date.now()).toBeLessThanOrEqual(30 * 60_000);
  });

  it('shows the draft on the real storefront, while a visitor without it sees the live form', async () => {
    const preview = await titleAt(link.url);
    expect(preview.title).toBe(DRAFT_TITLE);
    const visitor = await titleAt(`${stack.storefront.url}/?inlet_preview=welcome`);
    expect(visitor.title).toBe('10% off your first order');
    await preview.page.context().close();
    await visitor.page.context().close();
  });

  it('answers a sign-up like a real one, but keeps nothing and sends nothing to Braze', async () => {
    const tracked = () => stack.sandbox!.sandbox.requests().filter((r) => r.path === '/users/track').length;
    const before = tracked();
    const { page } = await titleAt(link.url);
    const stateBefore = await page.evaluate(() => localStorage.getItem('inlet:shop'));
    await page.getByLabel('Email').fill('preview-person@example.com');
    await page.getByRole('button', { name: 'Sign me up' }).click();
    await page.getByText('WELCOME10').waitFor({ timeout: 10_000 });
    // Give a real delivery time to happen, then check that none did.
    await new Promise((r) => setTimeout(r, 1500));
    expect(tracked()).toBe(before);
    expect(stack.sandbox!.sandbox.users().some((u) => u.email === 'preview-person@example.com')).toBe(false);
    // Nothing recorded in the browser either: no show, close or sign-up counted against the visitor.
    expect(await page.evaluate(() => localStorage.getItem('inlet:shop'))).toBe(stateBefore);
    await page.context().close();
  });

  it('refuses a tampered token, and the page shows no form', async () => {
    const tampered = new URL(link.url);
    tampered.searchParams.set('inlet_preview_token', `${link.token.slice(0, -3)}AAA`);
    const { title, page } = await titleAt(tampered.href);
    expect(title).toBeNull();
    await page.context().close();
    const r = await fetch(`${stack.proxy.url}/v1/preview/${link.token.slice(0, -3)}AAA/v1/sites/shop/forms`);
    expect(r.status).toBe(401);
  });

  it('is bound to its site: another site\'s forms are refused under the same token', async () => {
    const r = await fetch(`${stack.proxy.url}/v1/preview/${link.token}/v1/sites/outlet/forms`);
    expect(r.status).toBe(403);
    expect(((await r.json()) as { message: string }).message).toContain('for site "shop"');
  });

  it('is refused after it expires', async () => {
    const c = studioClient(stack.proxy.url);
    await c.login(stack.studioLogin!.email, stack.studioLogin!.password);
    expect((await c.call('POST', '/v1/studio/sites/shop/forms/welcome/preview-link', { minutes: 61 })).status).toBe(400);
    // A link signed with an expiry in the past, by the same studio secret, is refused as expired.
    const { signPreviewToken } = await import('../../proxy/studio/preview-link.ts');
    const old = await signPreviewToken({ site: 'shop', form: 'welcome', expiresAt: Date.now() - 1000 }, SECRET);
    const r = await fetch(`${stack.proxy.url}/v1/preview/${old}/v1/sites/shop/forms`);
    expect(r.status).toBe(401);
    expect(((await r.json()) as { message: string }).message).toContain('expired');
  });
});
