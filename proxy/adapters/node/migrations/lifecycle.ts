/**
 * The lifecycle store of a SQLite file: its hash key and the erasure log. Applied before every
 * other store of the file, whose migrations may read the key.
 */
import type { StoreMigrations } from '../../../lifecycle/migrations.ts';

export const lifecycleMigrations: StoreMigrations = {
  store: 'lifecycle',
  migrations: [
    {
      version: 1,
      name: 'hash key and erasure log',
      up: `
        CREATE TABLE inlet_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- The key of every keyed hash in this file (proxy/lifecycle/keyed-hash.ts), made once.
        INSERT INTO inlet_meta (name, value) VALUES ('hash_key', lower(hex(randomblob(32))));
        -- Who was erased is never written: when, through what, and how many rows per store.
        CREATE TABLE erasure_log (at INTEGER NOT NULL, via TEXT NOT NULL, removed TEXT NOT NULL);
        CREATE INDEX erasure_log_at ON erasure_log (at);
      `,
    },
  ],
};
