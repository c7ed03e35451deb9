/**
 * A right-to-left page (Hebrew, `dir="rtl"`) in Chromium, Firefox and WebKit: the form inherits the
 * page's direction through its shadow root (which `all: initial` on the host must not reset), its
 * text starts at the right, it opens where a person sees it, and a sign-up still reaches Braze.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWidgetStack, waitForUser, type WidgetStack } from '../e2e/fixtures/widget-stack.ts';
import { eachEngine } from './each-engine.ts';
import { openForm } from './widget-page.ts';

let stack: WidgetStack;
beforeAll(async () => {
  stack = await startWidgetStack();
});
afterAll(() => stack?.close());

eachEngine('right-to-left page', (engine, name) => {
  for (const layout of ['modal', 'inline'] as const) {
    it(`lays the ${layout} form out right to left and delivers its sign-up, in ${name}`, async () => {
      const w = await openForm(engine(), stack, layout, { path: 'rtl.html' });
      try {
        expect(await w.identify()).toBe(name);
        await w.rect('.s');
        await w.screenshot(`rtl-${layout}`);
        expect(await w.visibleOnTop('.s')).toMatchObject({ inViewport: true, onTop: true });
        const layoutFacts = await w.page.eval(() => {
          const root = document.querySelector('inlet-form')!.shadowRoot!;
          const form = root.querySelector('.s') as HTMLElement;
          const label = [...root.querySelectorAll('label')].find((l) => (l.textContent ?? '').includes('Email'))!;
          // Where the label's words are, not its box: a Range around its text.
          const range = document.createRange();
          range.selectNodeContents(label);
          const text = range.getBoundingClientRect();
          const box = form.getBoundingClientRect();
          return {
            direction: getComputedStyle(form).direction,
            inputDirection: getComputedStyle(root.querySelector('input[name=email]')!).direction,
            gapAtStart: box.right - text.right,
            gapAtEnd: text.left - box.left,
          };
        });
        expect(layoutFacts.direction).toBe('rtl');
        expect(layoutFacts.inputDirection).toBe('rtl');
        // The label's text hugs the right edge (the start of a right-to-left line), not the left.
        expect(layoutFacts.gapAtStart).toBeLessThan(layoutFacts.gapAtEnd);
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
});
