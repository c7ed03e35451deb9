/**
 * Only deltas reach Braze: an attribute whose value Inlet already delivered for this identity is left
 * out, because Braze bills every attribute write, unchanged or not (braze-api.md §8). Subscription
 * states, identifiers and events always go. Hashes are remembered only once Braze accepted the object.
 */
import type { BrazeAttributesObject } from '../braze/types.ts';
import { CONTROL_KEYS, lookupKey, SUBSCRIPTION_KEYS, valuePoints } from './data-points.ts';
import { deltaKey } from '../lifecycle/keyed-hash.ts';
import type { DeltaStore } from './stores.ts';
import type { PreparedSubmission } from './types.ts';

export interface DeltaPlan {
  /** The submission with unchanged attributes (and objects left with nothing to write) removed. */
  submission: PreparedSubmission;
  /** Data points not sent. */
  saved: number;
  /** Per attributes object of `submission`: the hashes to remember once Braze accepts it. */
  hashes: Record<string, string>[];
  identityKey: string;
}

/** Arrays changed by `add`/`remove` are not idempotent, so they always go; a later full value then differs. */
const incremental = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value) && ('add' in value || 'remove' in value);

export async function planDelta(submission: PreparedSubmission, store: DeltaStore, now: number): Promise<DeltaPlan> {
  const identityKey = await deltaKey(store.hashKey, submission.site, submission.identity);
  const hashOf = (value: unknown) => keyedValueHash(store.hashKey, valueHash(canonical(value)));
  const known = await store.get(identityKey, now);
  const attributes: BrazeAttributesObject[] = [];
  const hashes: Record<string, string>[] = [];
  let saved = 0;
  for (const object of submission.attributes) {
    const keep = lookupKey(object);
    const reduced: BrazeAttributesObject = {};
    const sent: Record<string, string> = {};
    let writes = false;
    for (const [key, value] of Object.entries(object)) {
      if (value === undefined) continue;
      if (key === keep || CONTROL_KEYS.has(key) || SUBSCRIPTION_KEYS.has(key)) {
        reduced[key] = value;
        if (SUBSCRIPTION_KEYS.has(key)) writes = true;
        continue;
      }
      const hash = hashOf(value);
      if (!incremental(value) && known[key] === hash) {
        saved += valuePoints(value);
        continue;
      }
      reduced[key] = value;
      sent[key] = hash;
      writes = true;
    }
    const keepHash = keep ? hashOf(object[keep]) : undefined;
    // Identifiers alone write nothing new once this identity was delivered (yet the lookup key is
    // billed): leave the object out. Never delivered, the object creates the profile, so it goes.
    const delivered = keep ? known[keep] === keepHash : Object.keys(known).length > 0;
    if (!writes && delivered) {
      if (keep) saved += valuePoints(object[keep]);
      continue;
    }
    if (keep) sent[keep] = keepHash!;
    attributes.push(reduced);
    hashes.push(sent);
  }
  return { submission: { ...submission, attributes }, saved, hashes, identityKey };
}

/** Remembers what Braze accepted: `accepted` lists indexes into `plan.submission.attributes`. */
export async function rememberDelivered(plan: DeltaPlan, accepted: readonly number[], store: DeltaStore, expiresAt: number): Promise<void> {
  const merged: Record<string, string> = {};
  for (const index of accepted) Object.assign(merged, plan.hashes[index]);
  if (Object.keys(merged).length > 0) await store.put(plan.identityKey, merged, expiresAt);
}

/** JSON with object keys sorted, so equal values hash equally whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * 64 bits from two multiply-xorshift lanes (cyrb53's construction): synchronous and fast, and a
 * collision (which would skip one changed value) has odds around 2^-64 per comparison.
 */
export function valueHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(36) + '.' + (h1 >>> 0).toString(36);
}

/** A value hash under the store's key: fast (one per attribute per sign-up), and re-keyable from the unkeyed one. */
export const keyedValueHash = (key: string | undefined, unkeyed: string) => (key ? valueHash(`${key}\n${unkeyed}`) : unkeyed);
