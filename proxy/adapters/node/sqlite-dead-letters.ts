/** Dead letters in the outbox file. Replaying one puts its objects back in the outbox, in one transaction. */
import type { DeadLetter, DeadLetterStore } from '../../delivery/stores.ts';
import type { PreparedSubmission } from '../../delivery/types.ts';
import { countsOf, partOf } from '../../delivery/pack.ts';
import { identityKey } from './sqlite-outbox.ts';
import { transaction, type SqliteDb } from './sqlite.ts';

function toLetter(row: Record<string, unknown>): DeadLetter {
  return {
    id: String(row.id),
    site: String(row.site),
    identity: String(row.identity),
    body: JSON.parse(String(row.body)),
    errors: JSON.parse(String(row.errors)),
    reason: String(row.reason),
    status: Number(row.status),
    attempts: Number(row.attempts),
    deadAt: Number(row.dead_at),
    ...(row.triggers ? { triggers: JSON.parse(String(row.triggers)) } : {}),
  };
}

export function createSqliteDeadLetters(db: SqliteDb, hashKey?: string): DeadLetterStore {
  const one = db.prepare(`SELECT * FROM dead_letters WHERE id = ?`);
  const remove = db.prepare(`DELETE FROM dead_letters WHERE id = ?`);
  const requeue = db.prepare(`
    INSERT INTO outbox (id, site, identity, payload, n_attributes, n_events, n_purchases, state, attempts, enqueued_at, due_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
    ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, n_attributes = excluded.n_attributes, n_events = excluded.n_events,
      n_purchases = excluded.n_purchases, state = 'pending', attempts = 0,
      enqueued_at = excluded.enqueued_at, due_at = excluded.due_at, settled_at = NULL, last_error = NULL`);

  return {
    async list(options = {}) {
      const limit = options.limit ?? 100;
      const rows = options.site
        ? db.prepare(`SELECT * FROM dead_letters WHERE site = ? ORDER BY dead_at, id LIMIT ?`).all(options.site, limit)
        : db.prepare(`SELECT * FROM dead_letters ORDER BY dead_at, id LIMIT ?`).all(limit);
      return rows.map(toLetter);
    },
    async get(id) {
      const row = one.get(id);
      return row ? toLetter(row) : undefined;
    },
    async add(letter) {
      db.prepare(`INSERT OR REPLACE INTO dead_letters (id, site, identity, body, errors, reason, status, attempts, dead_at, triggers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        letter.id, letter.site, letter.identity, JSON.stringify(letter.body), JSON.stringify(letter.errors), letter.reason, letter.status, letter.attempts, letter.deadAt,
        letter.triggers?.length ? JSON.stringify(letter.triggers) : null,
      );
    },
    async replay(id, now) {
      return transaction(db, () => {
        const row = one.get(id);
        if (!row) return false;
        const letter = toLetter(row);
        const submission: PreparedSubmission = {
          id: letter.id,
          site: letter.site,
          identity: letter.identity,
          attributes: letter.body.attributes ?? [],
          events: letter.body.events ?? [],
          ...(letter.body.purchases ? { purchases: letter.body.purchases } : {}),
          ...(letter.triggers ? { triggers: letter.triggers } : {}),
          receivedAt: now,
        };
        const n = countsOf(partOf(submission));
        requeue.run(letter.id, letter.site, identityKey(hashKey, letter.site, letter.identity), JSON.stringify(submission), n.attributes, n.events, n.purchases, now, now);
        remove.run(id);
        return true;
      });
    },
    async drop(id) {
      return Number(remove.run(id).changes) === 1;
    },
    async count() {
      return Number(db.prepare(`SELECT COUNT(*) AS n FROM dead_letters`).get()?.n ?? 0);
    },
  };
}
