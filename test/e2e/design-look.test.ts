/**
 * The look primitives, measured in Chromium: media placed top, start, end or behind the form with
 * an overlay (hidden or cropped on phones), button styles, close-button placement, the dark
 * variant (prefers-color-scheme: dark), a web font from its stylesheet link, and safe-area insets
 * on phones (emulated through the DevTools protocol).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import { axeViolations, openForm, startWidgetStack, type WidgetStack } from './fixtures/widget-stack.ts';
import { designForms } from './fixtures/design-forms.ts';
import { contrast, parseColour } from '../../proxy/config/contrast.ts';

let stack: WidgetStack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startWidgetStack({ forms: designForms() }), launchChromium()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const PHONE = { width: 390, height: 844 };
type Box = { left: number; top: number; right: number; bottom: number; width: number; height: number };

/** Boxes and computed styles of the open form's parts. */
function parts(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('inlet-form')!.shadowRoot!;
    const box = (sel: string): Box | null => {
      const el = root.querySelector(sel);
      if (!el || !el.getClientRects().length) return null;
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    const style = (sel: string) => {
      const s = getComputedStyle(root.querySelector(sel)!);
      return { color: s.color, background: s.backgroundColor, border: s.borderTopColor, radius: s.borderTopLeftRadius, transform: s.textTransform, font: s.fontFamily, paddingTop: s.paddingTop, paddingBottom: s.paddingBottom, fit: s.objectFit };
    };
    const img = root.querySelector('img.media') as HTMLImageElement | null;
    return {
      surface: box('.s')!,
      panel: box('.panel')!,
      content: box('.content')!,
      media: box('img.media'),
      shade: root.querySelector('.shade') ? style('.shade') : null,
      image: img && { loaded: img.complete && img.naturalWidth > 0, alt: img.alt, width: img.getAttribute('width'), height: img.getAttribute('height') },
      close: box('.close'),
      submit: box('.submit')!,
      styles: { surface: style('.s'), root: style('.root'), submit: style('.submit'), content: style('.content'), media: img ? style('img.media') : null },
    };
  });
}

async function look(form: string, options: Parameters<typeof openForm>[3] = {}) {
  const page = await openForm(browser, stack, form, options);
  await page.waitForFunction(() => [...document.querySelector('inlet-form')!.shadowRoot!.querySelectorAll('img')].every((i) => i.complete));
  return page;
}

describe('media', () => {
  it('places the image above, before, after or behind the content on a laptop, loaded with its alt text and size', async () => {
    const seen: Record<string, Awaited<ReturnType<typeof parts>>> = {};
    for (const form of ['d-media-top', 'd-media-start', 'd-media-end', 'd-media-bg']) {
      const page = await look(form);
      try {
        seen[form] = await parts(page);
        expect(seen[form]!.image).toEqual({ loaded: true, alt: 'Folded linen shirts', width: '600', height: '800' });
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await page.context().close();
      }
    }
    const top = seen['d-media-top']!;
    expect(top.media!.bottom).toBeLessThanOrEqual(top.content.top + 0.5);
    expect(top.media!.width).toBeCloseTo(top.panel.width, 0);
    expect(top.media!.height).toBeLessThanOrEqual(220);

    const start = seen['d-media-start']!;
    expect(start.media!.right).toBeLessThanOrEqual(start.content.left + 0.5);
    expect(start.media!.height).toBeCloseTo(start.panel.height, 0);
    // The split layout widens the dialog so the fields keep their width.
    expect(start.panel.width).toBeGreaterThan(top.panel.width + 200);

    const end = seen['d-media-end']!;
    expect(end.media!.left).toBeGreaterThanOrEqual(end.content.right - 0.5);

    const bg = seen['d-media-bg']!;
    for (const edge of ['left', 'top', 'right', 'bottom'] as const) expect(bg.media![edge]).toBeCloseTo(bg.panel[edge], 0);
    expect(bg.styles.media!.fit).toBe('cover');
    expect(bg.shade!.background).toBe('rgba(0, 0, 0, 0.6)');
    expect(bg.styles.root.color).toBe('rgb(255, 255, 255)');
  });

  it('on a phone, crops the image to a band above the form, or hides it when the form says so', async () => {
    for (const [form, expected] of [
      ['d-media-top', 'crop'],
      ['d-media-end', 'crop'],
      ['d-media-start', 'hide'],
    ] as const) {
      const page = await look(form, { viewport: PHONE });
      try {
        const p = await parts(page);
        if (expected === 'hide') {
          expect(p.media).toBeNull();
        } else {
          expect(p.media!.height).toBe(150);
          expect(p.media!.width).toBeCloseTo(p.panel.width, 0);
          expect(p.media!.bottom).toBeLessThanOrEqual(p.content.top + 0.5);
          expect(p.styles.media!.fit).toBe('cover');
        }
        expect(p.panel.right).toBeLessThanOrEqual(PHONE.width + 0.5);
      } finally {
        await page.context().close();
      }
    }
  });
});

describe('buttons and close button', () => {
  it('fills the submit button with the accent by default, outlines it (upper case) or makes it a pill; puts the close button at the end corner, or the start one when asked', async () => {
    const seen: Record<string, Awaited<ReturnType<typeof parts>>> = {};
    for (const form of ['d-sheet', 'd-outline', 'd-pill']) {
      const page = await look(form);
      try {
        seen[form] = await parts(page);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await page.context().close();
      }
    }
    expect(seen['d-sheet']!.styles.submit).toMatchObject({ background: 'rgb(11, 107, 80)', color: 'rgb(255, 255, 255)', radius: '8px', transform: 'none' });
    expect(seen['d-outline']!.styles.submit).toMatchObject({ background: 'rgba(0, 0, 0, 0)', color: 'rgb(59, 42, 143)', border: 'rgb(59, 42, 143)', transform: 'uppercase' });
    expect(seen['d-pill']!.styles.submit).toMatchObject({ background: 'rgb(59, 42, 143)', color: 'rgb(255, 255, 255)', radius: '99px' });

    const end = seen['d-sheet']!;
    expect(end.panel.right - end.close!.right).toBeLessThan(16);
    expect(end.close!.top - end.panel.top).toBeLessThan(16);
    const start = seen['d-outline']!;
    expect(start.close!.left - start.panel.left).toBeLessThan(16);
    expect(start.close!.top - start.panel.top).toBeLessThan(16);
  });
});

describe('typography and backdrop', () => {
  it('sizes the heading and body from the scale, uses the named family, and tints and blurs the backdrop', async () => {
    const page = await look('d-type');
    try {
      const t = await page.evaluate(() => {
        const root = document.querySelector('inlet-form')!.shadowRoot!;
        const h2 = getComputedStyle(root.querySelector('h2')!);
        const backdrop = getComputedStyle(root.querySelector('dialog')!, '::backdrop');
        return { heading: [h2.fontSize, h2.fontWeight, h2.fontFamily], body: getComputedStyle(root.querySelector('.body, .content')!).fontSize, backdrop: [backdrop.backgroundColor, backdrop.backdropFilter] };
      });
      // Body "l" is 18 px; heading "xl" is 2.4 times that.
      expect(t.heading).toEqual(['43.2px', '800', 'Georgia, serif']);
      expect(t.body).toBe('18px');
      expect(t.backdrop).toEqual(['rgba(20, 10, 40, 0.7)', 'blur(6px)']);
    } finally {
      await page.context().close();
    }
  });
});

describe('dark variant', () => {
  it('switches to the dark colours when the system prefers a dark scheme, and back', async () => {
    const page = await look('d-dark');
    try {
      const light = (await parts(page)).styles;
      expect([light.surface.background, light.root.color, light.submit.background]).toEqual(['rgb(255, 253, 248)', 'rgb(34, 34, 34)', 'rgb(11, 107, 80)']);
      await page.emulateMedia({ colorScheme: 'dark' });
      const dark = (await parts(page)).styles;
      expect([dark.surface.background, dark.root.color, dark.submit.background, dark.submit.color]).toEqual(['rgb(18, 18, 18)', 'rgb(241, 241, 241)', 'rgb(95, 212, 174)', 'rgb(11, 31, 24)']);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('renders a dark variant that sets only some colours as readable as the config check promised', async () => {
    const page = await look('d-dark-partial', { colorScheme: 'dark' });
    try {
      const s = (await parts(page)).styles;
      expect(s.surface.background).toBe('rgb(21, 21, 26)');
      const ratio = (a: string, b: string) => contrast(parseColour(a)!, parseColour(b)!);
      expect(ratio(s.root.color, s.surface.background)).toBeGreaterThanOrEqual(4.5);
      expect(ratio(s.submit.color, s.submit.background)).toBeGreaterThanOrEqual(4.5);
      expect(ratio(s.submit.background, s.surface.background)).toBeGreaterThanOrEqual(3);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});

describe('web font', () => {
  it('adds the font stylesheet to the page head once and renders the form in that family', async () => {
    const page = await look('d-font');
    try {
      await page.evaluate(() => document.fonts.ready);
      const font = await page.evaluate(() => {
        const root = document.querySelector('inlet-form')!.shadowRoot!;
        return {
          links: [...document.head.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]')].map((l) => new URL(l.href).pathname),
          family: getComputedStyle(root.querySelector('h2')!).fontFamily,
          face: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Fixture Display').map((f) => f.status),
        };
      });
      expect(font.links.filter((l) => l === '/font.css')).toHaveLength(1);
      expect(font.family).toBe('"Fixture Display", serif');
      expect(font.face).toEqual(['loaded']);
    } finally {
      await page.context().close();
    }
  });
});

describe('safe-area insets on phones', () => {
  /** Opens the form with the insets of a phone with a notch and a home indicator. */
  const withInsets = (insets: { top: number; bottom: number }) => async (page: Page) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets });
  };

  it('keeps the bottom sheet\'s button above the home indicator', async () => {
    const plain = await look('d-sheet', { viewport: PHONE });
    const inset = await look('d-sheet', { viewport: PHONE, before: withInsets({ top: 47, bottom: 34 }) });
    try {
      const [a, b] = [await parts(plain), await parts(inset)];
      expect(a.styles.content.paddingBottom).toBe('24px');
      expect(b.styles.content.paddingBottom).toBe('50px');
      expect(b.panel.bottom).toBeCloseTo(PHONE.height, 0);
      expect(b.submit.bottom).toBeLessThanOrEqual(PHONE.height - 34 - 8);
    } finally {
      await plain.context().close();
      await inset.context().close();
    }
  });

  it('keeps a full-screen form\'s close button and title below the notch', async () => {
    const page = await look('d-fullscreen-phone', { viewport: PHONE, before: withInsets({ top: 47, bottom: 34 }) });
    try {
      const p = await parts(page);
      // The form's background still reaches under the notch; only its content moves down.
      expect(p.surface.top).toBeLessThan(1);
      expect(p.close!.top).toBeGreaterThanOrEqual(47);
      const title = await page.evaluate(() => document.querySelector('inlet-form')!.shadowRoot!.querySelector('h2')!.getBoundingClientRect().top);
      expect(title).toBeGreaterThanOrEqual(47);
      expect(p.submit.bottom).toBeLessThanOrEqual(PHONE.height - 34);
    } finally {
      await page.context().close();
    }
  });
});
