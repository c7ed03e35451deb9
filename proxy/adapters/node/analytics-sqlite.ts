/**
 * The analytics SQL seam (proxy/analytics/sql.ts) on `node:sqlite`: the D1 calls Inlet uses, made
 * synchronous underneath, `batch` as one write transaction.
 */
import type { SqlDatabase, SqlStatement, SqlValue } from '../../analytics/sql.ts';
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

export function openAnalyticsDatabase(path: string): SqlDatabase & { close(): void } {
  const db = openSqlite(path, { synchronous: 'NORMAL' });
  return Object.assign(sqliteDatabase(db), { close: () => db.close() });
}
