/**
 * Schema migrations, web-neutral: each store lists its own numbered, forward-only migrations in one
 * file (`proxy/adapters/node/migrations/<store>.ts` on Node; `migrations/` for D1 on Workers) and a
 * runtime's runner applies the missing ones at start-up. A store whose recorded version is newer
 * than its list was written by a newer Inlet: it is refused, never "migrated" backwards.
 * docs/data.md, "Migrations".
 */

/** What a function migration may do; SQLite on Node implements it. */
export interface MigrationDb {
  exec(sql: string): void;
  prepare(sql: string): { run(...params: (string | number | null)[]): unknown; all(...params: (string | number | null)[]): Record<string, unknown>[] };
}

export interface Migration {
  /** 1, 2, 3…: contiguous, never renumbered once released. */
  version: number;
  /** What it does, for the log and the docs. */
  name: string;
  /** SQL run as one script, or a function for what SQL alone cannot do (rewriting hashes). */
  up: string | ((db: MigrationDb) => void);
}

export interface StoreMigrations {
  /** The store's name, unique within its file or database: `outbox`, `studio`, `analytics`… */
  store: string;
  migrations: readonly Migration[];
}

export class StoreTooNewError extends Error {
  override readonly name = 'StoreTooNewError';
  readonly code = 'store_too_new';
  readonly store: string;
  readonly found: number;
  readonly known: number;
  constructor(store: string, where: string, found: number, known: number) {
    super(
      `The ${store} store in ${where} is at schema version ${found}, but this Inlet knows versions up to ${known}: it was written by a newer Inlet. Run that release (or newer), or restore a backup made before the upgrade (docs/data.md, "Restore").`,
    );
    this.store = store;
    this.found = found;
    this.known = known;
  }
}

export const latestVersion = (list: StoreMigrations) => list.migrations.at(-1)?.version ?? 0;

/** Refuses a list with gaps, duplicates or a start other than 1: a numbering mistake would skip a migration. */
export function checkMigrationList(list: StoreMigrations): void {
  list.migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations of the ${list.store} store must be numbered 1, 2, 3… without gaps; entry ${i + 1} is version ${m.version} ("${m.name}").`);
  });
}

/** The migrations still to run from `current`, or the refusal when the store is newer than the code. */
export function pendingMigrations(list: StoreMigrations, current: number, where: string): readonly Migration[] {
  checkMigrationList(list);
  const latest = latestVersion(list);
  if (current > latest) throw new StoreTooNewError(list.store, where, current, latest);
  return list.migrations.filter((m) => m.version > current);
}
