/**
 * The form speaks its own language and direction: an English form on a right-to-left page stays
 * left to right, an Arabic form on a left-to-right page mirrors. Compared by element positions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import { startStack, type Stack } from '../../demo/stack.ts';
import { axeViolations } from './fixtures/widget-stack.ts';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  stack = await startStack({ outboxPath: false });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function layout(locale: string, pageDir: 'rtl' | 'ltr') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.addInitScript(`document.documentElement.dir = ${JSON.stringify(pageDir)}`);
  await page.goto(`${stack.storefront.url}/gallery.html?open=tpl-welcome-split`);
  await page.locator('inlet-form .panel').waitFor({ state: 'visible' });
  const facts = await page.evaluate(() => {
    const root = document.querySelector('inlet-form')!.shadowRoot!;
    const box = (sel: string) => root.querySelector(sel)!.getBoundingClientRect();
    const wrapper = root.querySelector('.root') as HTMLElement;
    const h2 = root.querySelector('h2')!;
    const range = document.createRange();
    range.selectNodeContents(h2);
    const text = range.getBoundingClientRect();
    return {
      lang: wrapper.lang,
      dir: wrapper.dir,
      direction: getComputedStyle(h2).direction,
      image: box('.media'),
      content: box('.content'),
      close: box('.close'),
      title: h2.textContent,
      heading: { box: h2.getBoundingClientRect(), text },
    };
  });
  await page.screenshot({ path: `test-results/direction-${locale}-on-${pageDir}.png` });
  const violations = await axeViolations(page);
  await context.close();
  return { ...facts, violations };
}

describe('direction', () => {
  it('keeps an English form left to right on a right-to-left page: image left, close button right, text from the left', async () => {
    const f = await layout('en-US', 'rtl');
    expect([f.lang, f.dir, f.direction]).toEqual(['en', 'ltr', 'ltr']);
    expect(f.image.right).toBeLessThanOrEqual(f.content.left + 1);
    expect(f.close.left).toBeGreaterThan(f.content.left + f.content.width / 2);
    expect(f.heading.text.left - f.heading.box.left).toBeLessThan(2);
    expect(f.title).toBe('Take 15% off your first order');
    expect(f.violations).toEqual([]);
  });

  it('mirrors an Arabic form on a left-to-right page: image right, close button left, text from the right', async () => {
    const f = await layout('ar', 'ltr');
    expect([f.lang, f.dir, f.direction]).toEqual(['ar', 'rtl', 'rtl']);
    expect(f.image.left).toBeGreaterThanOrEqual(f.content.right - 1);
    expect(f.close.right).toBeLessThan(f.content.left + f.content.width / 2);
    expect(f.heading.box.right - f.heading.text.right).toBeLessThan(2);
    expect(f.violations).toEqual([]);
  });
});
