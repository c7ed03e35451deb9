/**
 * Analytics figures: beacon ingest on Node (events per second through `POST /v1/events` into SQLite,
 * autocannon on 127.0.0.1), beacon bytes per view (measured in Chromium from the requests the widget
 * sends), loader bytes against the budget, and report query time over 10 million events: from the
 * hourly rollups against the same counts from the raw events table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { createSqlAnalyticsStore } from '../../proxy/analytics/index.ts';
import { openAnalyticsDatabase } from '../../proxy/adapters/node/analytics-sqlite.ts';
import { serve } from '../../proxy/adapters/node/server.ts';
import { openSqlite } from '../../proxy/adapters/node/sqlite.ts';
import { createHandler } from '../../proxy/handler.ts';
import { BUDGET } from '../build/bundle-budget.ts';
import { startAnalyticsStack } from '../e2e/fixtures/analytics-stack.ts';
import { launchChromium } from '../helpers/chromium.ts';
import type { AnalyticsFilter } from '../../proxy/analytics/types.ts';
import type { Section } from './report.ts';
import { median, ms, num, ratio } from './stats.ts';

const ORIGIN = 'http://127.0.0.1:8080';

export interface AnalyticsBenchOptions {
  events: number;
  requests: number;
  widgetDir: string;
  log: (line: string) => void;
}

async function ingestRate(requests: number) {
  const dir = mkdtempSync(join(tmpdir(), 'inlet-bench-analytics-'));
  const db = openAnalyticsDatabase(join(dir, 'analytics.sqlite'));
  const store = await createSqlAnalyticsStore(db);
  const handler = createHandler({
    config: { sites: { shop: { origins: [ORIGIN] } }, forms: [{ id: 'welcome', site: 'shop', steps: [{ fields: [{ name: 'email', type: 'email' }] }], variants: [{ id: 'a' }, { id: 'b' }] }] },
    braze: { endpoint: 'http://127.0.0.1:9', apiKey: 'bench' },
    // One client address sends everything here: the address cap must not be what is measured.
    analytics: { store, perIpPerMinute: 1e9, perVisitorPerMinute: 1e9 },
  });
  const server = await serve(handler, { port: 0 });
  const perRequest = 5;
  let n = 0;
  const body = () =>
    JSON.stringify({ site: 'shop', visitor: `bench${(n++).toString(36)}`, path: '/shoes', events: [{ name: 'assigned', form: 'welcome', version: 1, variant: 'b' }, { name: 'view', form: 'welcome', version: 1, variant: 'b' }, { name: 'step_view', form: 'welcome', version: 1, variant: 'b', step: 0 }, { name: 'close', form: 'welcome', version: 1, variant: 'b' }, { name: 'teaser_view', form: 'welcome', version: 1, variant: 'b' }] });
  const result = await autocannon({
    url: server.url,
    connections: 10,
    amount: requests,
    requests: [{ method: 'POST', path: '/v1/events', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN }, setupRequest: (r: Record<string, unknown>) => ({ ...r, body: body() }) }],
  } as never);
  const stored = Number(((await db.prepare('SELECT COUNT(*) AS n FROM analytics_events').first()) as { n: number }).n);
  // The handler's own CPU per request, one at a time without sockets: what ingest costs the proxy.
  const count = 1000;
  const cpu = process.cpuUsage();
  for (let i = 0; i < count; i++) await handler(new Request(`${server.url}/v1/events`, { method: 'POST', headers: { origin: ORIGIN }, body: body() }));
  const used = process.cpuUsage(cpu);
  const handlerCpuMs = (used.user + used.system) / 1000 / count;
  await server.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const r = result as unknown as { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; duration: number; '2xx': number };
  return { requestsPerSecond: r['2xx'] / r.duration, eventsPerSecond: stored / r.duration, p50: r.latency.p50, p99: r.latency.p99, stored, non2xx: r.non2xx, perRequest, handlerCpuMs };
}

async function beaconBytes() {
  const stack = await startAnalyticsStack({ layout: 'modal', trigger: { any: [{ delay: 0 }] }, steps: [{ fields: [{ name: 'email', type: 'email', label: { en: 'Email' } }] }], variants: [{ id: 'a' }, { id: 'b' }] });
  const browser = await launchChromium();
  try {
    const views = 5;
    let bytes = 0;
    let beacons = 0;
    for (let i = 0; i < views; i++) {
      const page = await (await browser.newContext()).newPage();
      page.on('request', (r) => {
        if (r.url().endsWith('/v1/events')) {
          bytes += Buffer.byteLength(r.postData() ?? '');
          beacons++;
        }
      });
      await page.goto(`${stack.pages.url}/`);
      await page.locator('inlet-form dialog[open]').waitFor({ timeout: 10_000 });
      // The UI chunk's batch leaves on its 500 ms timer (or when the page is hidden).
      await page.waitForTimeout(800);
      await page.goto('about:blank');
      await page.context().close();
    }
    return { bytesPerView: bytes / views, beaconsPerView: beacons / views };
  } finally {
    await browser.close();
    await stack.close();
  }
}

async function queryTimes(events: number, log: (line: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'inlet-bench-rollups-'));
  const path = join(dir, 'analytics.sqlite');
  const sql = openAnalyticsDatabase(path);
  await createSqlAnalyticsStore(sql);
  sql.close();
  const db = openSqlite(path, { synchronous: 'NORMAL' });
  const start = Date.parse('2026-09-01T00:00:00Z');
  const span = 90 * 864e5;
  log(`analytics: generating ${num(events)} events`);
  const t0 = performance.now();
  // Generated inside SQLite: 3 forms × 2 variants, 9 event names, 3 devices, 20 paths, over 90 days.
  db.exec(`INSERT INTO analytics_events (ts, site, form, version, variant, step, name, detail, visitor, device, path, consented)
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${events - 1})
    SELECT ${start} + (i * 7919) % ${span}, 'shop', 'form-' || (i % 3), 1, CASE (i / 3) % 2 WHEN 0 THEN 'a' ELSE 'b' END, CASE WHEN i % 9 IN (3, 4, 7) THEN (i / 7) % 3 ELSE 0 END,
      CASE i % 9 WHEN 0 THEN 'view' WHEN 1 THEN 'view' WHEN 2 THEN 'view' WHEN 3 THEN 'step_view' WHEN 4 THEN 'step_view' WHEN 5 THEN 'close' WHEN 6 THEN 'teaser_view' WHEN 7 THEN 'step_submit' ELSE 'signup' END,
      '', 'v:' || (i / 5), CASE i % 3 WHEN 0 THEN 'desktop' WHEN 1 THEN 'mobile' ELSE 'tablet' END, '/p' || (i % 20), 1 FROM n`);
  // The rollups exactly as ingest maintains them, built here in one pass each.
  db.exec(`INSERT INTO analytics_hourly (site, form, version, variant, hour, name, step, detail, count)
    SELECT site, form, version, variant, (ts / 3600000) * 3600000, name, step, detail, COUNT(*) FROM analytics_events GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`);
  db.exec(`INSERT INTO analytics_daily_by_page (site, form, version, variant, day, name, step, detail, device, path, count)
    SELECT site, form, version, variant, (ts / 86400000) * 86400000, name, step, detail, device, path, COUNT(*) FROM analytics_events GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`);
  const rollupRows = Number((db.prepare('SELECT COUNT(*) AS n FROM analytics_hourly').get() as { n: number }).n);
  const pageRows = Number((db.prepare('SELECT COUNT(*) AS n FROM analytics_daily_by_page').get() as { n: number }).n);
  log(`analytics: generated in ${((performance.now() - t0) / 1000).toFixed(0)} s (${num(rollupRows)} rollup rows)`);
  db.close();
  const store = await createSqlAnalyticsStore(openAnalyticsDatabase(path));
  const time = async (filter: AnalyticsFilter, source: 'rollups' | 'raw', runs: number) => {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const rows = await store.counts(filter, source);
      times.push(performance.now() - t);
      total = rows.reduce((a, r) => a + r.count, 0);
    }
    return { ms: median(times), total };
  };
  const form = { site: 'shop', form: 'form-1' };
  const mobile = { ...form, device: 'mobile' as const };
  const rollups = await time(form, 'rollups', 5);
  const raw = await time(form, 'raw', 3);
  const pageRollups = await time(mobile, 'rollups', 5);
  const pageRaw = await time(mobile, 'raw', 3);
  rmSync(dir, { recursive: true, force: true });
  if (rollups.total !== raw.total || pageRollups.total !== pageRaw.total) throw new Error(`rollups and raw events disagree (${rollups.total}/${raw.total}, ${pageRollups.total}/${pageRaw.total})`);
  return { rollups: rollups.ms, raw: raw.ms, pageRollups: pageRollups.ms, pageRaw: pageRaw.ms, counted: raw.total, rollupRows, pageRows };
}

export async function measureAnalytics(options: AnalyticsBenchOptions): Promise<Section> {
  options.log('analytics: ingest on Node');
  const ingest = await ingestRate(options.requests);
  options.log('analytics: beacon bytes in Chromium');
  const beacon = await beaconBytes();
  const loader = gzipSync(readFileSync(join(options.widgetDir, 'inlet.js')), { level: 9 }).length;
  const query = await queryTimes(options.events, options.log);
  return {
    id: 'analytics',
    title: 'Analytics',
    tables: [
      {
        caption: `Beacon ingest on Node (${num(options.requests)} requests of ${ingest.perRequest} events, 10 connections, SQLite)`,
        columns: ['events / s', 'requests / s', 'p50 ms', 'p99 ms', 'non-2xx', 'handler CPU ms / request'],
        rows: [[num(ingest.eventsPerSecond), num(ingest.requestsPerSecond), ms(ingest.p50), ms(ingest.p99), String(ingest.non2xx), ms(ingest.handlerCpuMs, 2)]],
      },
      {
        caption: 'Bytes on the wire',
        columns: ['what', 'bytes'],
        rows: [
          ['beacon bytes per view (request bodies, Chromium)', `${num(beacon.bytesPerView)} B in ${beacon.beaconsPerView.toFixed(1)} requests`],
          ['loader inlet.js (gzip -9)', `${num(loader)} B of ${num(BUDGET.ceilings.loader)} B budget`],
        ],
      },
      {
        caption: `Report counts for one form over ${num(options.events)} events (${num(query.rollupRows)} hourly rows, ${num(query.pageRows)} daily-by-page rows)`,
        columns: ['query', 'from the rollup (ms)', 'from raw events (ms)', 'raw ÷ rollup'],
        rows: [
          ['one form (hourly rollup)', ms(query.rollups), ms(query.raw), ratio(query.raw, query.rollups)],
          ['one form, mobile only (daily-by-page rollup)', ms(query.pageRollups), ms(query.pageRaw), ratio(query.pageRaw, query.pageRollups)],
        ],
      },
    ],
    notes: [
      'Ingest: server and load generator share this machine; each request is one visitor with assigned, view, step view, close and teaser view.',
      'Beacon bytes: one view = the loader\'s assignment beacon plus the UI chunk\'s batch (the view, which the proxy also counts as the view of its step), flushed when the page is left.',
      'Query: both sources give the same counts (checked); events generated inside SQLite over 90 days, 3 forms, 2 variants, 3 devices, 20 paths.',
    ],
    data: { ingest, beacon, loader, query },
  };
}
