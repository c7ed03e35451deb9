/** `npm run report` on a real analytics database: the numbers in the terminal, and a bad flag named. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqlAnalyticsStore } from '../../proxy/analytics/index.ts';
import { openAnalyticsDatabase } from '../../proxy/adapters/node/analytics-sqlite.ts';
import { runReport } from '../../proxy/cli/report.ts';

const NOW = Date.parse('2026-11-10T12:00:00Z');

async function database() {
  const path = join(mkdtempSync(join(tmpdir(), 'inlet-report-')), 'analytics.sqlite');
  const db = openAnalyticsDatabase(path);
  const store = await createSqlAnalyticsStore(db);
  const base = { ts: NOW - 3600e3, site: 'shop', form: 'welcome', version: 1, step: 0, detail: '', device: 'desktop', path: '/', consented: 1 } as const;
  await store.append([
    { ...base, variant: 'a', visitor: 'v:one1', name: 'assigned' },
    { ...base, variant: 'a', visitor: 'v:one1', name: 'view' },
    { ...base, variant: 'b', visitor: 'v:two2', name: 'assigned' },
    { ...base, variant: 'b', visitor: 'v:two2', name: 'view' },
    { ...base, variant: 'b', visitor: 'v:two2', name: 'view' },
  ]);
  await store.accepted({ ...base, variant: 'b', visitor: 'v:two2', identifierHash: 'x1', subscriptions: [] });
  db.close();
  return path;
}

describe('npm run report', () => {
  it('prints the totals, the per-variant rates and the influenced metrics', async () => {
    const lines: string[] = [];
    expect(await runReport(['--db', await database(), '--site', 'shop', '--form', 'welcome', '--config', '/nonexistent.json'], (l) => lines.push(l), NOW)).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain('assigned 2  views 3  sign-ups 1');
    expect(text).toMatch(/^b\s+1\s+2\s+1\s+50\.0 %/m);
    expect(text).toMatch(/^a\s+1\s+1\s+0\s+0\.0 %/m);
    expect(text).toContain('influenced (30 d)');
  });

  it('prints JSON with --json, and names a bad filter', async () => {
    const db = await database();
    const lines: string[] = [];
    expect(await runReport(['--db', db, '--site', 'shop', '--json'], (l) => lines.push(l), NOW)).toBe(0);
    expect(JSON.parse(lines.join('\n')).totals.signups).toBe(1);
    const errors: string[] = [];
    expect(await runReport(['--db', db, '--site', 'shop', '--device', 'fridge'], (l) => errors.push(l), NOW)).toBe(1);
    expect(errors[0]).toMatch(/--device must be mobile, tablet or desktop/);
    expect(await runReport(['--db', '/nope.sqlite', '--site', 'shop'], (l) => errors.push(l), NOW)).toBe(1);
    expect(errors[1]).toMatch(/No analytics database at \/nope\.sqlite/);
  });
});
