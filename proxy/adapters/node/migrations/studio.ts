/**
 * The studio store of its SQLite file (INLET_STUDIO_DB): users, roles, sessions, sign-in throttling,
 * forms, versions and the activity log. The same tables as D1's `migrations/0003_studio.sql`
 * (test/lifecycle/studio-schema.test.ts compares the two).
 */
import type { StoreMigrations } from '../../../lifecycle/migrations.ts';

export const studioMigrations: StoreMigrations = {
  store: 'studio',
  migrations: [
    {
      version: 1,
      name: 'users, roles, sessions, forms, versions, activity',
      up: `
        CREATE TABLE studio_users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, password TEXT NOT NULL, created_at INTEGER NOT NULL);
        CREATE TABLE studio_roles (user_id TEXT NOT NULL REFERENCES studio_users(id) ON DELETE CASCADE, site TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('viewer','editor','publisher')), PRIMARY KEY (user_id, site));
        CREATE TABLE studio_sessions (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES studio_users(id) ON DELETE CASCADE, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, revoked_at INTEGER);
        CREATE TABLE studio_logins (key TEXT PRIMARY KEY, failures INTEGER NOT NULL, window_start INTEGER NOT NULL);
        CREATE TABLE studio_forms (site TEXT NOT NULL, id TEXT NOT NULL, draft TEXT NOT NULL, draft_rev INTEGER NOT NULL, updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL, live_version INTEGER, scheduled_version INTEGER, scheduled_at INTEGER, ends_at INTEGER, ended_at INTEGER, created_at INTEGER NOT NULL, PRIMARY KEY (site, id));
        CREATE TABLE studio_versions (site TEXT NOT NULL, form TEXT NOT NULL, version INTEGER NOT NULL, config TEXT NOT NULL, created_at INTEGER NOT NULL, created_by TEXT NOT NULL, note TEXT, PRIMARY KEY (site, form, version));
        CREATE TABLE studio_activity (seq INTEGER PRIMARY KEY AUTOINCREMENT, site TEXT NOT NULL, at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, form TEXT, detail TEXT);
        CREATE INDEX studio_activity_site ON studio_activity (site, seq);
        CREATE INDEX studio_activity_at ON studio_activity (at);
      `,
    },
  ],
};
