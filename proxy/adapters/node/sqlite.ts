/**
 * Opens the outbox database with Node's built-in `node:sqlite` (Node ≥ 22.13; Inlet's scripts run on
 * the pinned Node 22). Being built in, no native module has to match the running Node's ABI, and
 * installs compile nothing.
 */
import { createRequire } from 'node:module';

export interface SqlStatement {
  run(...params: SqlValue[]): { changes: number | bigint };
  get(...params: SqlValue[]): Record<string, unknown> | undefined;
  all(...params: SqlValue[]): Record<string, unknown>[];
}
export type SqlValue = string | number | null;

export interface SqliteDb {
  exec(sql: string): void;
  prepare(sql: string): SqlStatement;
  close(): void;
}

export interface OpenOptions {
  /**
   * `NORMAL` (with WAL): a committed write survives the process being killed, not a power cut.
   * `FULL`: it survives a power cut too, for one fsync per submission.
   */
  synchronous: 'NORMAL' | 'FULL';
}

const require = createRequire(import.meta.url);

function driver(): new (path: string) => SqliteDb {
  // node:sqlite announces itself as experimental on load; the subset used here is stable since 22.5.
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) =>
    String(warning).includes('SQLite') ? undefined : (emitWarning as (...a: unknown[]) => void).call(process, warning, ...rest)) as typeof process.emitWarning;
  try {
    return (require('node:sqlite') as { DatabaseSync: new (path: string) => SqliteDb }).DatabaseSync;
  } catch {
    throw new Error(`The Node outbox needs node:sqlite (Node ≥ 22.13); this is Node ${process.version}. Run Inlet through its npm scripts, which use the pinned Node 22.`);
  } finally {
    process.emitWarning = emitWarning;
  }
}

export function openSqlite(path: string, options: OpenOptions): SqliteDb {
  const Database = driver();
  const db = new Database(path);
  // secure_delete: a cleared payload or an erased person is overwritten with zeros, not left in free pages.
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${options.synchronous}; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;`);
  return db;
}

/** Runs `fn` in one write transaction (taken up front, so readers never upgrade and deadlock). */
export function transaction<T>(db: SqliteDb, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
