/**
 * The outbox store of the Node SQLite file: the outbox itself, dead letters and delta hashes.
 * Numbered, forward-only; a released migration is never edited, a change is a new one at the end.
 */
import type { MigrationDb, StoreMigrations } from '../../../lifecycle/migrations.ts';
import { keyedValueHash } from '../../../delivery/delta.ts';
import { keyedHashSync } from '../sqlite-keys.ts';

function hashKey(db: MigrationDb): string {
  const row = db.prepare(`SELECT value FROM inlet_meta WHERE name = 'hash_key'`).all()[0];
  if (!row) throw new Error('The lifecycle store must be migrated before the outbox store (its hash key is missing).');
  return String(row.value);
}

export const outboxMigrations: StoreMigrations = {
  store: 'outbox',
  migrations: [
    {
      version: 1,
      // Exactly the tables of the releases before migrations, so a file they made is taken as is.
      name: 'outbox, dead letters and deltas',
      up(db) {
        db.exec(`
          CREATE TABLE IF NOT EXISTS outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            site TEXT NOT NULL,
            -- A keyed hash of site + identity (from version 2): keeps one person's submissions in order.
            identity TEXT NOT NULL,
            -- The PreparedSubmission as JSON; cleared once settled, so delivered sign-ups leave no PII behind.
            payload TEXT,
            n_attributes INTEGER NOT NULL,
            n_events INTEGER NOT NULL,
            n_purchases INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'inflight', 'done', 'dead')),
            attempts INTEGER NOT NULL DEFAULT 0,
            enqueued_at INTEGER NOT NULL,
            due_at INTEGER NOT NULL,
            last_error TEXT,
            settled_at INTEGER
          );
          CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, due_at);
          CREATE INDEX IF NOT EXISTS outbox_queue ON outbox (state, seq);
          CREATE INDEX IF NOT EXISTS outbox_identity ON outbox (identity, seq);
          CREATE INDEX IF NOT EXISTS outbox_settled ON outbox (settled_at) WHERE settled_at IS NOT NULL;

          CREATE TABLE IF NOT EXISTS dead_letters (
            id TEXT PRIMARY KEY,
            site TEXT NOT NULL,
            identity TEXT NOT NULL,
            body TEXT NOT NULL,
            errors TEXT NOT NULL,
            reason TEXT NOT NULL,
            status INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            dead_at INTEGER NOT NULL,
            triggers TEXT
          );

          CREATE TABLE IF NOT EXISTS deltas (
            identity TEXT NOT NULL,
            attribute TEXT NOT NULL,
            hash TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (identity, attribute)
          ) WITHOUT ROWID;
          CREATE INDEX IF NOT EXISTS deltas_expiry ON deltas (expires_at);
        `);
        // Files created before dead letters carried triggers.
        const columns = db.prepare(`PRAGMA table_info(dead_letters)`).all().map((c) => String(c.name));
        if (!columns.includes('triggers')) db.exec(`ALTER TABLE dead_letters ADD COLUMN triggers TEXT`);
      },
    },
    {
      version: 2,
      // Unkeyed digests of an email can be matched against a list of emails; keyed ones cannot
      // without this file's key. Each new hash is a keyed hash of the old one, so every row is kept.
      name: 'keyed identity and value hashes; dead-letter age index',
      up(db) {
        const key = hashKey(db);
        const rekey = db.prepare(`UPDATE outbox SET identity = ? WHERE seq = ?`);
        for (const row of db.prepare(`SELECT seq, identity FROM outbox`).all()) rekey.run(keyedHashSync(key, String(row.identity)), Number(row.seq));
        const rows = db.prepare(`SELECT identity, attribute, hash, expires_at FROM deltas`).all();
        db.exec(`DELETE FROM deltas`);
        const put = db.prepare(`INSERT INTO deltas (identity, attribute, hash, expires_at) VALUES (?, ?, ?, ?)`);
        for (const row of rows) put.run(keyedHashSync(key, String(row.identity)), String(row.attribute), keyedValueHash(key, String(row.hash)), Number(row.expires_at));
        db.exec(`CREATE INDEX IF NOT EXISTS dead_letters_age ON dead_letters (dead_at)`);
      },
    },
  ],
};
