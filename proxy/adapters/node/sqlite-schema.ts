/**
 * The stores of the Node outbox file, in the order their migrations run. A new store sharing this
 * file adds its `migrations/<store>.ts` here; one in a file of its own calls `migrateSqlite` itself.
 */
import type { StoreMigrations } from '../../lifecycle/migrations.ts';
import { lifecycleMigrations } from './migrations/lifecycle.ts';
import { offersMigrations } from './migrations/offers.ts';
import { outboxMigrations } from './migrations/outbox.ts';
import { migrateSqlite, type AppliedMigration } from './sqlite-migrate.ts';
import type { SqliteDb } from './sqlite.ts';

export const OUTBOX_FILE_STORES: readonly StoreMigrations[] = [lifecycleMigrations, outboxMigrations, offersMigrations];

export function migrate(db: SqliteDb, where = 'the outbox file'): AppliedMigration[] {
  return migrateSqlite(db, OUTBOX_FILE_STORES, where);
}
