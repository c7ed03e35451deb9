/**
 * Analytics on Workers: beacons go through the `ANALYTICS_QUEUE` queue into the `ANALYTICS_DB` D1
 * database (one batch of rows per message), so a visitor's request never waits on a D1 write;
 * sign-ups and the report use D1 directly. D1 already is the SQL seam (proxy/analytics/sql.ts).
 */
import { createSqlAnalyticsStore, type AnalyticsOptions, type AnalyticsStore, type SqlDatabase } from '../../analytics/index.ts';
import type { EventRow } from '../../analytics/types.ts';
import type { MessageBatch, Queue } from './types.ts';

export const ANALYTICS_QUEUE = 'inlet-analytics';

// One store per isolate and database: migrations run once, on first use.
const stores = new WeakMap<object, Promise<AnalyticsStore>>();

export function d1Store(db: SqlDatabase): Promise<AnalyticsStore> {
  let store = stores.get(db);
  if (!store) {
    store = createSqlAnalyticsStore(db);
    stores.set(db, store);
    store.catch(() => stores.delete(db));
  }
  return store;
}

/** An `AnalyticsStore` whose every call waits for the migrated D1 store, so the handler can be built synchronously. */
export function deferredStore(ready: Promise<AnalyticsStore>): AnalyticsStore {
  return new Proxy({} as AnalyticsStore, {
    get: (_, name) => async (...args: unknown[]) => {
      const store = (await ready) as unknown as Record<string | symbol, (...a: unknown[]) => unknown>;
      return store[name]!(...args);
    },
  });
}

export function workerAnalytics(db: SqlDatabase | undefined, queue: Queue<EventRow[]> | undefined): AnalyticsOptions | undefined {
  if (!db) return undefined;
  const store = deferredStore(d1Store(db));
  return { store, ...(queue && { sink: (rows: EventRow[]) => queue.send(rows, { contentType: 'json' }) }) };
}

/** The analytics queue's consumer: each message is one beacon request's rows; a D1 failure retries the batch. */
export async function consumeAnalytics(batch: MessageBatch<EventRow[]>, db: SqlDatabase | undefined): Promise<void> {
  if (!db) {
    batch.retryAll({ delaySeconds: 60 });
    return;
  }
  const store = await d1Store(db);
  await store.append(batch.messages.flatMap((m) => m.body));
  batch.ackAll();
}
