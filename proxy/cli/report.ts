/**
 * `npm run report -- --site shop [--form welcome] [--version 2] [--variant b] [--step 0]
 *   [--from 2026-11-01] [--to 2026-11-30] [--device mobile] [--path /shoes] [--lift 0.2] [--json]`
 *
 * The analytics report in the terminal, read from the Node proxy's analytics file (INLET_ANALYTICS,
 * by default `analytics.sqlite` beside the outbox; or `--db <file>`); the config (INLET_CONFIG_FILE,
 * INLET_CONFIG or `--config <file>`) gives the forms' variant weights for the verdict.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createSqlAnalyticsStore, readFilter } from '../analytics/index.ts';
import { buildReport, type AnalyticsReport } from '../analytics/report.ts';
import { openAnalyticsDatabase } from '../adapters/node/analytics-sqlite.ts';
import { loadConfigFile } from '../adapters/node/config-file.ts';
import { parseConfig } from '../config/inlet-config.ts';
import { readSettings } from '../settings.ts';
import { HttpError } from '../errors.ts';

const FILTERS = ['site', 'form', 'version', 'variant', 'step', 'from', 'to', 'device', 'path'] as const;

export async function runReport(argv: string[], out: (line: string) => void = console.log, now = Date.now()): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...Object.fromEntries(FILTERS.map((f) => [f, { type: 'string' as const }])), lift: { type: 'string' }, json: { type: 'boolean' }, db: { type: 'string' }, config: { type: 'string' } },
  });
  const settings = readSettings('node', (name) => process.env[name]);
  const path = (values.db as string | undefined) ?? settings.analytics;
  if (!path || !existsSync(path)) return fail(out, `No analytics database at ${path ?? '(INLET_ANALYTICS=off)'}: set INLET_ANALYTICS or pass --db <file>.`);
  const url = new URL('http://report/');
  const given = values as Record<string, unknown>;
  for (const f of FILTERS) if (typeof given[f] === 'string') url.searchParams.set(f, given[f] as string);
  let filter;
  try {
    filter = readFilter(url);
  } catch (error) {
    return fail(out, error instanceof HttpError ? `${error.message.replace(/^"(\w+)"/, '--$1')} (usage: npm run report -- --site <id> [--form <id>] …)` : String(error));
  }
  const configPath = (values.config as string | undefined) ?? settings.configFile;
  const raw = settings.config ?? (configPath && existsSync(configPath) ? await loadConfigFile(configPath) : undefined);
  const config = raw === undefined ? undefined : parseConfig(raw, { env: settings.env });
  const form = config?.forms.find((f) => f.site === filter.site && f.id === filter.form);
  const db = openAnalyticsDatabase(path);
  try {
    const store = await createSqlAnalyticsStore(db);
    const report = await buildReport(store, filter, { form, lift: values.lift ? Number(values.lift) : undefined, now });
    if (values.json) out(JSON.stringify(report, null, 2));
    else for (const line of render(report)) out(line);
    return 0;
  } finally {
    db.close();
  }
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const rate = (r: { rate: number; low: number; high: number }) => `${pct(r.rate)} [${pct(r.low)}, ${pct(r.high)}]`;

function table(head: string[], rows: (string | number)[][]): string[] {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r, n) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ') + (n === 0 ? '\n' + widths.map((w) => '─'.repeat(w)).join('  ') : ''));
}

export function render(r: AnalyticsReport): string[] {
  const t = r.totals;
  const lines = [
    `Inlet analytics: site ${r.filter.site}${r.filter.form ? `, form ${r.filter.form}` : ''}${r.filter.version ? ` v${r.filter.version}` : ''}`,
    '',
    `assigned ${t.assigned}  views ${t.views}  sign-ups ${t.signups}  closes ${t.closes}`,
    `sign-ups per view ${rate(t.perView)}   per assigned visitor ${rate(t.perAssigned)}`,
    `identifiers new to Inlet ${t.identifiersNew}   subscriptions sent ${Object.entries(t.subscriptions).map(([g, n]) => `${g}: ${n}`).join(', ') || 0}`,
    '',
    ...table(['variant', 'assigned', 'views', 'sign-ups', 'per view', 'per assigned'], r.variants.map((v) => [v.id || '(none)', v.assigned, v.views, v.signups, rate(v.perView), rate(v.perAssigned)])),
  ];
  if (r.experiment) {
    const v = r.experiment.verdict;
    lines.push('', `verdict: ${v.status === 'winner' ? `${v.winner} wins (day ${v.decidedOnDay})` : v.status.replaceAll('_', ' ')}`, ...v.reasons.map((x) => `  · ${x}`));
    const d = r.experiment.daysNeeded;
    lines.push(`days needed for a ${Math.round(d.lift * 100)} % lift: ${Number.isFinite(d.days) ? d.days : 'no traffic yet'} (${Number.isFinite(d.perArm) ? d.perArm : '—'} per arm)`);
  }
  if (r.funnel.length) lines.push('', ...table(['step', 'views', 'submits', 'drop-off'], r.funnel.map((s) => [s.step + 1, s.views, s.submits, pct(s.dropOff)])));
  const i = r.influenced;
  lines.push('', ...table([`influenced (${i.windowDays} d)`, 'visitors', 'returning', 'pages/session'], (['exposed', 'holdout'] as const).map((g) => [g, i[g].visitors, rate(i[g].returning), i[g].pagesPerSession.toFixed(2)])));
  if (Object.keys(r.dropped).length) lines.push('', `dropped events: ${Object.entries(r.dropped).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  return lines;
}

function fail(out: (line: string) => void, message: string): number {
  out(message);
  return 1;
}

if (import.meta.main) process.exitCode = await runReport(process.argv.slice(2));
