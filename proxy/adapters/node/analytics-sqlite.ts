/**
 * The analytics SQL seam (proxy/analytics/sql.ts) on `node:sqlite`: the D1 calls Inlet uses, made
 * synchronous underneath, `batch` as one write transaction.
 */
import type { SqlDatabase, SqlStatement, SqlValue } from '../../analytics/sql.ts';
import { dirname } from 'node:path';
import { mkdirSync } from 'node:fs';
import { analyticsMigrations } from './migrations/analytics.ts';
import { migrateSqlite } from './sqlite-migrate.ts';
import { openSqlite, transaction, type SqliteDb } from './sqlite.ts';

export function sqliteDatabase(db: SqliteDb): SqlDatabase {
  // Compiled once per SQL text: ingest prepares the same few statements for every event.
  const cache = new Map<string, ReturnType<SqliteDb['prepare']>>();
  const compiled = (sql: string) => cache.get(sql) ?? cache.set(sql, db.prepare(sql)).get(sql)!;
  const statement = (sql: string, values: SqlValue[] = []): SqlStatement & { runSync(): void } => ({
    bind: (...next) => statement(sql, next),
    all: async <T>() => ({ results: compiled(sql).all(...values) as T[] }),
    first: async <T>() => (compiled(sql).get(...values) as T | undefined) ?? null,
    run: async () => compiled(sql).run(...values),
    runSync: () => void compiled(sql).run(...values),
  });
  return {
    prepare: (sql) => statement(sql),
    async batch(statements) {
      transaction(db, () => {
        for (const s of statements) (s as ReturnType<typeof statement>).runSync();
      });
    },
  };
}

/** The analytics file (INLET_ANALYTICS), migrated; a file from a newer Inlet is refused (StoreTooNewError). */
export function openAnalyticsDatabase(path: string): SqlDatabase & { close(): void; sqlite: SqliteDb } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = whenFree(() => {
    const opened = openSqlite(path, { synchronous: 'NORMAL' });
    try {
      migrateSqlite(opened, [analyticsMigrations], path);
      return opened;
    } catch (error) {
      opened.close();
      throw error;
    }
  });
  return Object.assign(sqliteDatabase(db), { close: () => db.close(), sqlite: db });
}

/**
 * Several proxies on one host may share the analytics file and start together: one migrates while
 * the others wait (SQLITE_BUSY past the busy timeout), then find it done. At most about 30 s.
 */
function whenFree<T>(open: () => T): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return open();
    } catch (error) {
      if (attempt >= 30 || !/database is locked|SQLITE_BUSY/i.test(`${(error as Error)?.message} ${(error as { errstr?: string })?.errstr}`)) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50 + Math.random() * 200);
    }
  }
}

/** Checkpoints the write-ahead log, so erased rows leave no copy in it (secure_delete zeroes the pages). */
export const checkpoint = (db: { sqlite: SqliteDb }) => () => void db.sqlite.exec('PRAGMA wal_checkpoint(TRUNCATE)');
