/**
 * Every layout in real Chromium against the real proxy and the Braze sandbox: it opens where a
 * person would see it, takes focus only when modal, passes axe, and its sign-up reaches Braze.
 * Screenshots go to test-results/ (git-ignored) for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import { RECORD_EVENTS, axeViolations, focusedInWidget, startWidgetStack, visibleOnTop, waitForUser, type WidgetStack } from './fixtures/widget-stack.ts';
import { LAYOUT_FORMS, type LayoutForm } from './fixtures/widget-forms.ts';

const MODAL = new Set<LayoutForm>(['modal', 'fullscreen', 'teaser']);

describe('widget layouts in Chromium', () => {
  let stack: WidgetStack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWidgetStack(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function open(form: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page; requests: string[] }> {
    // Reduced motion: the entrance animation would otherwise move the form while it is measured.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', reducedMotion: 'reduce', ...options });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.addInitScript(RECORD_EVENTS);
    await page.goto(`${stack.pages.url}/?form=${form}`);
    await page.locator('inlet-form .s').waitFor({ state: 'visible' });
    return { context, page, requests };
  }

  for (const layout of Object.keys(LAYOUT_FORMS) as LayoutForm[]) {
    it(`shows the ${layout} form where a person sees it, accessible, and delivers its sign-up`, async () => {
      const { context, page, requests } = await open(layout);
      if (layout === 'inline') await page.locator('inlet-form .s').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/widget-${layout}.png` });
      const seen = await visibleOnTop(page, '.s');
      expect(seen.inViewport).toBe(true);
      expect(seen.onTop).toBe(true);
      if (layout === 'fullscreen') expect(seen.box).toEqual({ x: 0, y: 0, width: 1280, height: 800 });
      if (layout === 'bar') expect(seen.box.y + seen.box.height).toBe(800);
      if (layout === 'slide-in') expect(seen.box.x + seen.box.width).toBe(1280 - 16);
      // Modal forms take focus into their first field; the others leave focus where the visitor had it.
      expect(await focusedInWidget(page)).toBe(MODAL.has(layout) ? 'input#email' : null);
      expect(await page.evaluate(() => document.activeElement === document.body)).toBe(!MODAL.has(layout));

      expect(await axeViolations(page)).toEqual([]);

      const email = `${layout}@example.com`;
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('First name').fill('Ada');
      await page.getByRole('button', { name: 'Sign me up' }).click();
      await page.getByText('WELCOME10').waitFor();
      const user = await waitForUser(stack, email);
      expect(user.attributes.first_name).toBe('Ada');
      expect(user.attributes.landing).toBe(`${stack.pages.url}/?form=${layout}`);
      expect(await page.evaluate(() => (window as unknown as { inletEvents: [string, { form: string; step: number }][] }).inletEvents.map(([t, d]) => `${t}:${d.form}:${d.step}`))).toEqual([
        `show:${layout}:0`,
        `submit:${layout}:0`,
        `step:${layout}:1`,
      ]);
      // No phone field on these forms: the phone chunk is never fetched.
      expect(requests.filter((u) => u.includes('/phone-'))).toEqual([]);
      await context.close();
    });
  }

  it('closes a modal on Escape, gives focus back, and leaves a teaser tab that reopens it', async () => {
    const { context, page } = await open('teaser');
    await page.keyboard.press('Escape');
    const teaser = page.getByRole('button', { name: 'Get 10% off' });
    await teaser.waitFor();
    expect(await page.locator('inlet-form dialog').count()).toBe(0);
    expect(await focusedInWidget(page)).toBe('button');
    const seen = await visibleOnTop(page, '.teaser');
    expect(seen).toMatchObject({ inViewport: true, onTop: true });
    await page.screenshot({ path: 'test-results/widget-teaser-tab.png' });
    await teaser.click();
    await page.locator('inlet-form dialog[open]').waitFor();
    expect(await focusedInWidget(page)).toBe('input#email');
    await page.getByRole('button', { name: 'Close' }).click();
    await teaser.waitFor();
    expect(await page.evaluate(() => (window as unknown as { inletEvents: [string][] }).inletEvents.map(([t]) => t))).toEqual(['show', 'close', 'show', 'close']);
    await context.close();
  });

  it('turns the modal into a bottom sheet on a phone, with 16 px inputs that stay above the keyboard', async () => {
    const { context, page } = await open('modal', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await page.screenshot({ path: 'test-results/widget-modal-phone.png' });
    const seen = await visibleOnTop(page, '.s');
    expect(seen.inViewport).toBe(true);
    expect(seen.box.width).toBe(390);
    expect(Math.round(seen.box.y + seen.box.height)).toBe(844);
    expect(await page.getByLabel('Email').evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
    // The on-screen keyboard shrinks the visual viewport; the focused field must stay visible above it.
    await page.getByLabel('First name').focus();
    await page.setViewportSize({ width: 390, height: 330 });
    await page.waitForFunction(() => document.querySelector<HTMLElement>('inlet-form')!.style.getPropertyValue('--inlet-vh') === '330px');
    const box = await page.getByLabel('First name').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(330);
    await page.screenshot({ path: 'test-results/widget-modal-phone-keyboard.png' });
    await context.close();
  });
});
