/**
 * Direction in Chromium, Firefox and WebKit: the form speaks its own language and direction
 * (docs/design.md). An English form on a Hebrew `dir="rtl"` page stays left to right — its text
 * starts at the left, nothing is mirrored — and its sign-up still reaches Braze; an Arabic form on a
 * left-to-right page mirrors: text from the right, the image at the start (right) of the form.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startStack, type Stack } from '../../demo/stack.ts';
import { startWidgetStack, waitForUser, type WidgetStack } from '../e2e/fixtures/widget-stack.ts';
import { eachEngine } from './each-engine.ts';
import { openForm, WidgetPage } from './widget-page.ts';

let stack: WidgetStack;
let demo: Stack;
beforeAll(async () => {
  stack = await startWidgetStack();
  demo = await startStack({ outboxPath: false });
}, 60_000);
afterAll(async () => {
  await stack?.close();
  await demo?.close();
});

/** Where a form's heading/label words sit inside the form, and the direction it computes. */
function facts(labelText: string) {
  const root = document.querySelector('inlet-form')!.shadowRoot!;
  const form = root.querySelector('.s') as HTMLElement;
  const label = [...root.querySelectorAll('label, h2')].find((l) => (l.textContent ?? '').includes(labelText))!;
  // Where the words are, not the element's box: a Range around its text.
  const range = document.createRange();
  range.selectNodeContents(label);
  const text = range.getBoundingClientRect();
  // The text column: beside the image in a split layout, else the whole form.
  const box = ((root.querySelector('.content') as HTMLElement | null) ?? form).getBoundingClientRect();
  const media = root.querySelector('.media')?.getBoundingClientRect();
  return {
    lang: (root.querySelector('.root') as HTMLElement | null)?.lang ?? null,
    direction: getComputedStyle(label).direction,
    rightGap: box.right - text.right,
    leftGap: text.left - box.left,
    mediaCentre: media ? media.left + media.width / 2 : null,
    formCentre: form.getBoundingClientRect().left + form.getBoundingClientRect().width / 2,
  };
}

eachEngine('direction', (engine, name) => {
  for (const layout of ['modal', 'inline'] as const) {
    it(`keeps an English ${layout} form left to right on a right-to-left page and delivers its sign-up, in ${name}`, async () => {
      const w = await openForm(engine(), stack, layout, { path: 'rtl.html' });
      try {
        expect(await w.identify()).toBe(name);
        await w.screenshot(`rtl-page-${layout}`);
        expect(await w.visibleOnTop('.s')).toMatchObject({ inViewport: true, onTop: true });
        const f = await w.page.eval(facts, 'Email');
        expect([f.lang, f.direction]).toEqual(['en', 'ltr']);
        // The label's words start at the left edge of a left-to-right line.
        expect(f.leftGap).toBeLessThan(f.rightGap);
        expect(await w.axeViolations()).toEqual([]);

        const email = `rtl-${layout}-${name}@example.com`;
        await w.fill('input[name=email]', email);
        await w.click('button[type=submit]');
        await w.waitForText('WELCOME10');
        const user = await waitForUser(stack, email);
        expect(user.attributes.landing).toBe(`${stack.pages.url}/rtl.html?form=${layout}&record`);
      } finally {
        await w.close();
      }
    });
  }

  it(`mirrors an Arabic form on a left-to-right page, in ${name}`, async () => {
    const page = await engine().newPage({ width: 1280, height: 800 });
    const w = new WidgetPage(page, engine().name);
    try {
      await page.goto(`${demo.storefront.url}/gallery.html`);
      // An Arabic-speaking visitor: the form picks its language from the browser's list.
      await page.eval(() => {
        Object.defineProperty(navigator, 'languages', { get: () => ['ar'] });
        Object.defineProperty(navigator, 'language', { get: () => 'ar' });
        (window as unknown as { inlet: (...a: unknown[]) => void }).inlet('show', 'tpl-welcome-split');
      });
      await w.settled();
      expect(await w.identify()).toBe(name);
      await w.screenshot('arabic-on-ltr');
      const title = await page.eval(() => document.querySelector('inlet-form')!.shadowRoot!.querySelector('h2')!.textContent ?? '');
      const f = await page.eval(facts, title.slice(0, 4));
      expect([f.lang, f.direction]).toEqual(['ar', 'rtl']);
      expect(f.rightGap).toBeLessThan(f.leftGap);
      // `placement: "start"`: the image is at the start of the line, the right in Arabic.
      expect(f.mediaCentre).toBeGreaterThan(f.formCentre);
      expect(await w.axeViolations()).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
