/**
 * `npm run forget -- --email <address> | --phone <number> [--country FR]`: removes one person from
 * every store of the Node proxy (pending outbox rows, dead letters, delta hashes, and every store
 * registered later), then says what to do in Braze. Safe while the proxy runs (SQLite WAL).
 *
 * The file is INLET_OUTBOX (default `.inlet/outbox.sqlite`) or `--outbox <file>`; the sites come
 * from the config (INLET_CONFIG or `--config <file>`) and from the rows themselves.
 * docs/data.md, "Erasure".
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openOutboxFile, outboxFileErasureRegistry } from '../adapters/node/delivery.ts';
import { readSettings } from '../settings.ts';
import { erasureSubject } from '../lifecycle/erasure.ts';
import { createSqlAnalyticsStore } from '../analytics/index.ts';
import { analyticsErasure } from '../analytics/lifecycle.ts';
import { checkpoint, openAnalyticsDatabase } from '../adapters/node/analytics-sqlite.ts';
import { StoreTooNewError } from '../lifecycle/migrations.ts';

/** Read lazily: a flag given on the command line needs no setting. */
const settings = () => readSettings('node', (name) => process.env[name]);

const USAGE = 'usage: npm run forget -- --email <address> | --phone <number> [--country <XX>] [--outbox <file>] [--analytics <file>] [--config <file>] [--json]';

function configuredSites(path: string, out: (line: string) => void): string[] {
  try {
    const config = JSON.parse(readFileSync(path, 'utf8')) as { sites?: Record<string, unknown> };
    return Object.keys(config.sites ?? {});
  } catch {
    out(`Note: could not read the config at ${path}; looking under the sites the store itself holds rows for.`);
    return [];
  }
}

export async function runForget(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { email: { type: 'string' }, phone: { type: 'string' }, country: { type: 'string' }, outbox: { type: 'string' }, analytics: { type: 'string' }, config: { type: 'string' }, json: { type: 'boolean' } },
    }));
  } catch (error) {
    out(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    return 2;
  }
  const sites = configuredSites(values.config ?? settings().configFile ?? 'inlet.config.json', out);
  const parsed = erasureSubject({ email: values.email, phone: values.phone, country: values.country }, sites);
  if ('error' in parsed) {
    out(`${parsed.error}\n${USAGE}`);
    return 2;
  }
  const path = values.outbox ?? settings().outbox;
  if (!path || !existsSync(path)) {
    out(`No outbox file at ${path ?? '(INLET_OUTBOX=off)'}: nothing is stored on this host. Set INLET_OUTBOX or pass --outbox <file>.`);
    return 2;
  }
  let file;
  try {
    file = openOutboxFile(path);
  } catch (error) {
    if (!(error instanceof StoreTooNewError)) throw error;
    out(error.message);
    return 1;
  }
  const { db, hashKey } = file;
  try {
    const registry = outboxFileErasureRegistry(db, hashKey);
    // The analytics file (INLET_ANALYTICS, or the one beside --outbox, or --analytics) keeps identifier hashes.
    const analyticsPath = values.analytics ?? (values.outbox ? values.outbox.replace(/[^/\\]*$/, 'analytics.sqlite') : settings().analytics);
    const analytics = analyticsPath && existsSync(analyticsPath) ? openAnalyticsDatabase(analyticsPath) : undefined;
    if (analytics) registry.register(analyticsErasure(await createSqlAnalyticsStore(analytics), checkpoint(analytics)));
    const report = await registry.erase(parsed.subject, 'cli', Date.now()).finally(() => analytics?.close());
    if (values.json) out(JSON.stringify(report, null, 2));
    else {
      out(`Removed ${report.total} row(s): ${Object.entries(report.removed).map(([k, n]) => `${k} ${n}`).join(', ')}.`);
      for (const line of report.braze) out(line);
    }
    return 0;
  } finally {
    db.close();
  }
}

if (import.meta.main) process.exitCode = await runForget(process.argv.slice(2));
