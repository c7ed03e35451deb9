/**
 * The studio's `SqlDatabase` (D1's shape) on node:sqlite, so one store serves Node and Workers.
 * Calls are synchronous underneath; `batch` is one write transaction, as D1's is.
 */
import type { SqlDatabase, SqlParam, SqlStatement } from '../../studio/db.ts';
import { transaction, type SqliteDb } from './sqlite.ts';

type Bound = SqlStatement & { exec(): unknown };

function statement(db: SqliteDb, sql: string, params: SqlParam[] = []): Bound {
  const reads = /^\s*(SELECT|WITH)\b/i.test(sql);
  return {
    bind: (...p: SqlParam[]) => statement(db, sql, p),
    all: async <T,>() => ({ results: db.prepare(sql).all(...params) as T[] }),
    first: async <T,>() => (db.prepare(sql).get(...params) as T | undefined) ?? null,
    run: async () => ({ meta: { changes: Number(db.prepare(sql).run(...params).changes) } }),
    exec: () => (reads ? { results: db.prepare(sql).all(...params) } : { meta: { changes: Number(db.prepare(sql).run(...params).changes) } }),
  };
}

export function nodeStudioDb(db: SqliteDb): SqlDatabase {
  return {
    prepare: (sql) => statement(db, sql),
    batch: async (statements) => transaction(db, () => statements.map((s) => (s as Bound).exec())),
    exec: async (sql) => db.exec(sql),
  };
}
