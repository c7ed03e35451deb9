/**
 * Applies stores' migrations to one SQLite file at start-up.
 *
 * Several stores may share a file (the outbox, dead letters and deltas today; the studio or
 * analytics may join them), and each is written on its own schedule by its own feature. A single
 * `PRAGMA user_version` can hold one number per file, which would force every store into one
 * shared sequence, and two features adding "migration 3" at once would collide. So each store
 * keeps its own version in a small `inlet_schema` table, and `user_version` versions only that
 * bookkeeping (1 = "this file has inlet_schema"), so a file from a newer layout is refused too.
 */
import { pendingMigrations, StoreTooNewError, type StoreMigrations } from '../../lifecycle/migrations.ts';
import { transaction, type SqliteDb } from './sqlite.ts';

/** The bookkeeping layout this code writes (`PRAGMA user_version`). */
export const BOOKKEEPING_VERSION = 1;

export interface AppliedMigration {
  store: string;
  version: number;
  name: string;
}

/**
 * Brings each store in `stores` (in order: a later store's migration may read an earlier one's
 * tables) to its latest version; each migration and its version bump commit together.
 */
export function migrateSqlite(db: SqliteDb, stores: readonly StoreMigrations[], where: string, now = Date.now()): AppliedMigration[] {
  const layout = Number(db.prepare('PRAGMA user_version').get()?.user_version ?? 0);
  if (layout > BOOKKEEPING_VERSION) throw new StoreTooNewError('schema bookkeeping of the', where, layout, BOOKKEEPING_VERSION);
  db.exec(`CREATE TABLE IF NOT EXISTS inlet_schema (store TEXT PRIMARY KEY, version INTEGER NOT NULL, applied_at INTEGER NOT NULL)`);
  if (layout < BOOKKEEPING_VERSION) db.exec(`PRAGMA user_version = ${BOOKKEEPING_VERSION}`);
  const versionOf = db.prepare('SELECT version FROM inlet_schema WHERE store = ?');
  const record = db.prepare('INSERT INTO inlet_schema (store, version, applied_at) VALUES (?, ?, ?) ON CONFLICT (store) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at');
  const applied: AppliedMigration[] = [];
  for (const store of stores) {
    const current = Number(versionOf.get(store.store)?.version ?? 0);
    for (const migration of pendingMigrations(store, current, where)) {
      transaction(db, () => {
        if (typeof migration.up === 'string') db.exec(migration.up);
        else migration.up(db);
        record.run(store.store, migration.version, now);
      });
      applied.push({ store: store.store, version: migration.version, name: migration.name });
    }
  }
  return applied;
}

/** Each store's recorded version (0 when it has none yet). */
export function schemaVersions(db: SqliteDb): Record<string, number> {
  const rows = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'inlet_schema'`).all();
  if (rows.length === 0) return {};
  return Object.fromEntries(db.prepare('SELECT store, version FROM inlet_schema').all().map((r) => [String(r.store), Number(r.version)]));
}

/** At start-up: a store from a newer Inlet ends the process with its one-line reason, not a stack trace. */
export function refuseNewerStore(error: unknown): never {
  if (error instanceof StoreTooNewError) {
    console.error(`inlet: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
