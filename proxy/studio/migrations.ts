/**
 * The studio's schema as numbered, forward-only migrations, applied on open by `migrate`. A number
 * is never reused or edited once released: a change is a new entry at the end.
 */
import type { SqlDatabase } from './db.ts';

export const MIGRATIONS: readonly { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'studio: users, sessions, forms, versions, activity',
    sql: `
CREATE TABLE studio_users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, password TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE studio_roles (user_id TEXT NOT NULL REFERENCES studio_users(id) ON DELETE CASCADE, site TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('viewer','editor','publisher')), PRIMARY KEY (user_id, site));
CREATE TABLE studio_sessions (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES studio_users(id) ON DELETE CASCADE, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, revoked_at INTEGER);
CREATE TABLE studio_logins (key TEXT PRIMARY KEY, failures INTEGER NOT NULL, window_start INTEGER NOT NULL);
CREATE TABLE studio_forms (site TEXT NOT NULL, id TEXT NOT NULL, draft TEXT NOT NULL, draft_rev INTEGER NOT NULL, updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL, live_version INTEGER, scheduled_version INTEGER, scheduled_at INTEGER, ends_at INTEGER, ended_at INTEGER, created_at INTEGER NOT NULL, PRIMARY KEY (site, id));
CREATE TABLE studio_versions (site TEXT NOT NULL, form TEXT NOT NULL, version INTEGER NOT NULL, config TEXT NOT NULL, created_at INTEGER NOT NULL, created_by TEXT NOT NULL, note TEXT, PRIMARY KEY (site, form, version));
CREATE TABLE studio_activity (seq INTEGER PRIMARY KEY AUTOINCREMENT, site TEXT NOT NULL, at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, form TEXT, detail TEXT);
CREATE INDEX studio_activity_site ON studio_activity (site, seq);
`,
  },
];

/** Applies the migrations not yet recorded in `studio_migrations`, in order. */
export async function migrate(db: SqlDatabase): Promise<number[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS studio_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const done = new Set((await db.prepare('SELECT id FROM studio_migrations').all<{ id: number }>()).results.map((r) => r.id));
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.id)) continue;
    const statements = m.sql.split(';').map((s) => s.trim()).filter(Boolean).map((s) => db.prepare(s));
    // A concurrent opener may have applied it first: the insert's primary key makes that visible.
    await db.batch([...statements, db.prepare('INSERT INTO studio_migrations (id, name, applied_at) VALUES (?, ?, ?)').bind(m.id, m.name, Date.now())]);
    applied.push(m.id);
  }
  return applied;
}
