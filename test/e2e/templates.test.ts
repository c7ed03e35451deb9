/**
 * Every gallery template, live in the demo storefront's gallery, as a visitor sees it on a laptop
 * (1280×800) and a phone (390×844): accessible, inside the viewport, big enough to tap, no shift of
 * the host page, images loaded with their alt text, reduced motion honoured. Screenshots go to
 * test-results/templates/; with UPDATE_DOCS=1 the 1280 ones are also written, 640 px wide, to docs/design/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import { startStack, type Stack } from '../../demo/stack.ts';
import { TEMPLATES } from '../../templates/index.ts';
import { axeViolations } from './fixtures/widget-stack.ts';

let stack: Stack;
let browser: Browser;
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];
mkdirSync('test-results/templates', { recursive: true });

beforeAll(async () => {
  stack = await startStack({ outboxPath: false });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function open(id: string, viewport: { width: number; height: number }, options: { reducedMotion?: 'reduce' | 'no-preference'; locale?: string; rtlPage?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport, reducedMotion: options.reducedMotion ?? 'reduce', locale: options.locale ?? 'en-US' });
  const page = await context.newPage();
  await page.addInitScript(`(${(rtl: boolean) => {
    const w = window as unknown as { shifts: number };
    w.shifts = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.shifts += (e as unknown as { value: number }).value))).observe({ type: 'layout-shift', buffered: true });
    if (rtl) document.documentElement.dir = 'rtl';
  }})(${Boolean(options.rtlPage)})`);
  await page.goto(`${stack.storefront.url}/gallery.html`);
  // The gallery lays itself out first; only what happens after the form opens counts as its shift.
  await page.locator('#gallery li').nth(TEMPLATES.length - 1).waitFor();
  await page.waitForTimeout(100);
  await page.evaluate((form) => {
    (window as unknown as { shifts: number }).shifts = 0;
    (window as unknown as { inlet: (...a: unknown[]) => void }).inlet('show', form);
  }, `tpl-${id}`);
  await page.locator('inlet-form .panel').first().waitFor({ state: 'visible' });
  await page.waitForFunction(() => [...document.querySelector('inlet-form')!.shadowRoot!.querySelectorAll('img')].every((i) => i.complete));
  await page.evaluate(() => document.fonts.ready);
  return page;
}

/** Layout facts about the open form, measured in the page. */
function measure(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('inlet-form')!.shadowRoot!;
    const surface = root.querySelector('.s') as HTMLElement;
    surface.scrollIntoView({ block: 'nearest' });
    const s = surface.getBoundingClientRect();
    const overflowing = [...surface.querySelectorAll<HTMLElement>('.content *:not(.sr):not(.hp):not(.hp *)')]
      .filter((el) => el.getClientRects().length && !el.closest('.sr'))
      .map((el) => [el, el.getBoundingClientRect()] as const)
      .filter(([, r]) => r.width && (r.left < s.left - 1 || r.right > s.right + 1))
      .map(([el]) => `${el.tagName.toLowerCase()}.${el.className}`);
    const controls = [...surface.querySelectorAll<HTMLElement>('button, input:not([type=hidden]), select, a.submit, .chips label')]
      .filter((el) => !el.closest('.hp') && !el.closest('.cc') && getComputedStyle(el).visibility !== 'hidden' && el.getClientRects().length)
      .map((el) => [el, el.getBoundingClientRect()] as const)
      .filter(([, r]) => r.width < 24 || r.height < 24)
      .map(([el, r]) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.width)}×${Math.round(r.height)}`);
    const images = [...root.querySelectorAll('img')].map((img) => ({ loaded: img.complete && img.naturalWidth > 0, alt: img.alt }));
    return {
      box: { left: s.left, top: s.top, right: s.right, bottom: s.bottom },
      viewport: { width: innerWidth, height: innerHeight },
      scrollsSideways: surface.scrollWidth > surface.clientWidth + 1,
      overflowing,
      smallTargets: controls,
      images,
      animation: getComputedStyle(surface).animationName,
      shifts: (window as unknown as { shifts: number }).shifts,
    };
  });
}

describe('template gallery', () => {
  for (const template of TEMPLATES) {
    const id = template.form.id;
    for (const viewport of VIEWPORTS) {
      it(`${id} at ${viewport.width}×${viewport.height}: accessible, inside the viewport, tappable, still, with its image`, async () => {
        const page = await open(id, viewport);
        try {
          expect(await axeViolations(page)).toEqual([]);
          const m = await measure(page);
          expect(m.overflowing).toEqual([]);
          expect(m.scrollsSideways).toBe(false);
          expect(m.box.left).toBeGreaterThanOrEqual(-0.5);
          expect(m.box.right).toBeLessThanOrEqual(m.viewport.width + 0.5);
          if (template.form.layout !== 'inline') {
            expect(m.box.top).toBeGreaterThanOrEqual(-0.5);
            expect(m.box.bottom).toBeLessThanOrEqual(m.viewport.height + 0.5);
          }
          expect(m.smallTargets).toEqual([]);
          expect(m.shifts).toBe(0);
          const media = (template.form as { presentation?: { media?: { alt: Record<string, string>; mobile?: string } } }).presentation?.media;
          if (media && !(viewport.width < 600 && media.mobile === 'hide')) expect(m.images).toContainEqual({ loaded: true, alt: media.alt.en });
          expect(m.animation).toBe('none');
          await page.screenshot({ path: `test-results/templates/${id}-${viewport.width}.png` });
          if (process.env.UPDATE_DOCS && viewport.width === 1280) {
            // The gallery's thumbnails load lazily: wait for those on screen, so none shows as a broken image.
            await page.waitForFunction(() => [...document.images].filter((i) => i.getBoundingClientRect().top < innerHeight).every((i) => i.complete && i.naturalWidth > 0));
            // Half size, scaled down by Chromium from a full-size shot: a 0.5 device scale factor mirrors the blurred backdrop at the edges.
            const full = await page.screenshot();
            const small = await browser.newPage({ viewport: { width: 640, height: 400 } });
            await small.setContent(`<body style="margin:0"><img src="data:image/png;base64,${full.toString('base64')}" width="640" height="400">`);
            await small.locator('img').evaluate((img: HTMLImageElement) => img.decode());
            mkdirSync('docs/design', { recursive: true });
            await small.screenshot({ path: `docs/design/${id}.png` });
            await small.close();
          }
        } finally {
          await page.context().close();
        }
      }, 30_000);
    }
  }

  it('animates the entrance for visitors who do not ask for reduced motion', async () => {
    const page = await open('welcome-split', VIEWPORTS[0]!, { reducedMotion: 'no-preference' });
    try {
      expect((await measure(page)).animation).toBe('inlet-in');
    } finally {
      await page.context().close();
    }
  });
});
