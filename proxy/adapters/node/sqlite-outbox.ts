/**
 * The Node outbox: one row per submission, keyed by its id. `INSERT OR IGNORE` makes a resent id a
 * no-op (same 202, delivered once); the row is on disk before `enqueue` resolves.
 *
 * A retry that carries `remaining` (track objects accepted, trigger still to send) rewrites the
 * row's payload and counts to that remainder in the same statement as its new due time: from then
 * on the row holds only the trigger, so no later round can send its track objects again.
 */
import type { ClaimOptions, DeadLetter, OutboxEntry, OutboxStore } from '../../delivery/stores.ts';
import type { PreparedSubmission } from '../../delivery/types.ts';
import { countsOf, fits, NO_OBJECTS, partOf, type Counts } from '../../delivery/pack.ts';
import { outboxKeySync } from './sqlite-keys.ts';
import { transaction, type SqliteDb, type SqlValue } from './sqlite.ts';

export interface SqliteOutboxOptions {
  /** Settled rows are kept this long so a late retry of the same id is still recognised. */
  retainMs: number;
  /** The file's hash key: identity keys are keyed hashes (sqlite-keys.ts). */
  hashKey?: string;
}

export { outboxKeySync as identityKey } from './sqlite-keys.ts';

export function createSqliteOutbox(db: SqliteDb, options: SqliteOutboxOptions = { retainMs: 30 * 24 * 3600_000 }): OutboxStore & { enqueueSync(s: PreparedSubmission, now: number): boolean } {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO outbox (id, site, identity, payload, n_attributes, n_events, n_purchases, state, attempts, enqueued_at, due_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
  );
  const markInflight = db.prepare(`UPDATE outbox SET state = 'inflight' WHERE seq = ?`);
  const markDone = db.prepare(`UPDATE outbox SET state = ?, payload = NULL, settled_at = ?, last_error = ? WHERE id = ? AND state = 'inflight'`);
  const markRetry = db.prepare(`UPDATE outbox SET state = 'pending', due_at = ?, attempts = attempts + ?, last_error = ? WHERE id = ? AND state = 'inflight'`);
  const markRemainder = db.prepare(
    `UPDATE outbox SET state = 'pending', due_at = ?, attempts = attempts + ?, last_error = ?, payload = ?, n_attributes = ?, n_events = ?, n_purchases = ?
     WHERE id = ? AND state = 'inflight'`,
  );
  const putLetter = db.prepare(
    `INSERT OR REPLACE INTO dead_letters (id, site, identity, body, errors, reason, status, attempts, dead_at, triggers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const purge = db.prepare(`DELETE FROM outbox WHERE settled_at IS NOT NULL AND settled_at < ? AND state IN ('done', 'dead')`);
  const purgeDeltas = db.prepare(`DELETE FROM deltas WHERE expires_at <= ?`);
  const depth = db.prepare(`SELECT COUNT(*) AS n, MIN(enqueued_at) AS oldest FROM outbox WHERE state IN ('pending', 'inflight')`);
  let lastPurge = 0;

  const notIn = (column: string, values: readonly string[]) => (values.length ? ` AND ${column} NOT IN (${values.map(() => '?').join(', ')})` : '');

  function enqueueSync(submission: PreparedSubmission, now: number): boolean {
    const n = countsOf(partOf(submission));
    const key = outboxKeySync(options.hashKey, submission.site, submission.identity);
    const result = insert.run(submission.id, submission.site, key, JSON.stringify(submission), n.attributes, n.events, n.purchases, now, now);
    return Number(result.changes) === 1;
  }

  /**
   * Group commit: enqueues arriving in the same turn of the event loop are written in one
   * transaction, one fsync for all of them, and each resolves only once that commit is on disk.
   * Under a burst of ~1,000 sign-ups/s an fsync per sign-up would hold the event loop most of the
   * time and starve the delivery worker that shares it.
   */
  let group: { submission: PreparedSubmission; now: number; resolve: (inserted: boolean) => void; reject: (error: unknown) => void }[] = [];
  function commitGroup(): void {
    const batch = group;
    group = [];
    let results: boolean[];
    try {
      results = transaction(db, () => batch.map((item) => enqueueSync(item.submission, item.now)));
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => item.resolve(results[i]!));
  }

  return {
    enqueueSync,
    enqueue(submission, now) {
      return new Promise<boolean>((resolve, reject) => {
        if (group.length === 0) setImmediate(commitGroup);
        group.push({ submission, now, resolve, reject });
      });
    },

    async claim({ now, limits, skipSites }: ClaimOptions) {
      // An older submission of the same person still on its way (in flight, or waiting to retry) holds this one back.
      const sql = `SELECT seq, payload, n_attributes, n_events, n_purchases, attempts, enqueued_at FROM outbox o
        WHERE state = 'pending' AND due_at <= ?${notIn('site', skipSites)}
          AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.identity = o.identity AND p.seq < o.seq
                          AND (p.state = 'inflight' OR (p.state = 'pending' AND p.due_at > ?)))
        ORDER BY seq LIMIT ?`;
      return transaction(db, () => {
        // One row more than can fit tells whether due rows remain.
        const rows = db.prepare(sql).all(now, ...skipSites, now, limits.maxObjects * (limits.mode === 'combined' ? 1 : 3) + 1);
        const entries: OutboxEntry[] = [];
        const used: Counts = { ...NO_OBJECTS };
        for (const row of rows) {
          const add: Counts = { attributes: Number(row.n_attributes), events: Number(row.n_events), purchases: Number(row.n_purchases) };
          if (entries.length > 0 && !fits(used, add, limits)) return { entries, more: true };
          used.attributes += add.attributes;
          used.events += add.events;
          used.purchases += add.purchases;
          markInflight.run(row.seq as number);
          entries.push({ submission: JSON.parse(row.payload as string) as PreparedSubmission, attempts: Number(row.attempts), enqueuedAt: Number(row.enqueued_at) });
        }
        return { entries, more: false };
      });
    },

    async settle(settlements, now) {
      transaction(db, () => {
        for (const s of settlements) {
          if (s.kind === 'retry' && s.remaining) {
            const n = countsOf(partOf(s.remaining));
            markRemainder.run(now + s.delayMs, s.countsAsAttempt ? 1 : 0, s.reason, JSON.stringify(s.remaining), n.attributes, n.events, n.purchases, s.id);
            continue;
          }
          if (s.kind === 'retry') {
            markRetry.run(now + s.delayMs, s.countsAsAttempt ? 1 : 0, s.reason, s.id);
            continue;
          }
          markDone.run(s.dead ? 'dead' : 'done', now, s.deadLetter?.reason ?? null, s.id);
          if (s.deadLetter) writeLetter(s.deadLetter);
        }
      });
      if (now - lastPurge > 60_000) {
        lastPurge = now;
        purge.run(now - options.retainMs);
        purgeDeltas.run(now);
      }
    },

    async recover() {
      return Number(db.prepare(`UPDATE outbox SET state = 'pending' WHERE state = 'inflight'`).run().changes);
    },

    async nextDueAt(skipSites) {
      const row = db.prepare(`SELECT MIN(due_at) AS due FROM outbox WHERE state = 'pending'${notIn('site', skipSites)}`).get(...skipSites);
      return row?.due === null || row?.due === undefined ? undefined : Number(row.due);
    },

    async depth() {
      const row = depth.get();
      return { pending: Number(row?.n ?? 0), ...(row?.oldest == null ? {} : { oldestPendingAt: Number(row.oldest) }) };
    },
  };

  function writeLetter(letter: DeadLetter): void {
    const values: SqlValue[] = [
      letter.id,
      letter.site,
      letter.identity,
      JSON.stringify(letter.body),
      JSON.stringify(letter.errors),
      letter.reason,
      letter.status,
      letter.attempts,
      letter.deadAt,
      letter.triggers?.length ? JSON.stringify(letter.triggers) : null,
    ];
    putLetter.run(...values);
  }
}
