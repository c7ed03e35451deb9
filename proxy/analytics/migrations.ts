/**
 * The analytics store's schema in the lifecycle format (proxy/lifecycle/migrations.ts): numbered,
 * forward-only; a released migration is never edited. Node applies it with its SQLite runner
 * (proxy/adapters/node/migrations/analytics.ts); on Workers the same SQL is the file
 * `migrations/analytics/0001_analytics.sql` that wrangler applies to ANALYTICS_DB
 * (test/repo/d1-migrations.test.ts keeps the two identical).
 *
 * Nothing here holds an IP address, a user agent or a field value: visitors are the widget's random
 * id or a daily-salted hash; identifiers are keyed hashes, kept only to tell "new to Inlet" and
 * removed when the person is erased (proxy/analytics/erasure.ts).
 */
import type { StoreMigrations } from '../lifecycle/migrations.ts';

export const ANALYTICS_SCHEMA_V1 = `CREATE TABLE analytics_events (
  ts INTEGER NOT NULL, site TEXT NOT NULL, form TEXT NOT NULL, version INTEGER NOT NULL, variant TEXT NOT NULL,
  step INTEGER NOT NULL, name TEXT NOT NULL, detail TEXT NOT NULL, visitor TEXT NOT NULL,
  device TEXT NOT NULL, path TEXT NOT NULL, consented INTEGER NOT NULL
);
CREATE INDEX analytics_events_ts ON analytics_events (site, ts);
CREATE TABLE analytics_assignments (
  site TEXT NOT NULL, form TEXT NOT NULL, version INTEGER NOT NULL, visitor TEXT NOT NULL, variant TEXT NOT NULL,
  ts INTEGER NOT NULL, device TEXT NOT NULL, path TEXT NOT NULL, consented INTEGER NOT NULL, fetch_key TEXT NOT NULL,
  PRIMARY KEY (site, form, version, visitor)
);
CREATE TABLE analytics_signups (
  site TEXT NOT NULL, form TEXT NOT NULL, version INTEGER NOT NULL, visitor TEXT NOT NULL, variant TEXT NOT NULL,
  ts INTEGER NOT NULL, device TEXT NOT NULL, path TEXT NOT NULL, new_identifier INTEGER NOT NULL,
  PRIMARY KEY (site, form, version, visitor)
);
CREATE TABLE analytics_hourly (
  site TEXT NOT NULL, form TEXT NOT NULL, version INTEGER NOT NULL, variant TEXT NOT NULL, hour INTEGER NOT NULL,
  name TEXT NOT NULL, step INTEGER NOT NULL, detail TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (site, form, version, variant, hour, name, step, detail)
);
CREATE TABLE analytics_daily_by_page (
  site TEXT NOT NULL, form TEXT NOT NULL, version INTEGER NOT NULL, variant TEXT NOT NULL, day INTEGER NOT NULL,
  name TEXT NOT NULL, step INTEGER NOT NULL, detail TEXT NOT NULL, device TEXT NOT NULL, path TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (site, form, version, variant, day, name, step, detail, device, path)
);
CREATE TABLE analytics_visits (
  site TEXT NOT NULL, visitor TEXT NOT NULL, ts INTEGER NOT NULL, pages INTEGER NOT NULL, started INTEGER NOT NULL,
  PRIMARY KEY (site, visitor, started)
);
CREATE TABLE analytics_fetches (site TEXT NOT NULL, key TEXT NOT NULL, bucket INTEGER NOT NULL, PRIMARY KEY (site, key, bucket));
CREATE TABLE analytics_identifiers (site TEXT NOT NULL, hash TEXT NOT NULL, ts INTEGER NOT NULL, PRIMARY KEY (site, hash));
CREATE TABLE analytics_dropped (hour INTEGER NOT NULL, reason TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (hour, reason));
CREATE TABLE analytics_keys (name TEXT PRIMARY KEY, value TEXT NOT NULL, created INTEGER NOT NULL);
`;

export const analyticsMigrations: StoreMigrations = {
  store: 'analytics',
  migrations: [{ version: 1, name: 'events, assignments, sign-ups, manifest fetches, hourly and daily-by-page rollups', up: ANALYTICS_SCHEMA_V1 }],
};
