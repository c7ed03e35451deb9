/**
 * Issue 12 item 20: the sandbox's inspection page fits a 1280 px window. A profile with long event
 * properties and many attributes (what widened it to 2,329 px) shows as readable rows; its raw JSON
 * opens on demand and still fits. Real Chromium against the sandbox served over HTTP.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SANDBOX_EMAIL_GROUP } from '../../demo/sandbox/index.ts';
import { startSandbox, type RunningSandbox } from '../../demo/sandbox/server.ts';
import { launchChromium } from '../helpers/chromium.ts';

const KEY = 'e2e-inspect';
let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;

const overflow = (p: Page) => p.evaluate(() => ({ page: document.documentElement.scrollWidth, window: innerWidth }));

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, apiKey: KEY });
  const now = new Date().toISOString();
  const properties = { form: 'welcome-spring-campaign-with-a-long-name', landing_page: `https://shop.example.com/collections/trail-running-shoes?${'utm_campaign=spring-sale-2026&'.repeat(6)}`, consent_text_sha256: 'a'.repeat(64), step: 0, submission_id: 'sub-0123456789abcdef' };
  const response = await fetch(`${sandbox.url}/users/track`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      attributes: [{ email: 'ada.lovelace.with.a.long.address@example.com', first_name: 'Ada', last_name: 'Lovelace', home_city: 'London', plan: 'gold', interests: ['trail', 'road', 'ultra'], landing_page: properties.landing_page, subscription_groups: [{ subscription_group_id: SANDBOX_EMAIL_GROUP, subscription_state: 'subscribed' }] }],
      events: [
        { email: 'ada.lovelace.with.a.long.address@example.com', name: 'inlet_signup', time: now, properties },
        { email: 'ada.lovelace.with.a.long.address@example.com', name: 'inlet_consent', time: now, properties: { ...properties, channel: 'email' } },
      ],
    }),
  });
  expect(response.status).toBe(201);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${sandbox.url}/_sandbox/`);
  await page.locator('td b', { hasText: 'inlet_consent' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('the sandbox inspection page at 1280 px', () => {
  it('has no horizontal overflow, with events and attributes as readable rows', async () => {
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/sandbox-page-1280.png', fullPage: true });
    expect(await overflow(page)).toEqual({ page: 1280, window: 1280 });
    // One row per attribute and per event property, not a JSON blob.
    const keyValue = (key: string, value: string) => page.locator('table.kv tr').filter({ has: page.locator('th', { hasText: new RegExp(`^${key}$`) }), hasText: value });
    await expect(keyValue('home_city', 'London').count()).resolves.toBe(1);
    await expect(keyValue('submission_id', 'sub-0123456789abcdef').count()).resolves.toBe(2);
    await expect(page.locator('pre:visible').count()).resolves.toBe(0);
  });

  it('shows the raw JSON on demand, still without horizontal overflow, and keeps it open across refreshes', async () => {
    await page.getByText('Raw JSON').first().click();
    await expect(page.locator('pre:visible').first().textContent()).resolves.toContain('"submission_id": "sub-0123456789abcdef"');
    await page.screenshot({ path: 'test-results/sandbox-page-1280-raw.png', fullPage: true });
    expect(await overflow(page)).toEqual({ page: 1280, window: 1280 });
    // The page polls every second: an opened view must survive the next refresh.
    for (let i = 0; i < 2; i++) {
      const status = await page.locator('#status').textContent();
      await page.waitForFunction((before) => document.getElementById('status')!.textContent !== before, status);
    }
    await expect(page.locator('pre:visible').count()).resolves.toBe(1);
  });
});
