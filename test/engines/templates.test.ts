/**
 * One gallery template per design primitive, in Chromium, Firefox and WebKit: a split image with
 * floating labels, a full-bleed background image under an overlay, the countdown (its own lazy
 * chunk), the two-step progress indicator, and the bar. Each opens live from the demo storefront's
 * gallery, inside the viewport and on top, with its image loaded and described, and 0 axe violations.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startStack, type Stack } from '../../demo/stack.ts';
import { eachEngine } from './each-engine.ts';
import { WidgetPage } from './widget-page.ts';

const CASES = [
  { id: 'welcome-split', primitive: 'split image, floating labels', image: true },
  { id: 'full-bleed', primitive: 'background image with overlay', image: true },
  { id: 'exit-intent', primitive: 'countdown chunk', chunk: /\/countdown-[\w-]+\.js$/ },
  { id: 'email-sms', primitive: 'progress indicator', text: /1\D+2/ },
  { id: 'newsletter-bar', primitive: 'bar layout' },
] as const;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ outboxPath: false });
}, 60_000);
afterAll(() => stack?.close());

eachEngine('gallery templates', (engine, name) => {
  for (const c of CASES) {
    it(`renders ${c.id} (${c.primitive}) in ${name}`, async () => {
      const page = await engine().newPage({ width: 1280, height: 800 });
      const w = new WidgetPage(page, engine().name);
      try {
        await page.goto(`${stack.storefront.url}/gallery.html`);
        await page.eval((form: string) => (window as unknown as { inlet: (...a: unknown[]) => void }).inlet('show', form), `tpl-${c.id}`);
        await w.settled();
        expect(await w.identify()).toBe(name);
        expect(await w.visibleOnTop('.s')).toMatchObject({ inViewport: true, onTop: true });
        if ('image' in c) {
          const images = await page.eval(() =>
            [...document.querySelector('inlet-form')!.shadowRoot!.querySelectorAll('img')].map((i) => ({ loaded: i.complete && i.naturalWidth > 0, alt: i.alt.length > 0 })),
          );
          expect(images.length).toBeGreaterThan(0);
          expect(images.every((i) => i.loaded && i.alt)).toBe(true);
        }
        if ('chunk' in c) expect((await w.resources()).some((p) => c.chunk.test(p))).toBe(true);
        if ('text' in c) expect(await page.eval(() => document.querySelector('inlet-form')!.shadowRoot!.textContent ?? '')).toMatch(c.text);
        await w.screenshot(`template-${c.id}`);
        expect(await w.axeViolations()).toEqual([]);
      } finally {
        await w.close();
      }
    });
  }
});
