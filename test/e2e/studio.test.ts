/**
 * The studio in Chromium, end to end on the demo stack (proxy on a Node socket, SQLite store, Braze
 * sandbox, storefront): a publisher signs in, creates a form from a template, edits its title in
 * English and French while the preview (the real UI chunk in a sandboxed frame) follows, hits a
 * validation error and fixes it, publishes, sees it on the storefront, rolls back, and reads the log.
 * Every studio page passes axe, and the editor works with the keyboard alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startStack, type Stack } from '../../demo/stack.ts';
import { DEMO_ATTRIBUTES, demoConfig } from '../../demo/inlet.config.ts';
import { TEMPLATES } from '../../templates/index.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { axeViolations } from './fixtures/widget-stack.ts';

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startStack({ outboxPath: false, studioPath: ':memory:', sandboxOptions: { attributeSchema: DEMO_ATTRIBUTES } });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const preview = () => page.frameLocator('iframe[title="Preview"]');

/** What a fresh visitor of the storefront sees: the title of the form that pops up. */
async function storefrontTitle(): Promise<string> {
  const visitor = await (await browser.newContext()).newPage();
  try {
    await visitor.goto(`${stack.storefront.url}/`);
    const title = visitor.locator('inlet-form dialog[open] h2');
    await title.waitFor({ state: 'visible', timeout: 10_000 });
    return (await title.textContent())!.trim();
  } finally {
    await visitor.context().close();
  }
}

async function expectNoAxeViolations(): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

describe('the studio, as a publisher, in Chromium', () => {
  it('signs in (the sign-in page passes axe) and lists the site\'s forms seeded from the config', async () => {
    await page.goto(`${stack.proxy.url}/studio`);
    await page.getByRole('heading', { name: 'Sign in to Inlet studio' }).waitFor();
    await expectNoAxeViolations();
    await page.getByLabel('Email').fill(stack.studioLogin!.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('That email and password do not match.').waitFor();
    await page.getByLabel('Password').fill(stack.studioLogin!.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Forms', level: 1 }).waitFor();
    const rows = page.locator('tbody tr');
    // Every form of the demo config (the welcome pop-up, the SMS club, the gallery templates), as version 1.
    await expect.poll(() => rows.count()).toBe(demoConfig({ storefrontOrigins: [] }).forms.length);
    await expect(rows.first().textContent()).resolves.toMatch(/10% off your first order.*Live.*modal.*v1/);
    await expectNoAxeViolations();
  });

  it('creates a form from a template, edits its title in English and French, and the preview follows', async () => {
    await page.getByRole('button', { name: 'New form' }).click();
    await page.getByLabel('Form id').fill('spring-sale');
    // The gallery: every template of templates/ with its thumbnail, then the blank form.
    const gallery = page.getByRole('group', { name: 'Start from' });
    await expect.poll(() => gallery.getByRole('radio').count()).toBe(TEMPLATES.length + 1);
    await expect.poll(() => gallery.locator('img').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0).length)).toBe(TEMPLATES.length);
    await expectNoAxeViolations();
    await gallery.getByRole('radio', { name: 'Welcome discount, split image' }).check();
    await page.getByRole('button', { name: 'Create form' }).click();
    const title = page.getByLabel('Title (en)', { exact: true });
    await title.waitFor();
    // The preview shows the template's title and its image (served by the studio) from the real UI chunk.
    await preview().getByRole('heading', { name: 'Take 15% off your first order' }).waitFor();
    await expect.poll(() => preview().locator('inlet-form').evaluate((host) => [...(host.shadowRoot ?? host).querySelectorAll('img')].some((i) => i.complete && i.naturalWidth > 0))).toBe(true);
    await expectNoAxeViolations();

    await title.fill('Spring sale: 15% off');
    await preview().getByRole('heading', { name: 'Spring sale: 15% off' }).waitFor();

    await page.getByRole('button', { name: 'FR', exact: true }).click();
    await page.getByLabel('Title (fr)', { exact: true }).fill('Soldes de printemps : -15 %');
    await page.getByLabel('Language', { exact: true }).last().selectOption('fr');
    await preview().getByRole('heading', { name: 'Soldes de printemps : -15 %' }).waitFor();
    await page.getByLabel('Language', { exact: true }).last().selectOption('en');
    await preview().getByRole('heading', { name: 'Spring sale: 15% off' }).waitFor();

    // Mobile and the success step, in the same frame.
    await page.getByRole('button', { name: 'Mobile' }).click();
    await expect.poll(async () => (await page.locator('iframe[title="Preview"]').boundingBox())!.width).toBeLessThan(400);
    await page.getByLabel('Step', { exact: true }).selectOption({ label: 'Success step' });
    await preview().getByText('WELCOME15').waitFor();
    await page.getByLabel('Step', { exact: true }).selectOption({ label: 'Step 1' });
    await page.getByRole('button', { name: 'Desktop' }).click();
  });

  it('shows the proxy\'s own message next to a bad field name as it is typed, and clears it once fixed', async () => {
    const name = page.getByLabel('Field name').first();
    await name.fill('E-mail');
    const message = 'field names are lowercase letters, digits and "_", starting with a letter (e.g. "first_name")';
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await name.getAttribute('aria-describedby'))!;
    await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toContain(message);
    await expect(page.locator('#issue-summary').textContent()).resolves.toMatch(/problem/);
    // Publishing now is refused with the list of problems.
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('alert').getByText('Publishing was refused').waitFor();
    await name.fill('email');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe(null);
    await page.getByText('Ready to publish').waitFor();
    await page.getByText('All changes saved').waitFor({ timeout: 10_000 });
  });

  it('publishes, and a visitor of the storefront sees the new form', async () => {
    // The seeded welcome form would show first: take it off the site from its own page.
    await publishCurrent(1);
    await page.getByRole('link', { name: 'All forms' }).click();
    await page.getByRole('link', { name: '10% off your first order', exact: true }).click();
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('button', { name: 'Take off the site' }).click();
    await page.getByRole('status').getByText('Ended').first().waitFor();
    expect(await storefrontTitle()).toBe('Spring sale: 15% off');
  });

  it('rolls back to the earlier version in one click, and the storefront shows it again', async () => {
    await page.getByRole('link', { name: 'All forms' }).click();
    await page.getByRole('link', { name: 'Spring sale: 15% off' }).click();
    await page.getByLabel('Title (en)', { exact: true }).fill('Last chance: 15% off');
    await preview().getByRole('heading', { name: 'Last chance: 15% off' }).waitFor();
    await page.getByText('All changes saved').waitFor({ timeout: 10_000 });
    await publishCurrent(2);
    expect(await storefrontTitle()).toBe('Last chance: 15% off');

    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('button', { name: 'Changes: v2 → v1' }).click();
    await page.getByText('Step 1 › Title (en)').waitFor();
    await expectNoAxeViolations();
    await page.getByRole('button', { name: 'Make live: v1' }).click();
    await page.getByText('Version 1 is live again.').waitFor();
    expect(await storefrontTitle()).toBe('Spring sale: 15% off');
  });

  it('shows a conflict when someone else saved meanwhile, and loads their version on request', async () => {
    await page.getByRole('tab', { name: 'Editor' }).click();
    // Another editor (same account, another session) saves the same form through the API.
    const other = await fetch(`${stack.proxy.url}/v1/studio/login`, { method: 'POST', headers: { origin: stack.proxy.url, 'content-type': 'application/json' }, body: JSON.stringify({ email: stack.studioLogin!.email, password: stack.studioLogin!.password }) });
    const cookie = other.headers.get('set-cookie')!.split(';')[0]!;
    const theirs = (await (await fetch(`${stack.proxy.url}/v1/studio/sites/shop/forms/spring-sale`, { headers: { cookie } })).json()) as { form: { draft: { steps: { text: { title: Record<string, string> } }[] }; rev: number } };
    theirs.form.draft.steps[0]!.text.title.en = 'Their title';
    const saved = await fetch(`${stack.proxy.url}/v1/studio/sites/shop/forms/spring-sale/draft`, { method: 'PUT', headers: { cookie, origin: stack.proxy.url, 'content-type': 'application/json' }, body: JSON.stringify({ draft: theirs.form.draft, rev: theirs.form.rev }) });
    expect(saved.status).toBe(200);

    await page.getByLabel('Body (en)', { exact: true }).fill('My body text');
    await page.getByRole('alert').getByText('Someone else saved this form').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Load their version' }).click();
    await expect.poll(() => page.getByLabel('Title (en)', { exact: true }).inputValue()).toBe('Their title');
    await page.getByLabel('Title (en)', { exact: true }).fill('Last chance: 15% off');
    await page.getByText('All changes saved').waitFor({ timeout: 10_000 });
  });

  it('logs each step in the activity log, which passes axe, as does the people page', async () => {
    await page.getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    await page.locator('table.log tbody tr').first().waitFor();
    const rows = await page.locator('table.log tbody tr').allTextContents();
    const spring = rows.filter((r) => r.includes('spring-sale')).map((r) => /(created|edited|previewed|published|rolled back)/.exec(r)?.[1]).reverse();
    // Opening the editor logs a preview; autosaves log one "edited" per person between publishes.
    expect(spring).toEqual(['created', 'previewed', 'edited', 'published', 'previewed', 'edited', 'published', 'rolled back', 'edited']);
    expect(rows.some((r) => r.includes('ended') && r.includes('welcome'))).toBe(true);
    await expectNoAxeViolations();
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    await expectNoAxeViolations();
  });

  it('switches the studio itself to French', async () => {
    await page.getByLabel('Language').first().selectOption('fr');
    await page.getByRole('link', { name: 'Formulaires' }).click();
    await page.getByRole('heading', { name: 'Formulaires', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expectNoAxeViolations();
    await page.getByLabel('Langue').first().selectOption('en');
  });

  it('can be used with the keyboard alone: open a form, edit, undo, redo, switch tabs', async () => {
    await page.goto(`${stack.proxy.url}/studio/shop`);
    await page.getByRole('heading', { name: 'Forms', level: 1 }).waitFor();
    await tabTo((el) => el.textContent === 'Last chance: 15% off' && el.tagName === 'A');
    // The draft kept the last edit; the rollback moved only the live pointer.
    await page.keyboard.press('Enter');
    await page.getByLabel('Title (en)', { exact: true }).waitFor();
    await tabTo((el) => el.id === 'f-steps-0-text-title-en');
    await page.keyboard.press('End');
    await page.keyboard.type('!');
    await expect.poll(() => page.getByLabel('Title (en)', { exact: true }).inputValue()).toBe('Last chance: 15% off!');
    await page.keyboard.press('Control+KeyZ');
    await expect.poll(() => page.getByLabel('Title (en)', { exact: true }).inputValue()).toBe('Last chance: 15% off');
    await page.keyboard.press('Control+Shift+KeyZ');
    await expect.poll(() => page.getByLabel('Title (en)', { exact: true }).inputValue()).toBe('Last chance: 15% off!');
    // Tabs follow the ARIA pattern: arrow keys move between them.
    await tabTo((el) => el.getAttribute('role') === 'tab' && el.getAttribute('aria-selected') === 'true', true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { name: 'JSON' }).getAttribute('aria-selected')).toBe('true');
    // Focus follows the selected tab (moved once the tab has rendered).
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('JSON');
    // The focused element always shows a visible focus ring.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await tabTo((el) => el.id === 'json-editor');
    // Typing into the JSON edits the same draft: the preview follows.
    // The JSON tab is CodeMirror, loaded when the tab first opens; its text is the same draft (it draws
    // only the lines in view, so read the end, the success step, after Ctrl+End).
    await page.keyboard.press('Control+End');
    await expect.poll(() => page.locator('#json-editor').textContent()).toContain('"WELCOME15"');
    await expect.poll(() => page.locator('#json-editor').getAttribute('contenteditable')).toBe('true');
    await expectNoAxeViolations();
  });

  it('has a Results tab per form, the slot the analytics dashboard mounts in', async () => {
    await page.getByRole('tab', { name: 'Results' }).click();
    await page.getByRole('tabpanel').getByRole('heading', { name: 'Results' }).waitFor();
    await page.getByText('appear here once analytics is connected').waitFor();
    await expectNoAxeViolations();
  });

  it('makes a preview link that opens the draft on the storefront', async () => {
    await page.getByRole('button', { name: 'Preview on the site' }).click();
    const open = page.getByRole('link', { name: 'Open the preview' });
    await open.waitFor();
    await expectNoAxeViolations();
    const url = new URL((await open.getAttribute('href'))!);
    expect(url.origin).toBe(stack.storefront.url);
    expect(url.searchParams.get('inlet_preview_token')).toMatch(/^[\w-]+\.[\w-]+$/);
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(url.href);
    await visitor.locator('inlet-form dialog[open] h2').getByText('Last chance: 15% off!').waitFor({ timeout: 10_000 });
    await visitor.context().close();
  });
});

async function publishCurrent(version: number): Promise<void> {
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText(`Version ${version} is live.`).waitFor({ timeout: 15_000 });
}

/** Presses Tab (or Shift+Tab) until the focused element matches, as a keyboard user would. */
async function tabTo(match: (el: Element) => boolean, backwards = false): Promise<void> {
  const source = `(${match.toString()})`;
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((src) => document.activeElement !== null && (0, eval)(src)(document.activeElement), source)) return;
  }
  throw new Error('focus never reached the element with Tab');
}
