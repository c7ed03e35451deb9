/** Delta hashes in the outbox file, keyed with the file's hash key; expired rows are ignored and purged by retention. */
import type { DeltaStore } from '../../delivery/stores.ts';
import { transaction, type SqliteDb } from './sqlite.ts';

export function createSqliteDeltas(db: SqliteDb, hashKey?: string): DeltaStore {
  const select = db.prepare(`SELECT attribute, hash FROM deltas WHERE identity = ? AND expires_at > ?`);
  const upsert = db.prepare(
    `INSERT INTO deltas (identity, attribute, hash, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (identity, attribute) DO UPDATE SET hash = excluded.hash, expires_at = excluded.expires_at`,
  );
  return {
    hashKey,
    async get(identity, now) {
      return Object.fromEntries(select.all(identity, now).map((row) => [String(row.attribute), String(row.hash)]));
    },
    async put(identity, hashes, expiresAt) {
      transaction(db, () => {
        for (const [attribute, hash] of Object.entries(hashes)) upsert.run(identity, attribute, hash, expiresAt);
      });
    },
  };
}
