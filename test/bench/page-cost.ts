/**
 * Part 2, host page cost in headless Chromium: the same storefront page with no widget, Inlet's
 * loader (trigger armed, not fired), Inlet with its pop-up open, and the Braze Web SDK initialised.
 * Variants alternate run by run (and their order rotates each round) so drift hits all alike.
 */
import type { Browser } from 'playwright-core';
import { blockOutside } from './browser.ts';
import { runLighthouse, type LighthouseResult } from './lighthouse.ts';
import { cumulativeLayoutShift, DIALOG_READY, PAGE_OBSERVER, type ObservedPage } from './page-observer.ts';
import { VARIANT_LABELS, VARIANTS, type PageFixtures, type Variant } from './page-fixtures.ts';
import type { Section } from './report.ts';
import { bytes, median, ms, num, ratio, sleep } from './stats.ts';

export interface PageRun {
  variant: Variant;
  round: number;
  /** Encoded (on the wire) bytes of every response, page included. */
  bytes: number;
  /** Bytes from origins other than the page's own (widget, SDK, API). */
  widgetBytes: number;
  requests: number;
  scriptMs: number;
  taskMs: number;
  longTasks: number;
  /** Σ (duration − 50 ms) over long tasks: the page's own total blocking time. */
  blockingMs: number;
  cls: number;
  blocked: string[];
}

export interface PageCostOptions {
  runs: number;
  lighthouseRuns: number;
  /** Quiet time after the variant is ready (load, manifest, dialog or SDK) before metrics are read. */
  settleMs: number;
  log: (line: string) => void;
}

/** Each round starts with the next variant: A B C D, B C D A, … */
export function alternating<T>(items: readonly T[], rounds: number): { item: T; round: number }[] {
  const order: { item: T; round: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < items.length; i++) order.push({ item: items[(round + i) % items.length]!, round });
  }
  return order;
}

async function measureOnce(browser: Browser, fixtures: PageFixtures, variant: Variant, round: number, settleMs: number): Promise<PageRun> {
  const context = await browser.newContext();
  const blocked: string[] = [];
  try {
    await blockOutside(context, blocked);
    await context.addInitScript(PAGE_OBSERVER);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const pageOrigin = new URL(fixtures.url(variant)).origin;
    const urls = new Map<string, string>();
    let total = 0;
    let widget = 0;
    let requests = 0;
    cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => void urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
      requests += 1;
      total += e.encodedDataLength;
      const url = urls.get(e.requestId);
      if (url && !url.startsWith(pageOrigin)) widget += e.encodedDataLength;
    });
    await cdp.send('Network.enable');
    await cdp.send('Performance.enable');
    const manifest = variant === 'inlet' ? page.waitForResponse((r) => r.url().includes('/forms'), { timeout: 15_000 }) : undefined;
    await page.goto(fixtures.url(variant), { waitUntil: 'load' });
    if (manifest) await manifest;
    if (variant === 'inlet-open') await page.waitForFunction(DIALOG_READY, undefined, { timeout: 15_000, polling: 50 });
    if (variant === 'braze') await page.waitForFunction('window.brazeReady === true', undefined, { timeout: 15_000 });
    await sleep(settleMs);
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
    const observed = (await page.evaluate('window.__bench')) as ObservedPage;
    return {
      variant,
      round,
      bytes: total,
      widgetBytes: widget,
      requests,
      scriptMs: metric('ScriptDuration'),
      taskMs: metric('TaskDuration'),
      longTasks: observed.longTasks.length,
      blockingMs: observed.longTasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
      cls: cumulativeLayoutShift(observed.shifts),
      blocked,
    };
  } finally {
    await context.close();
  }
}

type Row = [label: string, pick: (r: PageRun) => number, format: (n: number) => string];

const CDP_ROWS: Row[] = [
  ['bytes transferred, whole page (B)', (r) => r.bytes, bytes],
  ['bytes transferred, widget/SDK only (B)', (r) => r.widgetBytes, bytes],
  ['requests', (r) => r.requests, (n) => num(n)],
  ['main-thread scripting, ScriptDuration (ms)', (r) => r.scriptMs, (n) => ms(n)],
  ['main-thread tasks, TaskDuration (ms)', (r) => r.taskMs, (n) => ms(n)],
  ['long tasks (count)', (r) => r.longTasks, (n) => num(n)],
  ['long-task blocking time (ms)', (r) => r.blockingMs, (n) => ms(n)],
  ['layout shift (CLS)', (r) => r.cls, (n) => n.toFixed(4)],
];

const LH_ROWS: [string, keyof LighthouseResult, (n: number) => string][] = [
  ['Lighthouse TBT (ms)', 'tbt', (n) => ms(n, 0)],
  ['Lighthouse LCP (ms)', 'lcp', (n) => ms(n, 0)],
  ['Lighthouse CLS', 'cls', (n) => n.toFixed(4)],
  ['Lighthouse performance score', 'score', (n) => n.toFixed(2)],
];

function cell(value: number, base: number, format: (n: number) => string, isBase: boolean): string {
  return isBase ? format(value) : `${format(value)} (${ratio(value, base)})`;
}

export async function measurePageCost(browser: Browser, fixtures: PageFixtures, options: PageCostOptions): Promise<Section> {
  const runs: PageRun[] = [];
  // One unmeasured load per variant first: the servers' and the browser's first-use costs stay out.
  for (const variant of VARIANTS) await measureOnce(browser, fixtures, variant, -1, 200);
  for (const { item: variant, round } of alternating(VARIANTS, options.runs)) {
    runs.push(await measureOnce(browser, fixtures, variant, round, options.settleMs));
  }
  options.log(`page cost: ${runs.length} Chromium loads done`);

  const lighthouse: LighthouseResult[] = [];
  for (const { item: variant, round } of alternating(VARIANTS, options.lighthouseRuns)) {
    const result = await runLighthouse(fixtures.url(variant));
    lighthouse.push({ ...result, variant, round });
    options.log(`lighthouse ${variant} #${round + 1}: TBT ${result.tbt.toFixed(0)} ms, LCP ${result.lcp.toFixed(0)} ms (${(result.seconds).toFixed(1)} s)`);
  }

  const medians = (pick: (r: PageRun) => number) => Object.fromEntries(VARIANTS.map((v) => [v, median(runs.filter((r) => r.variant === v).map(pick))])) as Record<Variant, number>;
  const lhMedians = (key: keyof LighthouseResult) =>
    Object.fromEntries(VARIANTS.map((v) => [v, median(lighthouse.filter((r) => r.variant === v).map((r) => r[key] as number))])) as Record<Variant, number>;
  const rows: string[][] = [];
  for (const [label, pick, format] of CDP_ROWS) {
    const m = medians(pick);
    rows.push([label, ...VARIANTS.map((v) => cell(m[v], m.none, format, v === 'none'))]);
  }
  for (const [label, key, format] of LH_ROWS) {
    const m = lhMedians(key);
    rows.push([`${label}, N = ${options.lighthouseRuns}`, ...VARIANTS.map((v) => cell(m[v], m.none, format, v === 'none'))]);
  }
  const blocked = [...new Set(runs.flatMap((r) => r.blocked))];
  return {
    id: 'page-cost',
    title: '2. Host page cost (headless Chromium)',
    tables: [
      {
        caption: `Median of N = ${options.runs} cold loads per variant (Lighthouse: N = ${options.lighthouseRuns}), variants alternating; "(×r)" is the ratio to "no widget".`,
        columns: ['metric', ...VARIANTS.map((v) => VARIANT_LABELS[v])],
        rows,
      },
    ],
    notes: [
      'Reference page: demo/storefront/index.html with its Inlet script tag removed, pointed at Inlet (trigger `delay: 3600`, armed but not firing; or `delay: 0`, pop-up open) or replaced by the Braze SDK bundle (initialize + openSession at load).',
      `Each load: a fresh browser context (cold cache), \`load\`, then the variant's own readiness (Inlet: manifest fetched; pop-up: dialog open and focused; Braze: SDK initialised), then ${options.settleMs} ms quiet before reading CDP \`Performance.getMetrics\` (ScriptDuration, TaskDuration), encoded bytes from CDP Network events, and long tasks and layout shifts from PerformanceObservers.`,
      `Widget files and the SDK come from a local "CDN" origin with ${Object.keys(fixtures.encodings).join('/') || 'no'} content-encoding (what this Chromium accepted over http); the Inlet manifest comes from the Node proxy.`,
      'Lighthouse 13.5.0, `--preset=desktop --only-categories=performance` (simulated throttling: LCP and TBT are modelled from the trace).',
      blocked.length ? `Requests aborted for leaving 127.0.0.1: ${blocked.join(', ')}` : 'No request tried to leave 127.0.0.1.',
    ],
    data: { runs, lighthouse, encodings: fixtures.encodings, brazeDataRequests: fixtures.brazeDataRequests() },
  };
}
