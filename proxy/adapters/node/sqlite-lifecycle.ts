/**
 * Erasure and retention of the Node outbox file: its `ErasureTarget` and `RetentionPurger`s, and
 * the erasure log. Other stores' targets register into the same registry (proxy/lifecycle/).
 */
import type { ErasureLogEntry, ErasureSubject, ErasureTarget } from '../../lifecycle/erasure.ts';
import { deltaKey, legacyDeltaKey, legacyOutboxKey, outboxKey } from '../../lifecycle/keyed-hash.ts';
import type { RetentionPurger } from '../../lifecycle/retention.ts';
import { transaction, type SqliteDb } from './sqlite.ts';

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Sites a person may have rows under: the config's, plus any this file holds rows for. */
function sitesOf(db: SqliteDb, subject: ErasureSubject): string[] {
  const held = db.prepare(`SELECT site FROM outbox UNION SELECT site FROM dead_letters`).all().map((r) => String(r.site));
  return [...new Set([...subject.sites, ...held])];
}

async function keysFor(subject: ErasureSubject, sites: string[], hashKey: string) {
  const outbox: string[] = [];
  const deltas: string[] = [];
  for (const site of sites) {
    for (const identity of subject.identities) {
      // Legacy (unkeyed) keys too: a row written by an older release that no migration re-keyed.
      outbox.push(await outboxKey(hashKey, site, identity), await legacyOutboxKey(site, identity));
      deltas.push(await deltaKey(hashKey, site, identity), await legacyDeltaKey(site, identity));
    }
  }
  return { outbox, deltas };
}

export function outboxFileErasure(db: SqliteDb, hashKey: string): ErasureTarget {
  return {
    store: 'outbox',
    async erase(subject) {
      const keys = await keysFor(subject, sitesOf(db, subject), hashKey);
      // A value appears in stored JSON as a quoted string; matching it finds a phone number given
      // on a later step of a submission identified by email, and the reverse.
      const quoted = subject.values.map((v) => JSON.stringify(v));
      const contains = (column: string) => quoted.map(() => `instr(${column}, ?) > 0`).join(' OR ');
      const removed = transaction(db, () => {
        const outbox = db
          .prepare(`DELETE FROM outbox WHERE identity IN (${placeholders(keys.outbox.length)})${quoted.length ? ` OR (payload IS NOT NULL AND (${contains('payload')}))` : ''}`)
          .run(...keys.outbox, ...quoted).changes;
        const deadLetters = db
          .prepare(
            `DELETE FROM dead_letters WHERE identity IN (${placeholders(subject.identities.length)})${quoted.length ? ` OR ${contains('body')} OR (triggers IS NOT NULL AND (${contains('triggers')}))` : ''}`,
          )
          .run(...subject.identities, ...quoted, ...quoted).changes;
        const deltas = db.prepare(`DELETE FROM deltas WHERE identity IN (${placeholders(keys.deltas.length)})`).run(...keys.deltas).changes;
        return { outbox: Number(outbox), dead_letters: Number(deadLetters), deltas: Number(deltas) };
      });
      // Old page images in the write-ahead log still hold the rows: fold it into the file and empty it.
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      return removed;
    },
  };
}

export function recordErasure(db: SqliteDb) {
  const insert = db.prepare(`INSERT INTO erasure_log (at, via, removed) VALUES (?, ?, ?)`);
  return async (entry: ErasureLogEntry) => void insert.run(entry.at, entry.via, JSON.stringify(entry.removed));
}

export function outboxFilePurgers(db: SqliteDb): RetentionPurger[] {
  const run = (sql: string, ...params: number[]) => Number(db.prepare(sql).run(...params).changes);
  return [
    { kind: 'delivered_ids', store: 'outbox', purge: async (cutoff) => run(`DELETE FROM outbox WHERE settled_at IS NOT NULL AND settled_at < ? AND state IN ('done', 'dead')`, cutoff) },
    // A delta row expires after the deltas period (its TTL is that period); expired rows go.
    { kind: 'deltas', store: 'outbox', purge: async (_cutoff, now) => run(`DELETE FROM deltas WHERE expires_at <= ?`, now) },
    { kind: 'dead_letters', store: 'outbox', purge: async (cutoff) => run(`DELETE FROM dead_letters WHERE dead_at < ?`, cutoff) },
    { kind: 'erasure_log', store: 'lifecycle', purge: async (cutoff) => run(`DELETE FROM erasure_log WHERE at < ?`, cutoff) },
  ];
}
