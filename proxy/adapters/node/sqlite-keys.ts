/**
 * The keyed hashes of proxy/lifecycle/keyed-hash.ts, synchronously (the outbox enqueues inside one
 * SQLite statement), and the file's hash key.
 */
import { createHash, createHmac } from 'node:crypto';
import type { SqliteDb } from './sqlite.ts';

export const keyedHashSync = (key: string, text: string) => createHmac('sha256', key).update(text).digest('base64url').slice(0, 22);

/** The outbox's identity key: keyed when the file has a key (schema version 2 on). */
export function outboxKeySync(key: string | undefined, site: string, identity: string): string {
  const legacy = createHash('sha256').update(`${site}\n${identity}`).digest('base64url').slice(0, 22);
  return key ? keyedHashSync(key, legacy) : legacy;
}

export function readHashKey(db: SqliteDb): string {
  const row = db.prepare(`SELECT value FROM inlet_meta WHERE name = 'hash_key'`).get();
  if (!row) throw new Error('This SQLite file has no hash key: open it through openOutboxFile, which migrates it.');
  return String(row.value);
}
