/**
 * Durable delivery for the Node runtime: a SQLite file holds the outbox, dead letters and delta
 * hashes; a worker in the same process drains it to Braze. One proxy process per file.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createBrazeClient } from '../../braze/client.ts';
import { createDeliverContext, type DeliverContext, type DeliveryOptions } from '../../delivery/deliver.ts';
import { createOutboxDelivery } from '../../delivery/outbox.ts';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from '../../delivery/outbox-worker.ts';
import type { DeadLetterStore, OutboxStore } from '../../delivery/stores.ts';
import type { Delivery } from '../../delivery/types.ts';
import type { BrazeConnection } from '../../options.ts';
import type { InletConfig } from '../../config/inlet-config.ts';
import { siteClients } from '../../delivery/workspaces.ts';
import { createSqliteDeadLetters } from './sqlite-dead-letters.ts';
import { createSqliteDeltas } from './sqlite-deltas.ts';
import { createSqliteOutbox } from './sqlite-outbox.ts';
import { migrate } from './sqlite-schema.ts';
import { openSqlite, type OpenOptions, type SqliteDb } from './sqlite.ts';
import { readHashKey } from './sqlite-keys.ts';
import { outboxFileErasure, outboxFilePurgers, recordErasure } from './sqlite-lifecycle.ts';
import { createSqliteOffers, sqliteOffersErasure, sqliteOffersPurgers } from './sqlite-offers.ts';
import type { OfferStore } from '../../offers/store.ts';
import { startRetentionTimer, type RetentionTimer } from './retention-timer.ts';
import { createErasureRegistry, type ErasureRegistry } from '../../lifecycle/erasure.ts';
import { DAY_MS, retentionPolicy, type RetentionKindName, type RetentionPurger } from '../../lifecycle/retention.ts';

export interface NodeDeliveryOptions {
  /** The SQLite file; its folder is created when missing. */
  path: string;
  braze: BrazeConnection;
  /** The config's sites: those naming their own Braze workspace deliver there (delivery/workspaces.ts). */
  sites?: InletConfig['sites'];
  fetch?: typeof fetch;
  /** Braze call timeout. */
  timeoutMs?: number;
  /** `FULL` by default: an accepted sign-up survives a power cut, not only a crash. */
  synchronous?: OpenOptions['synchronous'];
  /** Leave out attribute values already delivered (default on). */
  deltas?: boolean;
  delivery?: Partial<DeliveryOptions>;
  worker?: Partial<OutboxWorkerOptions>;
  random?: () => number;
  /** Days to keep each kind of data (proxy/lifecycle/retention.ts); defaults there. */
  retention?: Partial<Record<RetentionKindName, number>>;
  /** How often the retention sweep runs (default one hour). */
  retentionIntervalMs?: number;
  /** The clock of retention and erasure (tests inject one). */
  now?: () => number;
}

export interface NodeDelivery {
  delivery: Delivery;
  outbox: OutboxStore;
  deadLetters: DeadLetterStore;
  /** Code pools and wheel draws (proxy/offers/), in the same file: pass it as `offers` to createHandler. */
  offers: OfferStore;
  context: DeliverContext;
  worker: OutboxWorker;
  db: SqliteDb;
  /** Every store's erasure target; stores added later register theirs here. */
  erasure: ErasureRegistry;
  /** Retention purgers the timer runs; stores added later push theirs here. */
  purgers: RetentionPurger[];
  retention: RetentionTimer;
  /** Stops the worker (waiting for calls in flight) and closes the file. */
  close(): Promise<void>;
}

/**
 * Opens the file, applies its migrations (refusing a file from a newer Inlet) and builds its stores
 * without starting a worker: what `npm run dlq`, `forget` and `backup` need.
 */
export function openOutboxFile(path: string, synchronous: OpenOptions['synchronous'] = 'FULL', options: { retainMs?: number } = {}) {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = openSqlite(path, { synchronous });
  try {
    migrate(db, path);
  } catch (error) {
    db.close();
    throw error;
  }
  const hashKey = readHashKey(db);
  const outbox = createSqliteOutbox(db, { retainMs: options.retainMs ?? retentionPolicy().delivered_ids * DAY_MS, hashKey });
  return { db, hashKey, outbox, deadLetters: createSqliteDeadLetters(db, hashKey), deltas: createSqliteDeltas(db, hashKey), offers: createSqliteOffers(db, hashKey) };
}

/** The erasure registry of the outbox file, with its target registered and its log table. */
export function outboxFileErasureRegistry(db: SqliteDb, hashKey: string): ErasureRegistry {
  const registry = createErasureRegistry({ record: recordErasure(db) });
  registry.register(outboxFileErasure(db, hashKey));
  registry.register(sqliteOffersErasure(db, hashKey));
  return registry;
}

export async function createNodeDelivery(options: NodeDeliveryOptions): Promise<NodeDelivery> {
  const policy = retentionPolicy(options.retention);
  const { db, hashKey, outbox, deadLetters, deltas, offers } = openOutboxFile(options.path, options.synchronous, { retainMs: policy.delivered_ids * DAY_MS });
  const client = (connection: BrazeConnection) => createBrazeClient({ ...connection, fetch: options.fetch, timeoutMs: options.timeoutMs });
  const delivery = { deltaTtlMs: policy.deltas * DAY_MS, ...options.delivery };
  const context = createDeliverContext({ client: client(options.braze), siteClients: siteClients(options.sites, client), options: delivery, deltas: options.deltas === false ? undefined : deltas, random: options.random, log: options.worker?.log });
  const worker = createOutboxWorker(outbox, context, options.worker);
  await worker.start();
  const erasure = outboxFileErasureRegistry(db, hashKey);
  const purgers = [...outboxFilePurgers(db), ...sqliteOffersPurgers(db)];
  const retention = startRetentionTimer({ purgers: () => purgers, policy, intervalMs: options.retentionIntervalMs, now: options.now });
  return {
    delivery: createOutboxDelivery(outbox, worker, context, deadLetters),
    outbox,
    deadLetters,
    offers,
    context,
    worker,
    db,
    erasure,
    purgers,
    retention,
    async close() {
      await retention.stop();
      await worker.stop();
      db.close();
    },
  };
}
