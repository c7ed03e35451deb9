/**
 * Issue 12 item 16, widget side: a page whose origin the site does not allow. The proxy refuses the
 * forms manifest without CORS headers, so the browser only says "Failed to fetch"; the loader's
 * console warning names the fix, `sites.<id>.origins`, with the page's origin. Real Chromium, real proxy.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'playwright-core';
import { createHandler } from '../../proxy/handler.ts';
import { fileAssets } from '../../proxy/adapters/node/assets.ts';
import { serve, type RunningServer } from '../../proxy/adapters/node/server.ts';
import { createSandbox } from '../../demo/sandbox/index.ts';
import { storefrontHandler } from '../../demo/storefront/server.ts';
import { launchChromium } from '../helpers/chromium.ts';

const ROOT = fileURLToPath(new URL('./fixtures/targeting/', import.meta.url));
let proxy: RunningServer;
let page: RunningServer;
let browser: Browser;

beforeAll(async () => {
  let handler: ((r: Request) => Promise<Response>) | undefined;
  proxy = await serve((request) => handler!(request), { port: 0 });
  page = await serve(storefrontHandler(proxy.url, ROOT), { port: 0 });
  const sandbox = createSandbox({ apiKey: 'e2e-origin' });
  handler = createHandler({
    // The page's own origin is not listed.
    config: { sites: { shop: { origins: ['https://shop.example.com'] } }, forms: [{ id: 'welcome', site: 'shop', steps: [{ fields: [{ name: 'email', type: 'email', required: true }] }] }] },
    braze: { endpoint: 'http://braze.sandbox', apiKey: 'e2e-origin' },
    fetch: (input, init) => sandbox.fetch(new Request(input, init)),
    assets: fileAssets('dist/widget'),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([proxy?.close(), page?.close()]);
});

describe('a page whose origin the site does not allow', () => {
  it("warns in the console with the fix: add the page's origin to sites.shop.origins", async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const context = await browser.newContext();
    const tab = await context.newPage();
    const warnings: string[] = [];
    const warned = new Promise<void>((resolve) =>
      tab.on('console', (m) => {
        if (m.type() !== 'warning') return;
        warnings.push(m.text());
        if (m.text().includes('inlet')) resolve();
      }),
    );
    await tab.goto(`${page.url}/page.html`);
    await warned;
    expect(warnings.filter((w) => w.includes('inlet'))).toEqual([`inlet: forms refused? Add ${page.url} to sites.shop.origins`]);
    await context.close();
  });
});
