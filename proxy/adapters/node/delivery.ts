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
import { createSqliteDeadLetters } from './sqlite-dead-letters.ts';
import { createSqliteDeltas } from './sqlite-deltas.ts';
import { createSqliteOutbox } from './sqlite-outbox.ts';
import { migrate } from './sqlite-schema.ts';
import { openSqlite, type OpenOptions, type SqliteDb } from './sqlite.ts';

export interface NodeDeliveryOptions {
  /** The SQLite file; its folder is created when missing. */
  path: string;
  braze: BrazeConnection;
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
}

export interface NodeDelivery {
  delivery: Delivery;
  outbox: OutboxStore;
  deadLetters: DeadLetterStore;
  context: DeliverContext;
  worker: OutboxWorker;
  db: SqliteDb;
  /** Stops the worker (waiting for calls in flight) and closes the file. */
  close(): Promise<void>;
}

/** Opens the file and its stores without starting a worker: what `npm run dlq` needs. */
export function openOutboxFile(path: string, synchronous: OpenOptions['synchronous'] = 'FULL') {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = openSqlite(path, { synchronous });
  migrate(db);
  return { db, outbox: createSqliteOutbox(db), deadLetters: createSqliteDeadLetters(db), deltas: createSqliteDeltas(db) };
}

export async function createNodeDelivery(options: NodeDeliveryOptions): Promise<NodeDelivery> {
  const { db, outbox, deadLetters, deltas } = openOutboxFile(options.path, options.synchronous);
  const client = createBrazeClient({ ...options.braze, fetch: options.fetch, timeoutMs: options.timeoutMs });
  const context = createDeliverContext({ client, options: options.delivery, deltas: options.deltas === false ? undefined : deltas, random: options.random, log: options.worker?.log });
  const worker = createOutboxWorker(outbox, context, options.worker);
  await worker.start();
  return {
    delivery: createOutboxDelivery(outbox, worker, context, deadLetters),
    outbox,
    deadLetters,
    context,
    worker,
    db,
    async close() {
      await worker.stop();
      db.close();
    },
  };
}
