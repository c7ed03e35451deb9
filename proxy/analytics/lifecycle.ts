/**
 * The analytics store in the data lifecycle (docs/data.md): raw events (and visits, manifest fetches)
 * go after the `analytics_events` retention period while the exact counts stay; erasing a person
 * removes the keyed hash of their email or phone, the only thing analytics keeps that derives from
 * an identifier, so nothing left links the counts to them.
 */
import type { ErasureTarget } from '../lifecycle/erasure.ts';
import type { RetentionPurger } from '../lifecycle/retention.ts';
import { identifierHash } from './index.ts';
import type { AnalyticsStore } from './store.ts';

export function analyticsPurger(store: AnalyticsStore): RetentionPurger {
  return { kind: 'analytics_events', store: 'analytics', purge: (cutoff) => store.prune(cutoff) };
}

/** `settle` runs after the rows are gone: on SQLite, a checkpoint, so no old copy stays in the write-ahead log. */
export function analyticsErasure(store: AnalyticsStore, settle: () => void = () => {}, now: () => number = Date.now): ErasureTarget {
  return {
    store: 'analytics',
    async erase(subject) {
      const key = await store.key('identifiers', now());
      const sites = [...new Set([...subject.sites, ...(await store.sites())])];
      const hashes = [];
      for (const site of sites) for (const identity of subject.identities) hashes.push({ site, hash: await identifierHash(key, site, identity) });
      const identifiers = await store.forgetIdentifiers(hashes);
      settle();
      return { identifiers };
    },
  };
}
