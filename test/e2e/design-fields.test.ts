/**
 * The field primitives as a visitor sees and hears them, in Chromium: floating and visually hidden
 * labels (still the control's accessible name), required marking by word or symbol or not at all,
 * placeholders, the privacy/terms line under the button, and a country picker that reads without
 * an emoji font (country name from Intl.DisplayNames and calling code, no flags).
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

/** Geometry and text of a field's label and control, read inside the shadow root. */
function field(page: Page, name: string) {
  return page.evaluate((n) => {
    const root = document.querySelector('inlet-form')!.shadowRoot!;
    const input = root.querySelector(`[name=${n}]`) as HTMLInputElement;
    const label = root.querySelector(`label[for="${input.id}"]`) as HTMLElement;
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    return {
      label: box(label),
      input: box(input),
      labelText: label.textContent,
      labelFontSize: parseFloat(getComputedStyle(label).fontSize),
      mark: label.querySelector('.req')?.textContent ?? null,
      markHidden: label.querySelector('.req')?.getAttribute('aria-hidden') ?? null,
      placeholder: input.getAttribute('placeholder'),
      required: input.required,
    };
  }, name);
}

describe('labels', () => {
  it('floats a label inside its empty control, moves it up on focus and keeps it up once filled; names the control; marks "required" by word', async () => {
    const page = await openForm(browser, stack, 'd-floating');
    try {
      // Focus starts in the first field; move it away to see the resting state.
      await page.locator('inlet-form input[name=first_name]').focus();
      const resting = await field(page, 'email');
      expect(resting.label.top).toBeGreaterThan(resting.input.top);
      expect(resting.label.bottom).toBeLessThan(resting.input.bottom);
      expect(resting.label.left).toBeGreaterThan(resting.input.left);
      expect(resting.labelFontSize).toBe(16);
      // The label is the hint: no placeholder competes with it.
      expect(resting.placeholder).toBeNull();
      expect([resting.labelText, resting.mark, resting.markHidden, resting.required]).toEqual(['Email (required)', ' (required)', 'true', true]);

      await page.getByRole('textbox', { name: 'Email', exact: true }).focus();
      const focused = await field(page, 'email');
      expect(focused.labelFontSize).toBe(12);
      expect(focused.label.top).toBeLessThan(resting.label.top - 4);
      expect(focused.label.top).toBeGreaterThanOrEqual(focused.input.top);

      await page.keyboard.type('ada@example.com');
      await page.locator('inlet-form input[name=first_name]').focus();
      const filled = await field(page, 'email');
      expect(filled.labelFontSize).toBe(12);
      // Typed text sits under the raised label, not on it.
      const text = await page.evaluate(() => {
        const input = document.querySelector('inlet-form')!.shadowRoot!.querySelector('[name=email]') as HTMLInputElement;
        return parseFloat(getComputedStyle(input).paddingTop);
      });
      expect(filled.input.top + text).toBeGreaterThanOrEqual(filled.label.bottom - 1);
      // Not required: no mark.
      expect((await field(page, 'first_name')).mark).toBeNull();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('hides labels visually but keeps them as accessible names, with the placeholder (or the label) as the visible hint; marks required by symbol', async () => {
    const page = await openForm(browser, stack, 'd-hidden');
    try {
      const email = await field(page, 'email');
      expect(email.label.width).toBeLessThanOrEqual(1);
      expect(email.label.height).toBeLessThanOrEqual(1);
      expect(email.placeholder).toBe('you@example.com');
      expect([email.mark, email.markHidden]).toEqual([' *', 'true']);
      // No placeholder configured: the label's text takes its place, so sighted visitors still know the field.
      expect((await field(page, 'first_name')).placeholder).toBe('First name');
      // Still announced: the accessibility tree names both controls by their labels.
      const tree = await page.locator('inlet-form dialog').ariaSnapshot();
      expect(tree).toContain('textbox "Email"');
      expect(tree).toContain('textbox "First name"');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('shows visible labels above their controls with the configured placeholders; requiredMark "none" marks nothing yet keeps the control required', async () => {
    const page = await openForm(browser, stack, 'd-plain', { locale: 'fr-FR' });
    try {
      const email = await field(page, 'email');
      expect(email.label.bottom).toBeLessThanOrEqual(email.input.top + 0.5);
      expect(email.label.width).toBeGreaterThan(20);
      expect([email.labelText, email.mark, email.required]).toEqual(['E-mail', null, true]);
      expect(email.placeholder).toBe('vous@exemple.fr');
      expect((await field(page, 'first_name')).placeholder).toBeNull();
    } finally {
      await page.context().close();
    }
  });
});

describe('privacy and terms line', () => {
  it('puts the line under the submit button with its links, in the visitor language, opening in a new tab', async () => {
    for (const [locale, text, first] of [
      ['en-US', 'We respect your privacy.', 'Privacy policy'],
      ['fr-FR', 'Nous respectons votre vie privée.', 'Confidentialité'],
    ] as const) {
      const page = await openForm(browser, stack, 'd-plain', { locale });
      try {
        const legal = await page.evaluate(() => {
          const root = document.querySelector('inlet-form')!.shadowRoot!;
          const line = root.querySelector('.legal')!;
          return {
            below: line.getBoundingClientRect().top >= root.querySelector('.submit')!.getBoundingClientRect().bottom,
            text: line.firstChild!.textContent,
            links: [...line.querySelectorAll('a')].map((a) => ({ label: a.textContent, href: a.getAttribute('href'), target: a.target, rel: a.rel, underline: getComputedStyle(a).textDecorationLine })),
          };
        });
        expect(legal.below).toBe(true);
        expect(legal.text).toBe(text);
        expect(legal.links).toEqual([
          { label: first, href: '/privacy', target: '_blank', rel: 'noopener noreferrer', underline: 'underline' },
          { label: 'Terms', href: 'https://shop.example.com/terms', target: '_blank', rel: 'noopener noreferrer', underline: 'underline' },
        ]);
        expect(await page.getByRole('link', { name: first }).isVisible()).toBe(true);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await page.context().close();
      }
    }
  });
});

describe('country picker', () => {
  const FLAGS = /[\u{1F1E6}-\u{1F1FF}]/u;

  for (const [locale, expected, shown] of [
    ['en-US', { phone: ['France (+33)', 'Germany (+49)', 'Japan (+81)', 'United States (+1)'], country: ['France', 'Germany', 'Japan'] }, 'FR +33'],
    ['fr-FR', { phone: ['Allemagne (+49)', 'États-Unis (+1)', 'France (+33)', 'Japon (+81)'], country: ['Allemagne', 'France', 'Japon'] }, 'FR +33'],
  ] as const) {
    it(`names countries in words and calling codes, never flag emoji (${locale})`, async () => {
      const page = await openForm(browser, stack, 'd-country', { locale });
      try {
        const code = page.locator('inlet-form select[name=phone_country]');
        await code.waitFor();
        const read = () =>
          page.evaluate(() => {
            const root = document.querySelector('inlet-form')!.shadowRoot!;
            const options = (sel: string) => [...root.querySelectorAll<HTMLOptionElement>(`${sel} option`)].filter((o) => o.value).map((o) => o.textContent!);
            const closed = root.querySelector('.cc > span') as HTMLElement;
            return { phone: options('select[name=phone_country]'), country: options('select[name=country]'), closed: closed.textContent, closedWidth: closed.getBoundingClientRect().width, all: root.textContent };
          });
        const before = await read();
        expect([...before.phone].sort()).toEqual([...expected.phone].sort());
        expect([...before.country].sort()).toEqual([...expected.country].sort());
        expect(before.closed).toBe(shown);
        expect(before.closedWidth).toBeGreaterThan(30);
        expect(FLAGS.test(before.all ?? '') || before.phone.some((o) => FLAGS.test(o))).toBe(false);
        await code.selectOption('JP');
        expect((await read()).closed).toBe('JP +81');
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await page.context().close();
      }
    });
  }
});
