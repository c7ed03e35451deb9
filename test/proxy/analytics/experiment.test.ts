/**
 * The experiment as the API reports it, from rows in a real SQLite store: a clear winner is declared
 * after the guards, a broken split is flagged, and promotion makes the winner the next version.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../proxy/config/inlet-config.ts';
import { promoteWinner } from '../../../proxy/analytics/promote.ts';
import { buildReport } from '../../../proxy/analytics/report.ts';
import type { EventRow } from '../../../proxy/analytics/types.ts';
import { createSqlAnalyticsStore } from '../../../proxy/analytics/index.ts';
import { openAnalyticsDatabase } from '../../../proxy/adapters/node/analytics-sqlite.ts';
import { binomial, random } from './simulate.ts';

const DAY = 864e5;
const START = Date.parse('2026-10-01T08:00:00Z');
const config = parseConfig({
  sites: { shop: { origins: ['https://shop.example.com'] } },
  forms: [{ id: 'welcome', site: 'shop', version: 2, holdout: 0.1, steps: [{ fields: [{ name: 'email', type: 'email' }] }], variants: [{ id: 'a' }, { id: 'b', layout: 'slide-in' }] }],
});
const form = config.forms[0]!;

// Each seeded experiment is built once and read by several tests.
const built = new Map<string, ReturnType<typeof run>>();
const experiment = (...args: Parameters<typeof run>) => built.get(JSON.stringify(args)) ?? built.set(JSON.stringify(args), run(...args)).get(JSON.stringify(args))!;

async function run(perDay: [number, number], rates: [number, number], days: number, seed: number) {
  const rand = random(seed);
  const store = await createSqlAnalyticsStore(openAnalyticsDatabase(':memory:'));
  const base = { site: 'shop', form: 'welcome', version: 2, step: 0, detail: '', device: 'desktop', path: '/', consented: 1 } as const;
  let n = 0;
  for (let day = 0; day < days; day++) {
    const rows: EventRow[] = [];
    const signups: { variant: string; visitor: string; ts: number }[] = [];
    const fetches: { key: string; ts: number }[] = [];
    (['a', 'b'] as const).forEach((variant, arm) => {
      const converting = binomial(rand, perDay[arm]!, rates[arm]!);
      for (let i = 0; i < perDay[arm]!; i++) {
        const visitor = `v:${seed}x${n++}`;
        const ts = START + day * DAY + i;
        // Each real browser fetched the manifest just before its assignment beacon (what corroborates it).
        rows.push({ ...base, ts, visitor, variant, name: 'assigned', fetchKey: `h:${visitor}` });
        fetches.push({ key: `h:${visitor}`, ts: ts - 1000 });
        if (i < converting) signups.push({ variant, visitor, ts });
      }
    });
    for (const f of fetches) await store.fetched('shop', f.key, f.ts);
    for (let i = 0; i < rows.length; i += 1000) await store.append(rows.slice(i, i + 1000));
    for (const s of signups) await store.accepted({ ...base, ts: s.ts, variant: s.variant, visitor: s.visitor, identifierHash: s.visitor, subscriptions: [] });
  }
  return buildReport(store, { site: 'shop', form: 'welcome', version: 2 }, { form, now: START + (days - 1) * DAY + 3600e3 });
}

describe('the experiment in the report', () => {
  it('declares a clear winner once 7 days and 100 sign-ups per arm have passed, with per-arm intervals', async () => {
    const report = await experiment([1500, 1500], [0.03, 0.05], 10, 1);
    const { verdict, daysNeeded } = report.experiment!;
    expect(verdict.status).toBe('winner');
    expect(verdict.winner).toBe('b');
    expect(verdict.decidedOnDay).toBeGreaterThanOrEqual(7);
    expect(verdict.sampleRatio.mismatch).toBe(false);
    const b = verdict.arms.find((a) => a.id === 'b')!;
    expect(b.comparison!.low).toBeGreaterThan(0);
    expect(b.rate.low).toBeLessThan(0.05);
    expect(b.rate.high).toBeGreaterThan(0.05);
    expect(report.variants.find((v) => v.id === 'b')!.assigned).toBe(15000);
    expect(daysNeeded.lift).toBe(0.2);
  });

  it('withholds the verdict before day 7 even with a clear difference', async () => {
    const report = await experiment([1500, 1500], [0.03, 0.08], 5, 2);
    expect(report.experiment!.verdict.status).toBe('waiting');
    expect(report.experiment!.verdict.reasons.join(' ')).toMatch(/7 days/);
    expect(report.experiment!.daysNeeded.days).toBeGreaterThanOrEqual(2);
  });

  it('flags a split that departs from the configured weights and declares nothing', async () => {
    const report = await experiment([1200, 900], [0.03, 0.06], 10, 3);
    expect(report.experiment!.verdict.status).toBe('sample_ratio_mismatch');
    expect(report.experiment!.verdict.winner).toBeUndefined();
  });
});

describe('promoting the winner', () => {
  it('makes the winner the form itself as the next version, without variants or holdout', async () => {
    const report = await experiment([1500, 1500], [0.03, 0.05], 10, 1);
    const promoted = promoteWinner(form, 'b', report.experiment!.verdict);
    expect(promoted.ok).toBe(true);
    if (!promoted.ok) return;
    expect(promoted.form).toMatchObject({ id: 'welcome', version: 3, layout: 'slide-in' });
    expect(promoted.form.variants).toBeUndefined();
    expect(promoted.form.holdout).toBeUndefined();
    // The result is a valid form config.
    expect(() => parseConfig({ sites: { shop: { origins: ['https://shop.example.com'] } }, forms: [JSON.parse(JSON.stringify(promoted.form))] })).not.toThrow();
  });

  it('refuses a variant the test did not declare, and any promotion while the split is broken', async () => {
    const won = await experiment([1500, 1500], [0.03, 0.05], 10, 1);
    expect(promoteWinner(form, 'a', won.experiment!.verdict)).toMatchObject({ ok: false, code: 'no_winner' });
    const broken = await experiment([1200, 900], [0.03, 0.06], 10, 3);
    expect(promoteWinner(form, 'b', broken.experiment!.verdict)).toMatchObject({ ok: false, code: 'sample_ratio_mismatch' });
    expect(promoteWinner(form, 'z')).toMatchObject({ ok: false, code: 'unknown_variant' });
  });
});
