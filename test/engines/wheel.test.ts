/**
 * Spin-to-win in Chromium, Firefox and WebKit: after the sign-up the wheel (its own chunk) turns with
 * a CSS transition to the segment the proxy drew — read back from the wheel's resting rotation — the
 * live region announces that prize, the code shown is the one on the visitor's Braze profile, and
 * axe-core finds no violation. docs/offers.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHandler } from '../../proxy/handler.ts';
import { fileAssets } from '../../proxy/adapters/node/assets.ts';
import { openOutboxFile } from '../../proxy/adapters/node/delivery.ts';
import { serve, type RunningServer } from '../../proxy/adapters/node/server.ts';
import { startSandbox } from '../../demo/sandbox/server.ts';
import { startStorefront } from '../../demo/storefront/server.ts';
import { until } from '../helpers/engines/engine.ts';
import { eachEngine } from './each-engine.ts';
import { WidgetPage } from './widget-page.ts';

const API_KEY = 'engines-wheel-key';
const SEGMENTS = ['10% off', 'Free shipping', '15% off', '20% off', '25% off', 'Gift'];

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let proxy: RunningServer;
let pages: RunningServer;
const dir = mkdtempSync(join(tmpdir(), 'inlet-engines-wheel-'));
const file = openOutboxFile(join(dir, 'offers.sqlite'));

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, apiKey: API_KEY });
  let handler: ((r: Request) => Promise<Response>) | undefined;
  proxy = await serve((request) => handler!(request), { port: 0 });
  pages = await startStorefront({ inletUrl: proxy.url, root: fileURLToPath(new URL('../e2e/fixtures/widget/', import.meta.url)) });
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
      ],
    },
    braze: { endpoint: sandbox.url, apiKey: API_KEY },
    assets: fileAssets('dist/widget'),
    offers: file.offers,
  });
});
afterAll(async () => {
  await Promise.all([proxy?.close(), pages?.close(), sandbox?.close()]);
  file.db.close();
  rmSync(dir, { recursive: true, force: true });
});

eachEngine('spin-to-win', (engine, name) => {
  it(`lands the wheel on the proxy's prize and shows the code on the profile, in ${name}`, async () => {
    const page = await engine().newPage({ width: 1280, height: 900 });
    const w = new WidgetPage(page, engine().name);
    try {
      await page.goto(`${pages.url}/?form=wheel&record`);
      await w.settled();
      expect(await w.identify()).toBe(name);
      const email = `wheel-${name}@example.com`;
      await w.fill('input[name=email]', email);
      await w.click('button[type=submit]');
      await until(() => page.eval(() => Boolean(document.querySelector('inlet-form')?.shadowRoot?.querySelector('.wheel button'))), `the wheel's spin button (${name})`);
      expect((await w.resources()).some((p) => /\/wheel-[\w-]+\.js$/.test(p))).toBe(true);
      await w.click('.wheel button');
      await until(() => page.eval(() => (document.querySelector('inlet-form')!.shadowRoot!.querySelector('.wheel .won')?.textContent ?? '') !== ''), `the prize announcement (${name})`, 15_000);
      const rest = await page.eval(() => {
        const root = document.querySelector('inlet-form')!.shadowRoot!;
        const m = new DOMMatrix(getComputedStyle(root.querySelector('.wheel svg')!).transform);
        return { degrees: (Math.atan2(m.b, m.a) * 180) / Math.PI, won: root.querySelector('.wheel .won')!.textContent!, code: root.querySelector('.coupon code')?.textContent ?? null };
      });
      // At rest, segment i of n has its centre under the top pointer: rotation ≡ 360 − (i + ½)·360/n.
      const turned = (((360 - rest.degrees) % 360) + 360) % 360;
      const under = Math.round(turned / (360 / SEGMENTS.length) - 0.5) % SEGMENTS.length;
      expect(rest.won).toContain(SEGMENTS[under]!);
      const user = await until(async () => {
        const body = (await (await fetch(`${sandbox.url}/_sandbox/users`)).json()) as { users: { email?: string; attributes: Record<string, unknown> }[] };
        return body.users.find((u) => u.email === email && typeof u.attributes.spin_code === 'string');
      }, `a profile for ${email} with its code`);
      expect(rest.code).toBe(user.attributes.spin_code);
      await w.screenshot('wheel');
      expect(await w.axeViolations()).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
