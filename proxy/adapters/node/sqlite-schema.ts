/** Tables of the Node outbox file: the outbox itself, dead letters and delta hashes. */
import type { SqliteDb } from './sqlite.ts';

export function migrate(db: SqliteDb): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      site TEXT NOT NULL,
      -- A hash of site + identity: enough to keep one person's submissions in order, no personal data.
      identity TEXT NOT NULL,
      -- The PreparedSubmission as JSON; cleared once settled, so delivered sign-ups leave no PII behind.
      payload TEXT,
      -- Objects per array, so a claim fills exactly one call in either limit mode.
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
      -- Messaging triggers not sent (JSON array), or NULL.
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
}
