/**
 * The analytics schema as numbered migrations, applied in order and recorded in
 * `analytics_migrations`, so a deployment upgrades itself at start-up. Append a migration; never
 * edit one that has shipped.
 *
 * Nothing here holds an IP address, a user agent or a field value: visitors are the widget's random
 * id or a daily-salted hash; identifiers are keyed hashes, kept only to tell "new to Inlet".
 */
import type { SqlDatabase } from './sql.ts';

export const MIGRATIONS: readonly { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'events, assignments, sign-ups, hourly and daily-by-page rollups',
    sql: `
CREATE TABLE IF NOT EXISTS analytics_events (
  ts INTEGER NOT NULL, site TEXT NOT NULL, form TEXT NOT NULL, version INTEGER NOT NULL, variant TEXT NOT NULL,
  step INTEGER NOT NULL, name TEXT NOT NULL, detail TEXT NOT NULL, visitor TEXT NOT NULL,
  device TEXT NOT NULL, path TEXT NOT NULL, consented INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS analytics_events_ts ON analytics_events (site, ts);
CREATE TABLE IF NOT EXISTS analytics_assignments (
  site TEXT NOT NULL, form TEXT NOT NULL, version INTEGER NOT NULL, visitor TEXT NOT NULL, variant TEXT NOT NULL,
  ts INTEGER NOT NULL, device TEXT NOT NULL, path TEXT NOT NULL, consented INTEGER NOT NULL,
  PRIMARY KEY (site, form, version, visitor)
);
CREATE TABLE IF NOT EXISTS analytics_signups (
  site TEXT NOT NULL, form TEXT NOT NULL, version INTEGER NOT NULL, visitor TEXT NOT NULL, variant TEXT NOT NULL,
  ts INTEGER NOT NULL, device TEXT NOT NULL, path TEXT NOT NULL, new_identifier INTEGER NOT NULL,
  PRIMARY KEY (site, form, version, visitor)
);
CREATE TABLE IF NOT EXISTS analytics_hourly (
  site TEXT NOT NULL, form TEXT NOT NULL, version INTEGER NOT NULL, variant TEXT NOT NULL, hour INTEGER NOT NULL,
  name TEXT NOT NULL, step INTEGER NOT NULL, detail TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (site, form, version, variant, hour, name, step, detail)
);
CREATE TABLE IF NOT EXISTS analytics_daily_by_page (
  site TEXT NOT NULL, form TEXT NOT NULL, version INTEGER NOT NULL, variant TEXT NOT NULL, day INTEGER NOT NULL,
  name TEXT NOT NULL, step INTEGER NOT NULL, detail TEXT NOT NULL, device TEXT NOT NULL, path TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (site, form, version, variant, day, name, step, detail, device, path)
);
CREATE TABLE IF NOT EXISTS analytics_visits (
  site TEXT NOT NULL, visitor TEXT NOT NULL, ts INTEGER NOT NULL, pages INTEGER NOT NULL, started INTEGER NOT NULL,
  PRIMARY KEY (site, visitor, started)
);
CREATE TABLE IF NOT EXISTS analytics_identifiers (site TEXT NOT NULL, hash TEXT NOT NULL, ts INTEGER NOT NULL, PRIMARY KEY (site, hash));
CREATE TABLE IF NOT EXISTS analytics_dropped (hour INTEGER NOT NULL, reason TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (hour, reason));
CREATE TABLE IF NOT EXISTS analytics_keys (name TEXT PRIMARY KEY, value TEXT NOT NULL, created INTEGER NOT NULL);
`,
  },
];

/** Applies the migrations not yet recorded; safe to call at every start and from several instances. */
export async function migrate(db: SqlDatabase): Promise<number[]> {
  await db.prepare('CREATE TABLE IF NOT EXISTS analytics_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied INTEGER NOT NULL)').run();
  const done = new Set((await db.prepare('SELECT id FROM analytics_migrations').all<{ id: number }>()).results.map((r) => Number(r.id)));
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (done.has(migration.id)) continue;
    // One statement per prepare: D1's exec() splits on newlines, so scripts go statement by statement.
    const statements = migration.sql.split(';').map((s) => s.trim()).filter(Boolean).map((s) => db.prepare(s));
    statements.push(db.prepare('INSERT OR IGNORE INTO analytics_migrations (id, name, applied) VALUES (?, ?, ?)').bind(migration.id, migration.name, Date.now()));
    await db.batch(statements);
    applied.push(migration.id);
  }
  return applied;
}
