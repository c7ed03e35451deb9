/**
 * The urgency countdown in Chromium with Playwright's fake clock: to a date, or for N minutes after
 * the visitor first saw the form (kept across page views); the layout stays still from the
 * placeholder through every tick; its chunk is fetched only by forms that have one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import { axeViolations, openForm, startWidgetStack, type WidgetStack } from './fixtures/widget-stack.ts';
import { designForms } from './fixtures/design-forms.ts';

let stack: WidgetStack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startWidgetStack({ forms: designForms() }), launchChromium()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const COUNT_SHIFTS = `(${() => {
  const w = window as unknown as { shifts: number };
  w.shifts = 0;
  new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.shifts += (e as unknown as { value: number }).value))).observe({ type: 'layout-shift', buffered: true });
}})()`;

/** The countdown as shown, and where it and the field under it sit. */
const countdown = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('inlet-form')!.shadowRoot!;
    const p = root.querySelector('.countdown')!;
    const r = (el: Element) => {
      const b = el.getBoundingClientRect();
      return [b.left, b.top, b.width, b.height].map((n) => Math.round(n * 10) / 10);
    };
    return { role: p.getAttribute('role'), label: p.firstChild!.textContent, time: p.querySelector('b')!.textContent!, box: r(p), digits: r(p.querySelector('b')!), next: r(root.querySelector('.field')!), shifts: (window as unknown as { shifts: number }).shifts };
  });

const seconds = (hms: string) => hms.split(':').reduce((s, part) => s * 60 + Number(part), 0);

/** Holds the countdown chunk back until `release()`, so the placeholder can be measured. */
async function holdChunk(page: Page) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route(/\/countdown-[\w-]+\.js$/, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

describe('countdown', () => {
  it('counts down to its date under the title, and nothing moves from the placeholder through the ticks', async () => {
    let release!: () => void;
    const end = Date.parse('2026-12-01T00:00:00Z');
    const page = await openForm(browser, stack, 'd-countdown-date', {
      before: async (p) => {
        await p.clock.install({ time: end - 3690_000 });
        await p.addInitScript(COUNT_SHIFTS);
        release = await holdChunk(p);
      },
    });
    try {
      const placeholder = await countdown(page);
      expect(placeholder).toMatchObject({ role: 'timer', label: 'Sale ends in', time: '--:--:--' });
      const below = await page.evaluate(() => {
        const root = document.querySelector('inlet-form')!.shadowRoot!;
        return root.querySelector('.countdown')!.getBoundingClientRect().top >= root.querySelector('h2')!.getBoundingClientRect().bottom;
      });
      expect(below).toBe(true);
      release();
      await page.waitForFunction(() => !document.querySelector('inlet-form')!.shadowRoot!.querySelector('.countdown b')!.textContent!.startsWith('-'));
      await page.clock.pauseAt(end - 3600_000);
      const first = await countdown(page);
      // The last tick ran up to a second before the pause.
      expect(seconds(first.time)).toBeGreaterThanOrEqual(3600);
      expect(seconds(first.time)).toBeLessThanOrEqual(3601);
      await page.clock.runFor(61_000);
      const later = await countdown(page);
      expect(seconds(first.time) - seconds(later.time)).toBe(61);
      for (const sample of [first, later]) {
        expect(sample.box).toEqual(placeholder.box);
        expect(sample.digits).toEqual(placeholder.digits);
        expect(sample.next).toEqual(placeholder.next);
      }
      expect(later.shifts).toBe(0);
      // Past the date it stops at zero.
      await page.clock.fastForward(3600_000);
      await page.clock.runFor(1000);
      expect((await countdown(page)).time).toBe('00:00:00');
      // axe-core waits on timers: let the clock run again.
      await page.clock.resume();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('counts N minutes from the first view, never more, and keeps counting from it on the next page view', async () => {
    const start = Date.parse('2026-11-20T10:00:00Z');
    let release!: () => void;
    const page = await openForm(browser, stack, 'd-countdown-minutes', {
      before: async (p) => {
        await p.clock.install({ time: start });
        // The chunk arrives late (a slow network): the first time shown must still start from 10:00.
        release = await holdChunk(p);
      },
    });
    try {
      expect((await countdown(page)).label).toBe('Offer ends in');
      await page.waitForTimeout(1500);
      release();
      await page.waitForFunction(() => !document.querySelector('inlet-form')!.shadowRoot!.querySelector('.countdown b')!.textContent!.startsWith('-'));
      const shown = seconds((await countdown(page)).time);
      expect(shown).toBeLessThanOrEqual(600);
      expect(shown).toBeGreaterThan(590);
      await page.clock.pauseAt(start + 5 * 60_000);
      await page.clock.runFor(1000);
      // Five minutes on, the next page view continues from the first view, not from 10:00 again.
      await page.reload();
      await page.locator('inlet-form .panel').waitFor({ state: 'visible' });
      await page.clock.runFor(2000);
      const again = seconds((await countdown(page)).time);
      expect(again).toBeLessThanOrEqual(300);
      expect(again).toBeGreaterThan(290);
    } finally {
      await page.context().close();
    }
    // A visitor who never saw it (fresh storage) starts from the full ten minutes.
    const fresh = await openForm(browser, stack, 'd-countdown-minutes', { before: (p) => p.clock.install({ time: start + 5 * 60_000 }) });
    try {
      await fresh.waitForFunction(() => !document.querySelector('inlet-form')!.shadowRoot!.querySelector('.countdown b')!.textContent!.startsWith('-'));
      expect(seconds((await countdown(fresh)).time)).toBeGreaterThan(590);
    } finally {
      await fresh.context().close();
    }
  });

  it('is fetched only by forms that show one', async () => {
    const fetched: Record<string, string[]> = {};
    for (const form of ['d-sheet', 'd-countdown-date']) {
      const requests: string[] = [];
      const page = await openForm(browser, stack, form, { before: async (p) => void p.on('request', (r) => requests.push(new URL(r.url()).pathname)) });
      try {
        await page.waitForLoadState('networkidle');
        fetched[form] = requests.filter((p) => /^\/countdown-[\w-]+\.js$/.test(p));
      } finally {
        await page.context().close();
      }
    }
    expect(fetched['d-sheet']).toEqual([]);
    expect(fetched['d-countdown-date']).toHaveLength(1);
  });
});
