/**
 * Must-show: the proxy is down when the visitor submits; after it is back, a page reload sends the
 * kept sign-up, and it reaches Braze exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startStack, type Stack } from '../../demo/stack.ts';
import { launchChromium } from '../helpers/chromium.ts';

const EMAIL = 'offline-ada@example.com';

describe('a sign-up made while the proxy is down', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack({ sandboxApiKey: 'test-key-7f3a9c' });
    browser = await launchChromium();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const pending = () => page.evaluate(() => JSON.parse(localStorage.getItem('inlet:pending') ?? '{}') as Record<string, unknown>);
  const profiles = () => stack.sandbox!.sandbox.users().filter((u) => u.email === EMAIL);

  it('is kept in the browser, sent on the next page load, and arrives once', async () => {
    await page.goto(`${stack.storefront.url}/`);
    await page.locator('inlet-form dialog[open]').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('First name').fill('Ada');

    // The proxy goes away (same port, no listener) just before the visitor submits.
    const { server, port } = stack.proxy;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await page.getByRole('button', { name: 'Sign me up' }).click();
    await expect.poll(async () => Object.keys(await pending()).length, { timeout: 10_000 }).toBe(1);
    expect(profiles()).toEqual([]);

    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    await page.reload();
    await expect.poll(async () => Object.keys(await pending()).length, { timeout: 15_000 }).toBe(0);
    await expect.poll(async () => (await stack.outbox!.outbox.depth()).pending, { timeout: 15_000 }).toBe(0);
    await expect.poll(() => profiles().length, { timeout: 10_000 }).toBe(1);

    // Another load and the browser coming back online must not send it again.
    await page.reload();
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.locator('inlet-form dialog[open]').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await pending()).toEqual({});
    const [ada] = profiles();
    expect(ada?.attributes.first_name).toBe('Ada');
    expect(ada?.events.filter((e) => e.name === 'inlet_signup')).toHaveLength(1);
    expect(stack.sandbox!.sandbox.requests().filter((r) => r.path === '/users/track')).toHaveLength(1);
  });

  it('resends the same submission id when the 202 was lost on the way back, so Braze gets it once', async () => {
    const email = 'lost-answer@example.com';
    const fresh = await (await browser.newContext()).newPage();
    const ids: string[] = [];
    // The first answer is dropped after the proxy has accepted the sign-up: the visitor sees a failure.
    await fresh.route('**/v1/submissions', async (route) => {
      ids.push((JSON.parse(route.request().postData() ?? '{}') as { id: string }).id);
      const response = await route.fetch();
      if (ids.length === 1) return route.abort('connectionreset');
      return route.fulfill({ response });
    });
    await fresh.goto(`${stack.storefront.url}/`);
    await fresh.locator('inlet-form dialog[open]').waitFor({ state: 'visible', timeout: 10_000 });
    await fresh.getByLabel('Email').fill(email);
    await fresh.getByRole('button', { name: 'Sign me up' }).click();
    await fresh.getByRole('alert').waitFor({ timeout: 10_000 });
    await fresh.getByRole('button', { name: 'Sign me up' }).click();
    await fresh.getByText('WELCOME10').waitFor({ timeout: 10_000 });

    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    await expect.poll(() => stack.sandbox!.sandbox.users().filter((u) => u.email === email).length, { timeout: 10_000 }).toBe(1);
    const [profile] = stack.sandbox!.sandbox.users().filter((u) => u.email === email);
    expect(profile?.events.filter((e) => e.name === 'inlet_signup')).toHaveLength(1);
  });
});
