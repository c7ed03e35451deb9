import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUDGET, readWidget } from './bundle-budget.ts';

const DIR = 'dist/widget';

describe('UI chunks', () => {
  if (!existsSync(DIR)) throw new Error('dist/widget is missing: run `npm run build` first (`npm test` does).');
  const files = readWidget(DIR);
  const ui = files.find((f) => f.kind === 'ui')!;
  const phone = files.find((f) => f.kind === 'phone')!;

  it('keeps the phone metadata out of the UI chunk and in the phone chunk', () => {
    expect(phone.text).toContain('country_calling_codes');
    expect(ui.text).not.toContain('country_calling_codes');
  });

  it('builds one lazily imported strings chunk per built-in language, each within its ceiling', () => {
    const locales = files.filter((f) => f.kind === 'locale');
    expect(locales.map((f) => f.name.slice(0, 2)).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'he', 'it', 'ja', 'nl', 'pl', 'pt']);
    for (const locale of locales) {
      expect(locale.gzip).toBeLessThanOrEqual(BUDGET.ceilings.locale);
      expect(ui.text).toContain(`./${locale.name}`);
    }
  });

  it('keeps the phone chunk ≤ 40 KB gzip and the UI chunk, with every design primitive, ≤ 18,432 B gzip', () => {
    expect(phone.gzip).toBeLessThanOrEqual(40 * 1024);
    expect(ui.gzip).toBeLessThanOrEqual(18_432);
  });

  it('keeps the countdown out of the UI chunk, in a lazily imported chunk of its own ≤ 1 KB gzip', () => {
    const countdown = files.find((f) => f.kind === 'countdown')!;
    expect(countdown.gzip).toBeLessThanOrEqual(1024);
    expect(ui.text).toContain(`./${countdown.name}`);
    expect(ui.text).not.toContain('inlet:cd:');
    expect(countdown.text).toContain('inlet:cd:');
  });

  it('keeps the Turnstile check out of the UI chunk, in a lazily imported chunk of its own ≤ 1 KB gzip', () => {
    const check = files.find((f) => f.kind === 'turnstile')!;
    expect(check.gzip).toBeLessThanOrEqual(BUDGET.ceilings.turnstile);
    expect(ui.text).toContain(`./${check.name}`);
    expect(ui.text).not.toContain('challenges.cloudflare.com');
  });

  it('keeps the spin-to-win wheel out of the UI chunk, in a lazily imported chunk of its own ≤ 2 KB gzip', () => {
    const wheel = files.find((f) => f.kind === 'wheel')!;
    expect(wheel.gzip).toBeLessThanOrEqual(BUDGET.ceilings.wheel);
    expect(ui.text).toContain(`./${wheel.name}`);
    expect(ui.text).not.toContain('prefers-reduced-motion:reduce){.wheel');
    expect(wheel.text).toContain('prefers-reduced-motion');
    console.info(`wheel chunk: ${wheel.gzip} B gzip; UI chunk: ${ui.gzip} B gzip`);
  });

  it("ships no Vite preload helper, which would inject <link> tags into the host page's head", () => {
    expect(files.filter((f) => f.text.includes('modulepreload')).map((f) => f.name)).toEqual([]);
  });

  it('builds no chunk the pop-up would fetch besides the UI, the phone library, the countdown, the wheel, the Turnstile check, the email rule and the strings', () => {
    expect(files.filter((f) => f.kind === 'chunk').map((f) => f.name)).toEqual([]);
  });
});
