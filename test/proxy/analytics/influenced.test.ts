/**
 * Must show 3: the influenced metrics for exposed visitors against the holdout, on seeded traffic
 * with a known effect (exposed visitors return more often and view more pages), through the real
 * store and report on SQLite.
 */
import { describe, expect, it } from 'vitest';
import { createSqlAnalyticsStore } from '../../../proxy/analytics/index.ts';
import { buildReport } from '../../../proxy/analytics/report.ts';
import type { EventRow } from '../../../proxy/analytics/types.ts';
import { openAnalyticsDatabase } from '../../../proxy/adapters/node/analytics-sqlite.ts';
import { binomial, random } from './simulate.ts';

const DAY = 864e5;
const START = Date.parse('2026-10-01T00:00:00Z');
const TRUTH = { exposed: { returning: 0.3, pages: 3.5 }, holdout: { returning: 0.2, pages: 2.5 } };

async function seededRun(seed: number, visitors = 8000) {
  const rand = random(seed);
  const store = await createSqlAnalyticsStore(openAnalyticsDatabase(':memory:'));
  const rows: EventRow[] = [];
  const base = { site: 'shop', form: 'welcome', version: 1, step: 0, detail: '', device: 'desktop', path: '/', consented: 1 } as const;
  for (let i = 0; i < visitors; i++) {
    const held = rand() < 0.1;
    const truth = held ? TRUTH.holdout : TRUTH.exposed;
    const ts = START + Math.floor(rand() * 20 * DAY);
    const visitor = `v:${seed}-${i}`;
    rows.push({ ...base, ts, visitor, variant: held ? '_holdout' : 'a', name: 'assigned' });
    if (rand() < truth.returning) {
      // 1–3 later visits within the window, each with 1 + Binomial(8, (pages − 1) / 8) pages (mean = pages).
      const visits = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < visits; k++) rows.push({ ...base, ts: ts + Math.floor((1 + rand() * 28) * DAY), visitor, variant: '', form: '', version: 0, name: 'visit', pages: 1 + binomial(rand, 8, (truth.pages - 1) / 8), started: ts });
    }
    // A visit long after the window never counts.
    if (rand() < 0.5) rows.push({ ...base, ts: ts + 45 * DAY, visitor, variant: '', form: '', version: 0, name: 'visit', pages: 20, started: ts });
  }
  for (let i = 0; i < rows.length; i += 500) await store.append(rows.slice(i, i + 500));
  return buildReport(store, { site: 'shop', form: 'welcome' }, { now: START + 60 * DAY });
}

describe('influenced metrics, exposed vs holdout (must show 3)', () => {
  it('recovers the known effect on the returning-visitor rate and pages per session', async () => {
    const { influenced } = await seededRun(20261201);
    expect(influenced.windowDays).toBe(30);
    expect(influenced.exposed.visitors + influenced.holdout.visitors).toBe(8000);
    expect(influenced.holdout.visitors).toBeGreaterThan(650);
    expect(influenced.holdout.visitors).toBeLessThan(950);
    // Each true rate inside its group's 95 % interval, and the groups' intervals apart.
    expect(influenced.exposed.returning.low).toBeLessThan(TRUTH.exposed.returning);
    expect(influenced.exposed.returning.high).toBeGreaterThan(TRUTH.exposed.returning);
    expect(influenced.holdout.returning.low).toBeLessThan(TRUTH.holdout.returning);
    expect(influenced.holdout.returning.high).toBeGreaterThan(TRUTH.holdout.returning);
    expect(influenced.exposed.returning.low).toBeGreaterThan(influenced.holdout.returning.high);
    expect(influenced.exposed.pagesPerSession).toBeCloseTo(TRUTH.exposed.pages, 0);
    expect(influenced.holdout.pagesPerSession).toBeCloseTo(TRUTH.holdout.pages, 0);
    expect(influenced.exposed.pagesPerSession - influenced.holdout.pagesPerSession).toBeGreaterThan(0.6);
  });

  it('shows no effect where there is none: exposed and holdout alike when the truth is the same', async () => {
    const same = { ...TRUTH.holdout };
    const saved = TRUTH.exposed;
    TRUTH.exposed = same;
    try {
      const { influenced } = await seededRun(77);
      expect(Math.abs(influenced.exposed.returning.rate - influenced.holdout.returning.rate)).toBeLessThan(0.04);
      expect(Math.abs(influenced.exposed.pagesPerSession - influenced.holdout.pagesPerSession)).toBeLessThan(0.3);
    } finally {
      TRUTH.exposed = saved;
    }
  });
});
