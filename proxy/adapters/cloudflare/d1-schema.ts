/**
 * The D1 database's migrations: wrangler applies the files in `migrations/` and records each name
 * in `d1_migrations`; this list is what this code knows. A database holding a name not listed was
 * migrated by a newer Inlet and is refused; one missing a listed name was not migrated yet.
 * Keep it in step with the folder (test/repo/d1-migrations.test.ts checks).
 */
import { StoreTooNewError } from '../../lifecycle/migrations.ts';
import type { D1Database } from './cf.ts';

export const D1_MIGRATIONS = ['0001_lifecycle.sql', '0002_offers.sql', '0003_studio.sql'] as const;

export class D1NotMigratedError extends Error {
  override readonly name = 'D1NotMigratedError';
  readonly code = 'store_not_migrated';
}

/** The database's hash key once its migrations check out: the same names, in order, as this code's. */
export async function checkD1(db: D1Database): Promise<{ hashKey: string }> {
  const { results } = await db
    .prepare(`SELECT name FROM d1_migrations ORDER BY id`)
    .all<{ name: string }>()
    .catch(() => ({ results: [] as { name: string }[] }));
  const applied = results.map((r) => r.name);
  const unknown = applied.filter((name) => !(D1_MIGRATIONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new StoreTooNewError('D1', `the DB binding (migration ${unknown[0]})`, applied.length, D1_MIGRATIONS.length);
  const missing = D1_MIGRATIONS.filter((name) => !applied.includes(name));
  if (missing.length > 0) throw new D1NotMigratedError(`The D1 database (binding DB) lacks migration ${missing[0]}: run \`npx wrangler d1 migrations apply inlet --remote\` (docs/data.md, "Migrations").`);
  const row = await db.prepare(`SELECT value FROM inlet_meta WHERE name = 'hash_key'`).first<{ value: string }>();
  if (!row) throw new D1NotMigratedError('The D1 database has no hash key: re-run `npx wrangler d1 migrations apply inlet --remote`.');
  return { hashKey: row.value };
}

const checked = new WeakMap<D1Database, Promise<{ hashKey: string }>>();

/** Checked once per isolate (bindings are fixed for its life); a failed check is retried next time. */
export function d1State(db: D1Database): Promise<{ hashKey: string }> {
  let state = checked.get(db);
  if (!state) {
    state = checkD1(db);
    checked.set(db, state);
    state.catch(() => checked.delete(db));
  }
  return state;
}
