/**
 * Multi-step and success primitives in Chromium against the real proxy and the Braze sandbox: the
 * "Step 1 of 2" progress indicator, and a success step with title, body, coupon and copy button,
 * apply-coupon link with the code substituted, call-to-action link, and texts chosen by what the
 * visitor actually consented to (an unticked SMS box never reads as an SMS subscription).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import { axeViolations, openForm, startWidgetStack, waitForUser, type WidgetStack } from './fixtures/widget-stack.ts';
import { designForms } from './fixtures/design-forms.ts';
import { SANDBOX_EMAIL_GROUP, SANDBOX_SMS_GROUP } from '../../demo/sandbox/options.ts';

let stack: WidgetStack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startWidgetStack({ forms: designForms() }), launchChromium()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const progress = (page: Page) =>
  page.evaluate(() => {
    const p = document.querySelector('inlet-form')!.shadowRoot!.querySelector('.progress');
    return p && { text: p.textContent, bars: [...p.querySelectorAll('i')].map((i) => i.className === 'on'), hidden: p.querySelector('span')!.getAttribute('aria-hidden') };
  });

/** The success step as shown: heading, body, coupon, its buttons and links. */
const success = (page: Page) =>
  page.evaluate(() => {
    const s = document.querySelector('inlet-form')!.shadowRoot!.querySelector('.success')!;
    return {
      title: s.querySelector('h2')!.textContent,
      body: s.querySelector('.body')?.textContent ?? null,
      coupon: s.querySelector('.coupon code')?.textContent ?? null,
      buttons: [...s.querySelectorAll('button')].map((b) => b.textContent),
      links: [...s.querySelectorAll('a')].map((a) => ({ label: a.textContent, href: a.getAttribute('href') })),
      text: s.textContent,
    };
  });

async function stepOne(page: Page, address: string, emailConsent: boolean) {
  await page.getByRole('textbox', { name: 'Email' }).fill(address);
  if (emailConsent) await page.getByRole('checkbox', { name: 'Send me news and offers by email.' }).check();
  await page.getByRole('button', { name: 'Sign me up' }).click();
  await page.getByRole('heading', { name: 'Get texts too?' }).waitFor();
}

describe('progress indicator', () => {
  it('reads "Step 1 of 2", then "Step 2 of 2", with one bar per field step lit up to the current one', async () => {
    const page = await openForm(browser, stack, 'd-success');
    try {
      expect(await progress(page)).toEqual({ text: 'Step 1 of 2', bars: [true, false], hidden: 'true' });
      // It sits above the title.
      expect(await page.evaluate(() => {
        const root = document.querySelector('inlet-form')!.shadowRoot!;
        return root.querySelector('.progress')!.getBoundingClientRect().bottom <= root.querySelector('h2')!.getBoundingClientRect().top;
      })).toBe(true);
      await stepOne(page, 'progress@example.com', false);
      expect(await progress(page)).toEqual({ text: 'Step 2 of 2', bars: [true, true], hidden: 'true' });
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('is absent from forms that do not ask for it', async () => {
    const page = await openForm(browser, stack, 'd-cta');
    try {
      expect(await progress(page)).toBeNull();
    } finally {
      await page.context().close();
    }
  });
});

describe('success step', () => {
  it('says nothing about SMS when the SMS box was left unticked, though a number was typed; shows the coupon, copies it and links to apply it', async () => {
    const page = await openForm(browser, stack, 'd-success', { permissions: ['clipboard-read', 'clipboard-write'] });
    try {
      await stepOne(page, 'no-sms@example.com', true);
      await page.getByRole('textbox', { name: 'Mobile number' }).fill('2015550123');
      await page.getByRole('button', { name: 'Finish' }).click();
      await page.locator('inlet-form .success').waitFor();
      const s = await success(page);
      expect(s.title).toBe('Check your inbox');
      expect(s.body).toBe('We sent your code by email too.');
      expect(s.text).not.toMatch(/SMS|text/i);
      expect(s.coupon).toBe('HELLO-15');
      expect(s.links).toEqual([{ label: 'Apply at checkout', href: '/discount/HELLO-15?redirect=/cart' }]);
      expect(s.buttons).toEqual(['Copy code', 'Done']);
      expect(await progress(page)).toBeNull();

      await page.getByRole('button', { name: 'Copy code' }).click();
      await page.getByRole('button', { name: 'Copied!' }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('HELLO-15');
      // Announced too, not only shown on the button.
      expect(await page.locator('inlet-form .success [role=status]').textContent()).toBe('Copied!');
      expect(await axeViolations(page)).toEqual([]);

      // What the text says is what Braze holds.
      const user = await waitForUser(stack, 'no-sms@example.com', (u) => Boolean(u.phone));
      expect(user.subscription_groups[SANDBOX_EMAIL_GROUP]).toBe('subscribed');
      expect(user.subscription_groups[SANDBOX_SMS_GROUP]).not.toBe('subscribed');
    } finally {
      await page.context().close();
    }
  });

  it('confirms the SMS subscription when the visitor ticked the SMS box', async () => {
    const page = await openForm(browser, stack, 'd-success');
    try {
      await stepOne(page, 'sms-yes@example.com', true);
      await page.getByRole('textbox', { name: 'Mobile number' }).fill('2015550124');
      await page.getByRole('checkbox', { name: /Text me offers/ }).check();
      await page.getByRole('button', { name: 'Finish' }).click();
      await page.locator('inlet-form .success').waitFor();
      expect(await success(page)).toMatchObject({ title: "You're subscribed to SMS", body: 'Your first text is on its way.', coupon: 'HELLO-15' });
      const user = await waitForUser(stack, 'sms-yes@example.com', (u) => u.subscription_groups[SANDBOX_SMS_GROUP] === 'subscribed');
      expect(user.phone).toBe('+12015550124');
    } finally {
      await page.context().close();
    }
  });

  it('uses the "none" texts, with the step\'s body, when nothing was consented to and the SMS step was skipped', async () => {
    const page = await openForm(browser, stack, 'd-success');
    try {
      await stepOne(page, 'nothing@example.com', false);
      await page.getByRole('button', { name: 'No thanks' }).click();
      await page.locator('inlet-form .success').waitFor();
      // "none" sets only a title: the body falls back to the step's own.
      expect(await success(page)).toMatchObject({ title: 'Here is your code', body: 'Your code works on everything.' });
    } finally {
      await page.context().close();
    }
  });

  it('offers a call-to-action link button, and "Done" as the secondary action', async () => {
    const page = await openForm(browser, stack, 'd-cta');
    try {
      await page.getByRole('textbox', { name: 'Email' }).fill('cta@example.com');
      await page.getByRole('button', { name: 'Sign me up' }).click();
      await page.locator('inlet-form .success').waitFor();
      const s = await success(page);
      expect(s).toMatchObject({ title: 'Subscribed', body: null, coupon: null, buttons: ['Done'], links: [{ label: 'See new arrivals', href: '/new' }] });
      const classes = await page.evaluate(() => [...document.querySelector('inlet-form')!.shadowRoot!.querySelectorAll('.success a, .success button')].map((e) => e.className));
      expect(classes).toEqual(['submit', 'skip']);
      await page.getByRole('link', { name: 'See new arrivals' }).click();
      await page.waitForURL(/\/new$/);
    } finally {
      await page.context().close();
    }
  });
});
