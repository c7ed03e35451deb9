/**
 * The one SQL seam analytics storage is written against: the subset of Cloudflare D1's API that
 * `node:sqlite` can also offer (proxy/adapters/node/analytics-sqlite.ts). A columnar engine would
 * implement `AnalyticsStore` (store.ts) instead; the routes only ever see that.
 */
export interface SqlStatement {
  bind(...values: SqlValue[]): SqlStatement;
  all<T = Record<string, SqlValue>>(): Promise<{ results: T[] }>;
  run(): Promise<unknown>;
  first<T = Record<string, SqlValue>>(): Promise<T | null>;
}

export type SqlValue = string | number | null;

export interface SqlDatabase {
  prepare(sql: string): SqlStatement;
  /** Runs the statements in one transaction (D1's `batch`). */
  batch(statements: SqlStatement[]): Promise<unknown>;
}
