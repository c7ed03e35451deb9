/**
 * Every layout in Chromium, Firefox and WebKit against the real proxy and the Braze sandbox: it
 * opens where a person sees it, takes focus only when modal, passes axe, and a sign-up typed with
 * a real pointer and keyboard reaches Braze. Screenshots go to test-results/engines/ (git-ignored).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWidgetStack, waitForUser, type WidgetStack } from '../e2e/fixtures/widget-stack.ts';
import { LAYOUT_FORMS, type LayoutForm } from '../e2e/fixtures/widget-forms.ts';
import { eachEngine } from './each-engine.ts';
import { openForm } from './widget-page.ts';

const MODAL = new Set<LayoutForm>(['modal', 'fullscreen', 'teaser']);

let stack: WidgetStack;
beforeAll(async () => {
  stack = await startWidgetStack();
});
afterAll(() => stack?.close());

eachEngine('widget layouts', (engine, name) => {
  for (const layout of Object.keys(LAYOUT_FORMS) as LayoutForm[]) {
    it(`shows the ${layout} form where a person sees it, accessible, and delivers its sign-up in ${name}`, async () => {
      const w = await openForm(engine(), stack, layout);
      try {
        expect(await w.identify()).toBe(name);
        expect(await w.page.eval(() => navigator.language)).toBe('en-US');
        if (layout === 'inline') await w.rect('.s');
        await w.screenshot(layout);
        const seen = await w.visibleOnTop('.s');
        expect(seen.inViewport).toBe(true);
        expect(seen.onTop).toBe(true);
        if (layout === 'fullscreen') expect(seen.box).toEqual({ x: 0, y: 0, width: 1280, height: 800 });
        if (layout === 'bar') expect(seen.box.y + seen.box.height).toBeCloseTo(800, 0);
        if (layout === 'slide-in') expect(seen.box.x + seen.box.width).toBeCloseTo(1280 - 16, 0);
        // Modal forms take focus into their first field; the others leave focus where the visitor had it.
        expect(await w.focused()).toBe(MODAL.has(layout) ? 'input#email' : null);
        expect(await w.bodyFocused()).toBe(!MODAL.has(layout));
        expect(await w.axeViolations()).toEqual([]);

        const email = `${layout}-${name}@example.com`;
        await w.fill('input[name=email]', email);
        await w.fill('input[name=first_name]', 'Ada');
        await w.click('button[type=submit]');
        await w.waitForText('WELCOME10');
        const user = await waitForUser(stack, email);
        expect(user.attributes.first_name).toBe('Ada');
        expect(user.attributes.landing).toBe(`${stack.pages.url}/?form=${layout}&record`);
        expect(await w.events()).toEqual([`show:${layout}:0`, `submit:${layout}:0`, `step:${layout}:1`]);
        // No phone field on these forms: the phone chunk is never fetched.
        expect((await w.resources()).filter((p) => p.startsWith('/phone-'))).toEqual([]);
      } finally {
        await w.close();
      }
    });
  }

  it(`closes a modal on Escape and leaves a teaser tab that reopens it, in ${name}`, async () => {
    const w = await openForm(engine(), stack, 'teaser');
    try {
      expect(await w.identify()).toBe(name);
      expect(await w.focused()).toBe('input#email');
      await w.page.press('Escape');
      await w.settled('.teaser');
      expect(await w.page.eval(() => document.querySelector('inlet-form')!.shadowRoot!.querySelectorAll('dialog').length)).toBe(0);
      expect(await w.focused()).toBe('button');
      expect(await w.visibleOnTop('.teaser')).toMatchObject({ inViewport: true, onTop: true });
      await w.screenshot('teaser-tab');
      await w.click('.teaser');
      await w.settled('dialog[open]');
      expect(await w.focused()).toBe('input#email');
      await w.click('button.close');
      await w.settled('.teaser');
      expect((await w.events()).map((e) => e.split(':')[0])).toEqual(['show', 'close', 'show', 'close']);
    } finally {
      await w.close();
    }
  });
});
