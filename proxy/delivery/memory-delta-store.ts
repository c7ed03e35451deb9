/** A `DeltaStore` in memory: for tests, and for a single long-lived process without SQLite. */
import type { DeltaStore } from './stores.ts';

export function createMemoryDeltaStore(): DeltaStore {
  const records = new Map<string, Map<string, { hash: string; expiresAt: number }>>();
  return {
    async get(identityKey, now) {
      const out: Record<string, string> = {};
      for (const [name, entry] of records.get(identityKey) ?? []) if (entry.expiresAt > now) out[name] = entry.hash;
      return out;
    },
    async put(identityKey, hashes, expiresAt) {
      const record = records.get(identityKey) ?? new Map<string, { hash: string; expiresAt: number }>();
      for (const [name, hash] of Object.entries(hashes)) record.set(name, { hash, expiresAt });
      records.set(identityKey, record);
    },
  };
}
