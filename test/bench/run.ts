/**
 * `npm run bench`: builds the widget, then measures bytes, host page cost, time to pop-up, proxy
 * throughput and delivery efficiency in one run. Prints markdown to stdout (progress to stderr),
 * writes JSON to bench-results/, and with `--write-docs` rewrites the tables in docs/performance.md.
 *
 *   npm run bench -- [--runs=10] [--lighthouse-runs=3] [--popup-runs=10] [--only=bytes,page-cost]
 *                    [--skip-build] [--write-docs]
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureAnalytics } from './analytics.ts';
import { buildBrazeBundle } from './braze-bundle.ts';
import { launchBenchChromium } from './browser.ts';
import { measureBytes, widgetFiles } from './bytes.ts';
import { measureDeliveryEfficiency } from './delivery-efficiency.ts';
import { describeMachine } from './machine.ts';
import { measurePageCost } from './page-cost.ts';
import { startPageFixtures } from './page-fixtures.ts';
import { measureProxyThroughput } from './proxy-throughput.ts';
import { renderRun, writeDocs, type BenchRun, type Section } from './report.ts';
import { measureTimeToPopup } from './time-to-popup.ts';

const BUILD_DIR = 'dist/widget';
const SECTIONS = ['bytes', 'page-cost', 'time-to-popup', 'proxy-throughput', 'delivery-efficiency', 'analytics'] as const;

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    'lighthouse-runs': { type: 'string', default: '3' },
    'popup-runs': { type: 'string', default: '10' },
    'settle-ms': { type: 'string', default: '1000' },
    submissions: { type: 'string', default: '10000' },
    'load-requests': { type: 'string', default: '3000' },
    'load-seconds': { type: 'string', default: '15' },
    'analytics-events': { type: 'string', default: '10000000' },
    'analytics-requests': { type: 'string', default: '5000' },
    only: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    'write-docs': { type: 'boolean', default: false },
  },
});

const int = (name: keyof typeof args, min: number) => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number ≥ ${min} (got "${args[name]}")`);
  return value;
};
const options = {
  runs: int('runs', 1),
  lighthouseRuns: int('lighthouse-runs', 1),
  popupRuns: int('popup-runs', 1),
  settleMs: int('settle-ms', 0),
  submissions: int('submissions', 100),
  loadRequests: int('load-requests', 100),
  loadSeconds: int('load-seconds', 1),
  analyticsEvents: int('analytics-events', 1000),
  analyticsRequests: int('analytics-requests', 100),
};
const only = new Set(args.only ? args.only.split(',') : SECTIONS);
for (const name of only) if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`--only: unknown section "${name}"; use ${SECTIONS.join(', ')}`);

const log = (line: string) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0)}s] ${line}\n`);
const t0 = performance.now();
const startedAt = new Date().toISOString();

if (!args['skip-build']) {
  log('npm run build');
  execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 2, 2] });
}

// A snapshot of the build: another `npm run build` in this tree (a test run) empties dist/widget.
const WIDGET_DIR = mkdtempSync(join(tmpdir(), 'inlet-bench-widget-'));
cpSync(BUILD_DIR, WIDGET_DIR, { recursive: true });
const built = widgetFiles(WIDGET_DIR);
if (!readFileSync(join(WIDGET_DIR, built.loader), 'utf8').includes(built.ui)) {
  throw new Error(`${BUILD_DIR} changed while it was copied (another build running?): inlet.js does not name ${built.ui}. Run the bench again.`);
}

const sections: Section[] = [];
let failed = false;
async function section(id: (typeof SECTIONS)[number], measure: () => Promise<Section> | Section): Promise<void> {
  if (!only.has(id)) return;
  const start = performance.now();
  log(`${id}…`);
  try {
    const result = await measure();
    sections.push({ ...result, seconds: (performance.now() - start) / 1000 });
  } catch (error) {
    failed = true;
    console.error(error);
    sections.push({ id, title: id, tables: [], notes: [], notMeasured: `the measurement failed: ${error instanceof Error ? error.message : String(error)}` });
  }
  log(`${id} done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}

const braze = await buildBrazeBundle();
const browser = await launchBenchChromium();
const machine = describeMachine(browser.version());
try {
  await section('bytes', () => measureBytes(WIDGET_DIR, braze));
  if (only.has('page-cost') || only.has('time-to-popup')) {
    const fixtures = await startPageFixtures({ widgetDir: WIDGET_DIR, braze });
    try {
      await section('page-cost', () => measurePageCost(browser, fixtures, { runs: options.runs, lighthouseRuns: options.lighthouseRuns, settleMs: options.settleMs, log }));
      await section('time-to-popup', () => measureTimeToPopup(browser, fixtures, { runs: options.popupRuns, log }));
    } finally {
      await fixtures.close();
    }
  }
} finally {
  await browser.close();
  rmSync(WIDGET_DIR, { recursive: true, force: true });
}
await section('proxy-throughput', () => measureProxyThroughput({ requests: options.loadRequests, seconds: options.loadSeconds, log }));
await section('delivery-efficiency', () => measureDeliveryEfficiency({ submissions: options.submissions, log }));
await section('analytics', () => measureAnalytics({ events: options.analyticsEvents, requests: options.analyticsRequests, widgetDir: BUILD_DIR, log }));

const run: BenchRun = { startedAt, totalSeconds: (performance.now() - t0) / 1000, machine, options: { ...options, only: [...only] }, sections };
const markdown = renderRun(run);
process.stdout.write(markdown + '\n');
mkdirSync('bench-results', { recursive: true });
const json = JSON.stringify(run, null, 2);
writeFileSync(`bench-results/bench-${startedAt.replace(/[:.]/g, '-')}.json`, json);
writeFileSync('bench-results/latest.json', json);
log(`JSON written to bench-results/latest.json`);
if (args['write-docs']) {
  if (failed || only.size !== SECTIONS.length) log('docs/performance.md left as it was: write it from a complete, successful run');
  else {
    // The block sits under docs/performance.md's "Performance" (#) → "Latest results" (##) headings.
    writeDocs('docs/performance.md', markdown.replace(/^## /, '### ').replace(/^### (\d)/gm, '#### $1'));
    log('docs/performance.md updated');
  }
}
if (failed) process.exitCode = 1;
