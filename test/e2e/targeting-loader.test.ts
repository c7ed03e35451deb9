/**
 * The loader in real Chromium: triggers, single-page-app routes, frequency across tabs and preview,
 * with the real proxy serving the built widget. Every test also checks that the UI chunk is not
 * requested before its trigger fires.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createHandler } from '../../proxy/handler.ts';
import { fileAssets } from '../../proxy/adapters/node/assets.ts';
import { serve, type RunningServer } from '../../proxy/adapters/node/server.ts';
import { createSandbox } from '../../demo/sandbox/index.ts';
import { storefrontHandler } from '../../demo/storefront/server.ts';
import { launchChromium } from '../helpers/chromium.ts';

const ROOT = fileURLToPath(new URL('./fixtures/targeting/', import.meta.url));
/** Every path is the same page; only the path differs, which is what the forms' rules look at. */
const samePage = (handler: (r: Request) => Promise<Response>) => (request: Request) => {
  const url = new URL(request.url);
  return handler(new Request(new URL(url.pathname.endsWith('.html') ? `/page.html${url.search}` : url.pathname, url), request));
};
const steps = [{ fields: [{ name: 'email', type: 'email', required: true, label: 'Email' }] }];
const form = (id: string, path: string, trigger: unknown, extra: object = {}) => ({ id, site: 'shop', steps, target: { path }, trigger: { any: [trigger] }, ...extra });

const FORMS = [
  form('exit', '/exit.html', { exitIntent: { minSeconds: 1 } }),
  form('scroll', '/scroll.html', { scroll: 50 }),
  form('click', '/click.html', { click: '#join' }),
  form('spa', '/spa.html', { delay: 1.5 }),
  form('tabs', '/tabs.html', { delay: 2 }, { frequency: { afterCloseDays: 7 } }),
  form('hidden', '/nowhere', { delay: 0 }),
];

let proxy: RunningServer;
let storefront: RunningServer;
let browser: Browser;

beforeAll(async () => {
  let handler: ((r: Request) => Promise<Response>) | undefined;
  proxy = await serve((request) => handler!(request), { port: 0 });
  storefront = await serve(samePage(storefrontHandler(proxy.url, ROOT)), { port: 0 });
  const sandbox = createSandbox({ apiKey: 'e2e-targeting' });
  handler = createHandler({
    config: { sites: { shop: { origins: [storefront.url] } }, forms: FORMS },
    braze: { endpoint: 'http://braze.sandbox', apiKey: 'e2e-targeting' },
    fetch: (input, init) => sandbox.fetch(new Request(input, init)),
    assets: fileAssets('dist/widget'),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([proxy?.close(), storefront?.close()]);
});

/** A page that logs whether (and when) the UI chunk was requested. */
async function open(context: BrowserContext, path: string) {
  const page = await context.newPage();
  const uiRequests: string[] = [];
  page.on('request', (request) => {
    if (/\/ui-[\w-]+\.js$/.test(request.url())) uiRequests.push(request.url());
  });
  await page.goto(storefront.url + path);
  await page.waitForFunction(() => typeof (window as { inlet?: unknown }).inlet == 'function');
  return { page, uiRequests };
}

const shown = (page: Page) => page.locator('inlet-form').count();
const waitShown = (page: Page) => page.locator('inlet-form').first().waitFor({ state: 'attached', timeout: 5_000 });

describe('loader in Chromium', () => {
  it('exit intent: the pointer leaving through the top shows the form; nothing loads before', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const { page, uiRequests } = await open(context, '/exit.html');
    await page.mouse.move(600, 400);
    await page.waitForTimeout(1_200);
    expect(uiRequests).toEqual([]);
    await page.mouse.move(600, 5);
    await page.mouse.move(600, -20);
    await waitShown(page);
    expect(uiRequests.length).toBe(1);
    await context.close();
  });

  it('scroll depth: shows at half the page, not before', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const { page, uiRequests } = await open(context, '/scroll.html');
    await page.mouse.move(600, 400);
    await page.mouse.wheel(0, 1_000); // (1000 + 800) / 4048 ≈ 44 %
    await page.waitForTimeout(500);
    expect([await shown(page), uiRequests.length]).toEqual([0, 0]);
    await page.mouse.wheel(0, 400);
    await waitShown(page);
    expect(uiRequests.length).toBe(1);
    await context.close();
  });

  it('click: a click inside the matching element shows the form', async () => {
    const context = await browser.newContext();
    const { page, uiRequests } = await open(context, '/click.html');
    await page.waitForTimeout(500);
    expect(uiRequests).toEqual([]);
    await page.click('#join span');
    await waitShown(page);
    expect(uiRequests.length).toBe(1);
    await context.close();
  });

  it('single-page app: leaving the matching route cancels the pending form; coming back re-arms it', async () => {
    const context = await browser.newContext();
    const { page, uiRequests } = await open(context, '/spa.html');
    await page.evaluate(() => history.pushState(null, '', '/spa-checkout'));
    await page.waitForTimeout(2_000);
    expect([await shown(page), uiRequests.length]).toEqual([0, 0]);
    await page.evaluate(() => history.pushState(null, '', '/spa.html'));
    await waitShown(page);
    await context.close();
  });

  it('frequency: a form closed in one tab is cancelled in another open tab and not shown in a new one', async () => {
    const context = await browser.newContext();
    const other = await open(context, '/tabs.html');
    const first = await open(context, '/tabs.html');
    await first.page.evaluate(() => (window as unknown as { inlet: (...a: unknown[]) => void }).inlet('show', 'tabs'));
    await waitShown(first.page);
    await first.page.evaluate(() => (window as unknown as { inlet: (...a: unknown[]) => void }).inlet('hide'));
    await first.page.locator('inlet-form').waitFor({ state: 'detached', timeout: 5_000 });
    const stored = await other.page.evaluate(() => JSON.parse(localStorage.getItem('inlet:shop')!).f.tabs);
    expect(stored).toMatchObject({ s: 1, c: expect.any(Number) });
    const late = await open(context, '/tabs.html');
    await other.page.waitForTimeout(2_500);
    expect([await shown(other.page), other.uiRequests.length, await shown(late.page), late.uiRequests.length]).toEqual([0, 0, 0, 0]);
    await context.close();
  });

  it('preview: ?inlet_preview=<form> shows a form whose targeting never matches', async () => {
    const context = await browser.newContext();
    const { page } = await open(context, '/preview.html?inlet_preview=hidden');
    await waitShown(page);
    // A marketer's preview leaves the frequency state alone.
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('inlet:shop')!).f)).toEqual({});
    await context.close();
  });
});
