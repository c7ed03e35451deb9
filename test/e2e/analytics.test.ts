/**
 * Must show 1: in real Chromium a visitor sees the form, closes it, comes back and signs up; the JSON
 * API reports exactly those counts for that form, version and variant, and nothing for the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import { ADMIN_TOKEN, startAnalyticsStack, type AnalyticsStack } from './fixtures/analytics-stack.ts';
import { axeViolations } from './fixtures/widget-stack.ts';

const FORM = {
  version: 2,
  layout: 'modal',
  trigger: { any: [{ delay: 0 }] },
  frequency: { afterCloseDays: 0 },
  steps: [
    { text: { title: { en: 'Join us' }, submit: { en: 'Sign me up' } }, fields: [{ name: 'email', type: 'email', required: true, label: { en: 'Email' } }] },
    { success: { title: { en: 'Welcome aboard!' } } },
  ],
  variants: [{ id: 'a' }, { id: 'b', steps: [{ text: { title: { en: 'Join us today' }, submit: { en: 'Sign me up' } }, fields: [{ name: 'email', type: 'email', required: true, label: { en: 'Email' } }] }, { success: { title: { en: 'Welcome aboard!' } } }] }],
};

describe('analytics end to end', () => {
  let stack: AnalyticsStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startAnalyticsStack(FORM);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('a visitor sees the form, closes it, comes back and signs up: the API shows exactly that, for that form, version and variant', async () => {
    const page = await (await browser.newContext()).newPage();
    const beacons: string[] = [];
    page.on('request', (r) => r.url().endsWith('/v1/events') && beacons.push(r.postData() ?? ''));
    await page.goto(`${stack.pages.url}/`);
    const dialog = page.locator('inlet-form dialog[open]');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    const variant = await page.evaluate(() => (window as unknown as { inletShows: { variant: string }[] }).inletShows[0]!.variant);
    expect(['a', 'b']).toContain(variant);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });

    // Comes back: a new page view of the same visitor (same storage).
    await page.goto(`${stack.pages.url}/?again=1`);
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { inletShows: { variant: string }[] }).inletShows[0]!.variant)).toBe(variant);
    await page.getByLabel('Email').fill('returning@example.com');
    await page.getByRole('button', { name: 'Sign me up' }).click();
    await page.getByText('Welcome aboard!').waitFor({ timeout: 10_000 });
    // Leaving the page flushes the UI chunk's batch.
    await page.goto('about:blank');

    const other = variant === 'a' ? 'b' : 'a';
    await expect
      .poll(async () => (await stack.report('site=shop&form=welcome&version=2')).variants.find((v: { id: string }) => v.id === variant)?.stepViews, { timeout: 10_000 })
      .toBe(3);
    const report = await stack.report('site=shop&form=welcome&version=2');
    const arm = report.variants.find((v: { id: string }) => v.id === variant);
    expect(arm).toMatchObject({ assigned: 1, views: 2, closes: 1, stepViews: 3, stepSubmits: 1, signups: 1 });
    expect(arm.perView).toMatchObject({ successes: 1, trials: 2, rate: 0.5 });
    expect(arm.perAssigned).toMatchObject({ successes: 1, trials: 1, rate: 1 });
    expect(report.variants.find((v: { id: string }) => v.id === other)).toMatchObject({ assigned: 0, views: 0, signups: 0 });
    expect(report.totals).toMatchObject({ assigned: 1, views: 2, closes: 1, signups: 1, identifiersNew: 1 });
    expect(report.funnel).toEqual([
      { step: 0, views: 2, submits: 1, dropOff: 0.5 },
      { step: 1, views: 1, submits: 0, dropOff: 0 },
    ]);
    expect(report.dropped).toEqual({});
    // Another version has nothing: versions never mix.
    expect((await stack.report('site=shop&form=welcome&version=1')).totals).toMatchObject({ assigned: 0, views: 0, signups: 0 });
    // The beacons carry no field value.
    expect(beacons.join('\n')).not.toContain('returning@example.com');

    // The dashboard page, rendering the same API, shows the same numbers, with no axe violation.
    const dash = await (await browser.newContext()).newPage();
    await dash.goto(`${stack.proxy.url}/_dashboard/page.html?site=shop&form=welcome&version=2`);
    await dash.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await dash.keyboard.press('Enter');
    const row = dash.locator(`tr[data-variant="${variant}"]`);
    await row.waitFor({ timeout: 10_000 });
    const cell = (metric: string) => row.locator(`td[data-metric="${metric}"]`).textContent();
    expect([await cell('assigned'), await cell('views'), await cell('signups')]).toEqual(['1', '2', '1']);
    const otherRow = dash.locator(`tr[data-variant="${other}"]`);
    expect(await otherRow.locator('td[data-metric="signups"]').textContent()).toBe('0');
    expect(await dash.locator('dd[data-metric="signups"]').textContent()).toBe('1');
    expect(await dash.locator('.chart canvas').count()).toBeGreaterThan(0);
    expect(await axeViolations(dash)).toEqual([]);

    // In French: the words of the French table, numbers in French format, still no axe violation.
    const fr = await (await browser.newContext()).newPage();
    await fr.goto(`${stack.proxy.url}/_dashboard/page.html?site=shop&form=welcome&version=2&lang=fr`);
    await fr.getByLabel('Jeton d’administration').fill(ADMIN_TOKEN);
    await fr.keyboard.press('Enter');
    await fr.locator(`tr[data-variant="${variant}"]`).waitFor({ timeout: 10_000 });
    expect(await fr.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await fr.getByRole('heading', { name: 'Entonnoir par étape' }).count()).toBe(1);
    expect(await fr.locator(`tr[data-variant="${variant}"] td[data-metric="signups"]`).textContent()).toBe('1');
    expect(await axeViolations(fr)).toEqual([]);

    // A right-to-left language mirrors the page: the tables start on the right.
    const rtl = await (await browser.newContext({ viewport: { width: 1000, height: 800 } })).newPage();
    await rtl.goto(`${stack.proxy.url}/_dashboard/page.html?site=shop&form=welcome&version=2&lang=ar`);
    await rtl.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await rtl.keyboard.press('Enter');
    const head = rtl.locator(`tr[data-variant="${variant}"]`).locator('xpath=ancestor::table//thead//th').first();
    await head.waitFor({ timeout: 10_000 });
    expect(await rtl.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const box = (await head.boundingBox())!;
    expect(box.x + box.width).toBeGreaterThan(700);
  });
});
