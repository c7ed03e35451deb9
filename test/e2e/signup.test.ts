import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startStack, type Stack } from '../../demo/stack.ts';
import { launchChromium } from '../helpers/chromium.ts';

const API_KEY = 'test-key-7f3a9c';

describe('a visitor signs up on the demo storefront', () => {
  let stack: Stack;
  let browser: Browser;
  const leaks: string[] = [];

  /** A fresh visitor (own storage) whose every received byte, from every origin, is checked for the key. */
  async function visitor(): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.on('response', async (response) => {
      const headers = JSON.stringify(await response.allHeaders());
      const body = await response.text().catch(() => '');
      if (headers.includes(API_KEY) || body.includes(API_KEY)) leaks.push(response.url());
    });
    return page;
  }

  async function profileOf(email: string) {
    const users = (await (await fetch(`${stack.sandbox!.url}/_sandbox/users`)).json()) as { users: { email?: string; attributes: Record<string, unknown> }[] };
    return users.users.find((u) => u.email === email);
  }

  beforeAll(async () => {
    stack = await startStack({ sandboxApiKey: API_KEY });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows the pop-up, accepts an email and creates the profile in the Braze sandbox', async () => {
    const page = await visitor();
    await page.goto(`${stack.storefront.url}/`);
    const dialog = page.locator('inlet-form dialog[open]');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    const email = page.getByLabel('Email');
    await expect(email.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).resolves.toBe(true);

    await email.fill('ada@example.com');
    await page.getByLabel('First name').fill('Ada');
    await page.getByRole('button', { name: 'Sign me up' }).click();
    await page.getByText('WELCOME10').waitFor({ timeout: 10_000 });
    // The demo form asks for tag-manager events: the page's dataLayer saw the show, the submit and the step to the success screen, with no field values.
    const pushed = (await page.evaluate(() => (window as unknown as { dataLayer: { event: string; inlet: object }[] }).dataLayer)) ?? [];
    expect(pushed.map((e) => e.event)).toEqual(['inlet_show', 'inlet_submit', 'inlet_step']);
    expect(JSON.stringify(pushed)).not.toContain('ada@example.com');

    // 202 means "safely queued": delivery to Braze follows within the outbox's linger.
    await expect.poll(() => profileOf('ada@example.com').then((p) => p?.attributes.first_name), { timeout: 10_000 }).toBe('Ada');

    // The sandbox's live page, the one `npm start` points to, shows the sign-up as it arrives.
    const inspector = await visitor();
    await inspector.goto(`${stack.sandbox!.url}/_sandbox/`);
    await inspector.getByText('ada@example.com').first().waitFor({ timeout: 10_000 });
    await inspector.getByText('inlet_signup', { exact: false }).first().waitFor({ timeout: 10_000 });
  });

  it('closes on Escape and gives focus back to the page', async () => {
    const page = await visitor();
    await page.goto(`${stack.storefront.url}/products/trail-runner.html`);
    await page.locator('inlet-form dialog[open]').waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('inlet-form dialog[open]').count()).toBe(0);
    // Focus returns to the page, not into a closed form.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
  });

  it("asks for the forms only after the host page has loaded, never competing with the page's own requests", async () => {
    const page = await visitor();
    const events: string[] = [];
    // The page's stylesheet is slow: the load event waits for it, and so must Inlet's manifest.
    await page.route('**/shop.css', async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      events.push('stylesheet served');
      await route.continue();
    });
    page.on('request', (request) => request.url().includes('/v1/sites/shop/forms') && events.push('forms requested'));
    await page.goto(`${stack.storefront.url}/`);
    await page.locator('inlet-form dialog[open]').waitFor({ state: 'visible', timeout: 10_000 });
    expect(events).toEqual(['stylesheet served', 'forms requested']);
  });

  it('works as an ES module for single-page apps: boot() from inlet.mjs shows the same form', async () => {
    const page = await visitor();
    // A page of the shop's origin without the script tag (the storefront's 404 page).
    await page.goto(`${stack.storefront.url}/app-shell.html`);
    const api = stack.proxy.url;
    await page.addScriptTag({ type: 'module', content: `import { boot } from '${api}/inlet.mjs'; boot({ api: '${api}', site: 'shop' });` });
    await page.locator('inlet-form dialog[open]').waitFor({ state: 'visible', timeout: 10_000 });
    await expect(page.getByLabel('Email').count()).resolves.toBe(1);
  });

  it('never sends the Braze API key to the browser', () => {
    expect(leaks).toEqual([]);
  });
});
