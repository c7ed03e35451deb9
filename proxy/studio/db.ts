/**
 * The SQL database the studio's store is written against: the D1 shape
 * (https://developers.cloudflare.com/d1/worker-api/prepared-statements/), so D1 is used as is and
 * node:sqlite gets a thin driver (proxy/adapters/node/studio-db.ts).
 */
export type SqlParam = string | number | null;

export interface SqlStatement {
  bind(...params: SqlParam[]): SqlStatement;
  all<T = Record<string, unknown>>(): Promise<{ results: T[] }>;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  run(): Promise<{ meta: { changes: number } }>;
}

export interface SqlDatabase {
  prepare(sql: string): SqlStatement;
  /** Runs statements in one transaction (D1 `batch`), all or none. */
  batch(statements: SqlStatement[]): Promise<unknown[]>;
  /** Runs a script of `;`-separated statements (schema migrations). */
  exec(sql: string): Promise<unknown>;
}
