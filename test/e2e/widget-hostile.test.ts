/**
 * A hostile host page: `* { all: unset }`, hidden inputs and buttons, rules aimed at our element and
 * at [popover]/dialog, colliding custom properties, max z-index overlays, and a strict CSP without
 * 'unsafe-inline'. Every layout must still render on top, submit, and leave the page's styles alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import { startWidgetStack, visibleOnTop, waitForUser, type WidgetStack } from './fixtures/widget-stack.ts';

const LAYOUTS = ['modal', 'slide-in', 'bar', 'fullscreen', 'inline'] as const;
const HOST_ELEMENTS = ['html', 'body', 'header', 'h1', 'main', '#copy', '#before', '#search', 'section', '#newsletter', '.overlay.top', '.overlay.bottom'];
// An inline form takes room in the page: the heights of the boxes around it change, as they should.
const GROWS_WITH_INLINE = new Set(['height', 'block-size', 'perspective-origin', 'transform-origin']);

const RECORD_CSP = `(${() => {
  const w = window as unknown as { cspViolations: string[] };
  w.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
}})()`;

function hostStyles(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate((selectors) => {
    const out: Record<string, Record<string, string>> = {};
    for (const sel of selectors) {
      const cs = getComputedStyle(document.querySelector(sel)!);
      out[sel] = Object.fromEntries(Array.from(cs, (name) => [name, cs.getPropertyValue(name)]));
    }
    return out;
  }, HOST_ELEMENTS);
}

describe('the widget on a hostile host page', () => {
  let stack: WidgetStack;
  let browser: Browser;
  let baseline: Record<string, Record<string, string>>;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWidgetStack(), launchChromium()]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${stack.pages.url}/hostile.html`);
    await page.waitForFunction(() => typeof (window as unknown as { inlet?: unknown }).inlet === 'function' && !('q' in (window as unknown as { inlet: object }).inlet));
    baseline = await hostStyles(page);
    await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  for (const layout of LAYOUTS) {
    it(`renders the ${layout} form on top, submits it under the strict CSP, and leaves the page's styles unchanged`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.addInitScript(RECORD_CSP);
      await page.goto(`${stack.pages.url}/hostile.html?form=${layout}`);
      await page.locator('inlet-form .s').waitFor({ state: 'visible' });
      await page.screenshot({ path: `test-results/widget-hostile-${layout}.png` });

      expect(await visibleOnTop(page, '.s')).toMatchObject({ inViewport: true, onTop: true });
      // Our defaults, not the page's reset, font or colliding custom properties.
      const look = await page.locator('inlet-form input[name=email]').evaluate((el) => {
        const cs = getComputedStyle(el);
        const submit = getComputedStyle(el.closest('form')!.querySelector('.submit')!);
        return { display: cs.display, fontSize: cs.fontSize, textTransform: cs.textTransform, submitBg: submit.backgroundColor };
      });
      expect(look).toEqual({ display: 'block', fontSize: '16px', textTransform: 'none', submitBg: layout === 'fullscreen' ? 'rgb(59, 42, 143)' : 'rgb(11, 107, 80)' });

      const email = `hostile-${layout}@example.com`;
      await page.locator('inlet-form input[name=email]').fill(email);
      await page.locator('inlet-form .submit').click();
      await page.getByText('WELCOME10').waitFor();
      await waitForUser(stack, email);

      expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
      const after = await hostStyles(page);
      const changed = HOST_ELEMENTS.flatMap((sel) =>
        Object.keys(baseline[sel]!)
          .filter((prop) => after[sel]![prop] !== baseline[sel]![prop] && !(layout === 'inline' && GROWS_WITH_INLINE.has(prop)))
          .map((prop) => `${sel} ${prop}: ${baseline[sel]![prop]} → ${after[sel]![prop]}`),
      );
      expect(changed).toEqual([]);
      expect(await page.evaluate(() => document.head.querySelectorAll('style, link[rel=modulepreload]').length)).toBe(0);
      await context.close();
    });
  }
});
