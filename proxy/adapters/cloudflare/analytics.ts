/**
 * Analytics on Workers: beacons go through the `ANALYTICS_QUEUE` queue into the `ANALYTICS_DB` D1
 * database (one batch of rows per message), so a visitor's request never waits on a D1 write;
 * sign-ups, manifest fetches and the report use D1 directly. D1 already is the SQL seam
 * (proxy/analytics/sql.ts). Its schema is `migrations/analytics/`, applied by wrangler
 * (`npx wrangler d1 migrations apply inlet-analytics --remote`); a database missing one of those
 * files, or holding one this code does not know, is refused and analytics count it as a storage error.
 */
import { createSqlAnalyticsStore, type AnalyticsOptions, type AnalyticsStore, type SqlDatabase } from '../../analytics/index.ts';
import type { EventRow } from '../../analytics/types.ts';
import { StoreTooNewError } from '../../lifecycle/migrations.ts';
import type { D1Database, MessageBatch, Queue } from './cf.ts';
import { D1NotMigratedError } from './d1-schema.ts';

export const ANALYTICS_QUEUE = 'inlet-analytics';

/** The files of `migrations/analytics/`, in order (test/repo/d1-migrations.test.ts checks). */
export const D1_ANALYTICS_MIGRATIONS = ['0001_analytics.sql'] as const;

export async function checkAnalyticsD1(db: D1Database): Promise<void> {
  const { results } = await db
    .prepare(`SELECT name FROM d1_migrations ORDER BY id`)
    .all<{ name: string }>()
    .catch(() => ({ results: [] as { name: string }[] }));
  const applied = results.map((r) => r.name);
  const unknown = applied.filter((name) => !(D1_ANALYTICS_MIGRATIONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new StoreTooNewError('analytics', `the ANALYTICS_DB binding (migration ${unknown[0]})`, applied.length, D1_ANALYTICS_MIGRATIONS.length);
  const missing = D1_ANALYTICS_MIGRATIONS.filter((name) => !applied.includes(name));
  if (missing.length > 0) throw new D1NotMigratedError(`The analytics D1 database (binding ANALYTICS_DB) lacks migration ${missing[0]}: run \`npx wrangler d1 migrations apply inlet-analytics --remote\` (docs/analytics.md, "Storage").`);
}

// One store per isolate and database: the migrations are checked once, on first use.
const stores = new WeakMap<object, Promise<AnalyticsStore>>();

export function d1Store(db: D1Database): Promise<AnalyticsStore> {
  let store = stores.get(db);
  if (!store) {
    store = checkAnalyticsD1(db).then(() => createSqlAnalyticsStore(db as unknown as SqlDatabase));
    stores.set(db, store);
    store.catch(() => stores.delete(db));
  }
  return store;
}

/** An `AnalyticsStore` whose every call waits for the checked D1 store, so the handler can be built synchronously. */
export function deferredStore(ready: Promise<AnalyticsStore>): AnalyticsStore {
  return new Proxy({} as AnalyticsStore, {
    get: (_, name) => async (...args: unknown[]) => {
      const store = (await ready) as unknown as Record<string | symbol, (...a: unknown[]) => unknown>;
      return store[name]!(...args);
    },
  });
}

export function workerAnalytics(db: D1Database | undefined, queue: Queue<EventRow[]> | undefined): AnalyticsOptions | undefined {
  if (!db) return undefined;
  const store = deferredStore(d1Store(db));
  return { store, ...(queue && { sink: async (rows: EventRow[]) => void (await queue.send(rows, { contentType: 'json' })) }) };
}

/** The analytics queue's consumer: each message is one beacon request's rows; a D1 failure retries the batch. */
export async function consumeAnalytics(batch: MessageBatch<EventRow[]>, db: D1Database | undefined): Promise<void> {
  if (!db) {
    batch.retryAll({ delaySeconds: 60 });
    return;
  }
  const store = await d1Store(db);
  await store.append(batch.messages.flatMap((m) => m.body));
  batch.ackAll();
}
