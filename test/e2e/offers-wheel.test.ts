/**
 * Spin-to-win in Chromium: the sign-up is accepted, the proxy draws the prize, the wheel chunk is
 * fetched only now (not by forms without a wheel), the wheel comes to rest with the drawn segment
 * under the pointer, the code is announced and copied, and the profile in the Braze sandbox got the
 * code in the sign-up's own /users/track call. Reduced motion shows the result without turning.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import { createHandler } from '../../proxy/handler.ts';
import { fileAssets } from '../../proxy/adapters/node/assets.ts';
import { openOutboxFile } from '../../proxy/adapters/node/delivery.ts';
import { serve, type RunningServer } from '../../proxy/adapters/node/server.ts';
import { startSandbox } from '../../demo/sandbox/server.ts';
import { startStorefront } from '../../demo/storefront/server.ts';
import { axeViolations } from './fixtures/widget-stack.ts';

const API_KEY = 'offers-e2e-key';
const SEGMENTS = ['10% off', 'Free shipping', '15% off', '20% off', '25% off', 'Gift'];

describe('the spin-to-win wheel in Chromium', () => {
  let browser: Browser;
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let proxy: RunningServer;
  let pages: RunningServer;
  const dir = mkdtempSync(join(tmpdir(), 'inlet-wheel-'));
  const file = openOutboxFile(join(dir, 'offers.sqlite'));

  beforeAll(async () => {
    [sandbox, browser] = await Promise.all([startSandbox({ port: 0, apiKey: API_KEY }), launchChromium()]);
    let handler: ((r: Request) => Promise<Response>) | undefined;
    proxy = await serve((request) => handler!(request), { port: 0 });
    pages = await startStorefront({ inletUrl: proxy.url, root: fileURLToPath(new URL('./fixtures/widget/', import.meta.url)) });
    await file.offers.add('shop', 'spin', Array.from({ length: 20 }, (_, i) => `SPIN-${String(i).padStart(3, '0')}`), Date.now());
    handler = createHandler({
      config: {
        sites: {
          shop: {
            origins: [pages.url],
            botProtection: { honeypot: true, minFillMs: 0 },
            attributes: { spin_code: { type: 'string' } },
            offers: { pools: { spin: { attribute: 'spin_code', fallback: { code: 'THANKS5' } } } },
          },
        },
        forms: [
          {
            id: 'wheel',
            site: 'shop',
            offer: { wheel: { segments: SEGMENTS.map((label) => ({ label, weight: 1, pool: 'spin' })) } },
            steps: [{ text: { title: 'Spin to win' }, fields: [{ name: 'email', type: 'email', label: 'Email', required: true }] }, { success: { title: 'Your prize' } }],
          },
          { id: 'plain', site: 'shop', steps: [{ text: { title: 'News' }, fields: [{ name: 'email', type: 'email', label: 'Email', required: true }] }, { success: { title: 'Thanks' } }] },
        ],
      },
      braze: { endpoint: sandbox.url, apiKey: API_KEY },
      assets: fileAssets('dist/widget'),
      offers: file.offers,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([proxy?.close(), pages?.close(), sandbox?.close()]);
    file.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function signUp(email: string, reducedMotion: 'reduce' | 'no-preference') {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const chunks: string[] = [];
    page.on('request', (r) => chunks.push(new URL(r.url()).pathname));
    const answer = new Promise<{ offer: { code?: string; segment: number } }>((resolve) => page.on('response', async (r) => r.url().endsWith('/v1/submissions') && resolve(await r.json())));
    await page.goto(`${pages.url}/?form=wheel`);
    await page.locator('inlet-form dialog[open]').waitFor();
    expect(chunks.filter((p) => p.startsWith('/wheel-'))).toEqual([]);
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');
    const { offer } = await answer;
    const spin = page.getByRole('button', { name: 'Spin the wheel' });
    await spin.waitFor();
    expect(chunks.filter((p) => p.startsWith('/wheel-'))).toHaveLength(1);
    return { context, page, offer, spin };
  }

  /** The segment under the top pointer, from the wheel's computed rotation (as drawn, not as the code intended). */
  const segmentUnderPointer = (page: Page) =>
    page.evaluate((n) => {
      const disc = document.querySelector('inlet-form')!.shadowRoot!.querySelector('.wheel svg')!;
      const [a, b] = new DOMMatrix(getComputedStyle(disc).transform).toString().match(/-?[\d.e-]+/g)!.map(Number) as [number, number];
      const angle = ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360;
      // The disc turned clockwise by `angle`: the point now at the top was at 360° - angle.
      return Math.floor(((360 - angle + 360) % 360) / (360 / n)) % n;
    }, SEGMENTS.length);

  it('spins with the keyboard, lands on the proxy’s prize, announces it, copies the code, and the code reaches Braze in the sign-up’s own call', async () => {
    const { context, page, offer, spin } = await signUp('spinner@example.com', 'no-preference');
    expect(await axeViolations(page)).toEqual([]);
    await spin.focus();
    await page.keyboard.press('Enter');
    // Mid-spin the disc is still turning: the transition runs for seconds.
    await page.waitForTimeout(500);
    const status = page.getByRole('status').filter({ hasText: 'You won' });
    expect(await status.count()).toBe(0);
    await status.waitFor({ timeout: 10_000 });
    expect(await status.textContent()).toBe(`You won: ${SEGMENTS[offer.segment]}`);
    expect(await segmentUnderPointer(page)).toBe(offer.segment);
    const code = offer.code!;
    expect(code).toMatch(/^SPIN-\d{3}$/);
    await page.locator('inlet-form .coupon code').filter({ hasText: code }).waitFor();
    await page.getByRole('button', { name: 'Copy code' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    expect(await axeViolations(page)).toEqual([]);

    {
      let track: { body?: { attributes?: Record<string, unknown>[] } }[] = [];
      for (let i = 0; i < 50 && track.length === 0; i++) {
        const log = (await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()) as { requests: { path: string; body?: { attributes?: Record<string, unknown>[] } }[] };
        track = log.requests.filter((r) => r.path === '/users/track' && r.body?.attributes?.some((a) => a.email === 'spinner@example.com'));
        if (!track.length) await new Promise((r) => setTimeout(r, 100));
      }
      expect(track).toHaveLength(1);
      expect(track[0]!.body!.attributes).toEqual([expect.objectContaining({ email: 'spinner@example.com', spin_code: code })]);
    }
    await context.close();
  });

  it('with reduced motion shows the result at once, without turning', async () => {
    const { context, page, offer, spin } = await signUp('still@example.com', 'reduce');
    await spin.click();
    // No wait for an animation: the announcement is there straight away and the disc never transitioned.
    const status = page.getByRole('status').filter({ hasText: 'You won' });
    await status.waitFor({ timeout: 500 });
    expect(await status.textContent()).toBe(`You won: ${SEGMENTS[offer.segment]}`);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('inlet-form')!.shadowRoot!.querySelector('.wheel svg')!).transitionDuration)).toBe('0s');
    expect(await segmentUnderPointer(page)).toBe(offer.segment);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('never fetches the wheel chunk for a form without a wheel', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const chunks: string[] = [];
    page.on('request', (r) => chunks.push(new URL(r.url()).pathname));
    await page.goto(`${pages.url}/?form=plain`);
    await page.locator('inlet-form dialog[open]').waitFor();
    await page.keyboard.type('plain@example.com');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Thanks' }).waitFor();
    expect(chunks.filter((p) => p.startsWith('/ui-'))).toHaveLength(1);
    expect(chunks.filter((p) => p.startsWith('/wheel-'))).toEqual([]);
    await context.close();
  });
});
