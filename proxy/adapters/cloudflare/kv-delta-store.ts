/**
 * Delta hashes in Workers KV: one key per identity (a hash, keyed with D1's hash key when bound), holding
 * each attribute's hash with its own expiry; the key itself expires with the latest of them.
 * KV is eventually consistent: at worst an unchanged attribute is sent again, never one is lost.
 */
import type { DeltaStore } from '../../delivery/stores.ts';
import type { KVNamespace } from './cf.ts';

type Record_ = Record<string, { h: string; e: number }>;

/** KV refuses expirations less than 60 s away. */
const KV_MIN_TTL_MS = 60_000;

export function kvDeltaStore(kv: KVNamespace, prefix = 'delta:', hashKey?: string): DeltaStore {
  const read = async (key: string): Promise<Record_> => {
    const text = await kv.get(prefix + key);
    if (!text) return {};
    try {
      return JSON.parse(text) as Record_;
    } catch {
      return {};
    }
  };
  return {
    hashKey,
    async get(identityKey, now) {
      const hashes: Record<string, string> = {};
      for (const [name, entry] of Object.entries(await read(identityKey))) if (entry.e > now) hashes[name] = entry.h;
      return hashes;
    },
    async put(identityKey, hashes, expiresAt) {
      const now = Date.now();
      const record = await read(identityKey);
      for (const [name, entry] of Object.entries(record)) if (entry.e <= now) delete record[name];
      for (const [name, h] of Object.entries(hashes)) record[name] = { h, e: expiresAt };
      const latest = Math.max(...Object.values(record).map((entry) => entry.e));
      await kv.put(prefix + identityKey, JSON.stringify(record), { expiration: Math.ceil(Math.max(latest, now + KV_MIN_TTL_MS) / 1000) });
    },
  };
}
