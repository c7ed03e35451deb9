/**
 * Erasure and retention on Workers. The stores: DEAD_LETTERS (KV, one key per letter), DELTAS (KV,
 * one key per keyed identity hash, each with an expiry) and the D1 database (DB: hash key, erasure
 * log, and the studio's tables). Retention runs from the Cron Trigger (`scheduled`, wrangler.toml `[triggers]`); KV keys
 * with an expiry (deltas, delivered ids) are dropped by KV itself. Submissions still in the Queue
 * cannot be taken out of it: they reach Braze within minutes, where Braze's own delete covers them.
 */
import { createErasureRegistry, type ErasureRegistry, type ErasureTarget } from '../../lifecycle/erasure.ts';
import { deltaKey, legacyDeltaKey } from '../../lifecycle/keyed-hash.ts';
import { retentionPolicy, runRetention, type RetentionKindName, type RetentionPurger, type RetentionReport } from '../../lifecycle/retention.ts';
import type { DeadLetter } from '../../delivery/stores.ts';
import { d1State } from './d1-schema.ts';
import { d1OffersErasure, d1OffersPurgers } from './d1-offers.ts';
import type { WorkerEnv } from './env.ts';
import type { D1Database, KVNamespace } from './cf.ts';
import { analyticsErasure, analyticsPurger } from '../../analytics/lifecycle.ts';
import { d1Store, deferredStore } from './analytics.ts';
import { studioErasureTarget, studioPurgers } from '../../studio/lifecycle.ts';
import type { SqlDatabase } from '../../studio/db.ts';

const LETTER_PREFIX = 'dead:';
const DELTA_PREFIX = 'delta:';

async function allKeys<M>(kv: KVNamespace, prefix: string): Promise<{ name: string; metadata?: M }[]> {
  const keys: { name: string; metadata?: M }[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list<M>({ prefix, cursor });
    keys.push(...page.keys);
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return keys;
}

/** The hash key from D1, or none (unkeyed hashes) when no database is bound. */
export async function workerHashKey(env: WorkerEnv): Promise<string | undefined> {
  return env.DB ? (await d1State(env.DB)).hashKey : undefined;
}

function deadLetterTarget(kv: KVNamespace): ErasureTarget {
  return {
    store: 'dead_letters',
    async erase(subject) {
      const quoted = subject.values.map((v) => JSON.stringify(v));
      let removed = 0;
      for (const { name } of await allKeys(kv, LETTER_PREFIX)) {
        const text = await kv.get(name);
        if (!text) continue;
        const letter = JSON.parse(text) as DeadLetter;
        if (subject.identities.includes(letter.identity) || quoted.some((q) => text.includes(q))) {
          await kv.delete(name);
          removed += 1;
        }
      }
      return { kv: removed };
    },
  };
}

function deltaTarget(kv: KVNamespace, env: WorkerEnv): ErasureTarget {
  return {
    store: 'deltas',
    async erase(subject) {
      const hashKey = await workerHashKey(env);
      let removed = 0;
      for (const site of subject.sites) {
        for (const identity of subject.identities) {
          for (const key of new Set([await deltaKey(hashKey, site, identity), await legacyDeltaKey(site, identity)])) {
            if ((await kv.get(DELTA_PREFIX + key)) === null) continue;
            await kv.delete(DELTA_PREFIX + key);
            removed += 1;
          }
        }
      }
      return { kv: removed };
    },
  };
}

/** The Worker's erasure registry: every store it has bindings for. */
export function workerErasure(env: WorkerEnv): ErasureRegistry | undefined {
  if (!env.DEAD_LETTERS && !env.DELTAS && !env.DB && !env.ANALYTICS_DB) return undefined;
  const registry = createErasureRegistry({
    record: env.DB
      ? async (entry) => {
          await d1State(env.DB!);
          await env.DB!.prepare(`INSERT INTO erasure_log (at, via, removed) VALUES (?, ?, ?)`).bind(entry.at, entry.via, JSON.stringify(entry.removed)).run();
        }
      : undefined,
  });
  if (env.DEAD_LETTERS) registry.register(deadLetterTarget(env.DEAD_LETTERS));
  if (env.DELTAS) registry.register(deltaTarget(env.DELTAS, env));
  if (env.DB) registry.register(d1OffersErasure(env.DB));
  if (env.ANALYTICS_DB) registry.register(analyticsErasure(deferredStore(d1Store(env.ANALYTICS_DB))));
  if (env.DB) registry.register(afterD1Check(env.DB, studioErasureTarget(studioDb(env.DB))));
  return registry;
}

export function workerPurgers(env: WorkerEnv): RetentionPurger[] {
  const purgers: RetentionPurger[] = [];
  const letters = env.DEAD_LETTERS;
  if (letters) {
    purgers.push({
      kind: 'dead_letters',
      store: 'dead_letters',
      async purge(cutoff) {
        let removed = 0;
        for (const key of await allKeys<{ deadAt?: number }>(letters, LETTER_PREFIX)) {
          if ((key.metadata?.deadAt ?? Infinity) >= cutoff) continue;
          await letters.delete(key.name);
          removed += 1;
        }
        return removed;
      },
    });
  }
  const db = env.DB;
  if (db) {
    purgers.push({
      kind: 'erasure_log',
      store: 'lifecycle',
      async purge(cutoff) {
        await d1State(db);
        return (await db.prepare(`DELETE FROM erasure_log WHERE at < ?`).bind(cutoff).run()).meta.changes;
      },
    });
    purgers.push(...d1OffersPurgers(db));
    // The studio's tables are in the same database (migrations/0003_studio.sql), empty when it is off.
    for (const purger of studioPurgers(studioDb(db))) purgers.push({ ...purger, purge: async (cutoff, now) => (await d1State(db), purger.purge(cutoff, now)) });
  }
  if (env.ANALYTICS_DB) purgers.push(analyticsPurger(deferredStore(d1Store(env.ANALYTICS_DB))));
  return purgers;
}

/** D1 as the studio's `SqlDatabase` (it is that shape: proxy/studio/db.ts). */
const studioDb = (db: D1Database) => db as unknown as SqlDatabase;

function afterD1Check(db: D1Database, target: ErasureTarget): ErasureTarget {
  return { store: target.store, erase: async (subject) => (await d1State(db), target.erase(subject)) };
}

/** What the Cron Trigger runs: `now` is the controller's scheduledTime, so tests set the clock. */
export async function runScheduled(env: WorkerEnv, now: number, retention: Partial<Record<RetentionKindName, number>> = {}): Promise<RetentionReport> {
  const report = await runRetention(workerPurgers(env), retentionPolicy(retention), now);
  const removed = Object.entries(report.removed).filter(([, n]) => n > 0);
  if (removed.length) console.log(`inlet: retention removed ${removed.map(([k, n]) => `${n} ${k}`).join(', ')}`);
  return report;
}
